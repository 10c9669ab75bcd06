"""Core: geography (postcode areas, districts, addresses), the offer base and shared helpers.

Imports no other stadt360 app.
"""
