"""Reference data shipped with the app (Gera's facts, its Ortsteile, KldB 2010, demo profile).

The installed app must work without the project's shared data folder, so the small
facts it needs live here as data files; ``reference.py`` loads them into the database.
"""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
