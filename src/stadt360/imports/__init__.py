"""Feed imports: feed sources, import runs and their issues, one adapter per format.

Adapters parse a file into records with positions and map them to offer data; the write
services in ``offers.services`` are the only writers. May import
core, providers and the offer kinds; never presentation apps.
"""

from pathlib import Path


def templates_csv_path() -> Path:
    """The folder with the downloadable CSV templates (kitas.csv, schulen.csv)."""
    return Path(__file__).resolve().parent / "templates_csv"
