"""Seeded, fictitious demo data for a region (Gera first), generated from a data profile.

Everything city-specific (industry mix, rents, streets, names) lives in
``demo/data/gera_demo.json``; this package only turns a profile and a seed into rows.
It sits at the top of the dependency graph: it imports the offer apps, nothing imports it
except the management commands.
"""
