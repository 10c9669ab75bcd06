"""Imported offers reach the search index: bulk writes send no signals, the refresh task does."""

import pytest

from stadt360.housing.models import Flat
from stadt360.search.selectors import search
from tests.imports.conftest import SHARED, import_file

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.mark.django_db(transaction=True)
def test_flats_from_an_openimmo_export_are_found_by_search(settings, gera, landlord) -> None:
    settings.TASKS = IMMEDIATE
    run = import_file(SHARED / "openimmo" / "laravel-openimmo-example-immowelt.xml", landlord)
    assert run.created > 0

    results = search(query="Wohnung", kinds=["flat"], language="de")

    assert [(hit.kind, hit.id) for hit in results.hits] == [("flat", Flat.objects.get().pk)]
