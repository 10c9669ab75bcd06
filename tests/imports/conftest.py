from pathlib import Path

import pytest
from django.conf import settings

from stadt360.imports.models import ImportRun
from stadt360.imports.services import run_import
from stadt360.providers.models import Provider, ProviderKind
from tests.factories import ProviderFactory

SHARED = Path(settings.STADT360_SHARED_DATA)
DATA = Path(__file__).parent / "data"


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
