"""Typed response shapes of the read API, one module per offer kind."""
