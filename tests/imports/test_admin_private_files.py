"""The Django admin shows runs and sources with private files without asking them for a URL.

Private files have no URL (``storage.url`` refuses); the admin's file widget and read-only
display would ask for one and fail. Runs link to the portal download instead.
"""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.urls import reverse

from stadt360.imports.models import FeedSource, ImportRun
from stadt360.imports.services import start_import


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root@gera.example", "root@gera.example", "x")


def change_page(model, obj, user) -> str:
    request = RequestFactory().get("/admin/")
    request.user = user
    response = admin.site._registry[model].change_view(request, str(obj.pk))
    return response.render().content.decode()


def test_a_run_with_a_file_shows_the_portal_download(superuser, landlord) -> None:
    run = start_import(provider=landlord, content=b"<openimmo/>", file_name="objekte.xml")
    page = change_page(ImportRun, run, superuser)
    assert reverse("portal:import-file", args=[run.pk]) in page
    assert "objekte.xml" in page
    assert "/media/" not in page


def test_a_source_with_a_file_can_be_edited(superuser, landlord) -> None:
    source = FeedSource.objects.create(provider=landlord, name="Bestand")
    source.file.save("bestand.xml", ContentFile(b"<openimmo/>"))
    page = change_page(FeedSource, source, superuser)
    assert 'type="file"' in page
    assert "/media/" not in page
