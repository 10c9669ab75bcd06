"""Accounts: users, roles, privacy self-service (export, delete). May import core, providers."""
