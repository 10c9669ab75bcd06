import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from stadt360.imports.models import ImportRun
from stadt360.imports.services import run_import
from stadt360.providers.models import Provider, ProviderKind
from tests.factories import ProviderFactory

SHARED = Path(settings.STADT360_SHARED_DATA)
DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path: Path) -> None:
    """Uploaded feed files go to a temporary private folder, never into the project's var/."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def landlord(db: None) -> Provider:
    return ProviderFactory(kind=ProviderKind.HOUSING, name="Wohnen in Gera eG")


@pytest.fixture
def employer(db: None) -> Provider:
    return ProviderFactory(kind=ProviderKind.EMPLOYER, name="Klinikum Gera")


@pytest.fixture
def operator(db: None) -> Provider:
    return ProviderFactory(kind=ProviderKind.CHILDCARE, name="Kita-Träger Gera")


def import_bytes(
    content: bytes,
    provider: Provider,
    *,
    file_name: str = "feed",
    format: str = "auto",
    full_feed: bool = False,
    **kwargs: object,
) -> ImportRun:
    run = ImportRun.objects.create(
        provider=provider, format=format, full_feed=full_feed, file_name=file_name
    )
    return run_import(run=run, content=content, **kwargs)


def import_file(path: Path, provider: Provider, **kwargs: object) -> ImportRun:
    return import_bytes(path.read_bytes(), provider, file_name=path.name, **kwargs)


def issues(run: ImportRun) -> list[tuple[str, str, str]]:
    return list(run.issues.values_list("level", "code", "position"))


def openimmo(flats: int, seed: int = 360) -> bytes:
    """An OpenImmo document of ``flats`` flats in Gera, from the benchmark's generator."""
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "bench" / "imports.py"
    spec = importlib.util.spec_from_file_location("bench_imports", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate_openimmo(flats, seed)


class SharedDatabase:
    """The test database, reachable from child processes (management commands, workers).

    PostgreSQL: the test database itself. SQLite: a file copy of the in-memory test
    database, copied back after each child.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.file = folder / "shared.sqlite3"
        self.sqlite = connection.vendor == "sqlite"

    def env(self) -> dict[str, str]:
        settings = connection.settings_dict
        if self.sqlite:
            url = f"sqlite:///{self.file}"
        else:
            url = (
                f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@"
                f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
            )
        env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL",)}
        return env | {
            "DATABASE_URL": url,
            "STADT360_VAR_DIR": str(self.folder),
            "TASK_BACKEND": "database",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        }

    def export(self) -> None:
        """Makes the parent's committed data visible to children (SQLite: a file copy)."""
        connection.ensure_connection()
        if self.sqlite:
            with closing(sqlite3.connect(self.file)) as target:
                connection.connection.backup(target)

    def restore(self) -> None:
        """Makes the children's writes visible to the parent."""
        if self.sqlite:
            with closing(sqlite3.connect(self.file)) as source:
                source.backup(connection.connection)

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Runs a Python child on the shared database; the parent sees its writes afterwards."""
        self.export()
        done = subprocess.run(
            [sys.executable, *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=ROOT,
        )
        self.restore()
        return done


@pytest.fixture
def shared(tmp_path: Path, settings, transactional_db: None) -> Iterator[SharedDatabase]:
    settings.MEDIA_ROOT = tmp_path / "media"
    with override_settings(TASKS=DATABASE_TASKS):
        yield SharedDatabase(tmp_path)
