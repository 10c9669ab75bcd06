"""Cooperation between companies and the city: needs and offers (posts), matching with
reasons, and expressions of interest sent to several posts or companies at once.

May import ``core``, ``providers`` and ``companies`` (profiles, industries, text similarity).
"""
