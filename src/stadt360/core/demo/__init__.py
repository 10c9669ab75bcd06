"""Seeded, fictitious demo data for a region (Gera first), generated from a data profile.

Everything city-specific (industry mix, rents, streets, names) lives in
``core/data/gera_demo.json``; this package only turns a profile and a seed into rows.
It sits at the top of the dependency graph: it imports the offer apps, nothing imports it
except the management commands.
"""

from .generator import (
    DemoDataExists,
    DemoReport,
    delete_demo_data,
    demo_data_exists,
    generate_demo_data,
)

__all__ = [
    "DemoDataExists",
    "DemoReport",
    "delete_demo_data",
    "demo_data_exists",
    "generate_demo_data",
]
