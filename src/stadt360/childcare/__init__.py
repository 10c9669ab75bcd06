"""Childcare: Kitas, their opening hours and free places. May import core, providers, offers."""
