"""OpenImmo: the real sample files, version variants, look-alike formats, messy exports."""

from decimal import Decimal

import pytest
from django.utils import translation

from stadt360.core.choices import OfferSource, OfferStatus
from stadt360.housing.models import Flat
from stadt360.imports.models import RunStatus
from tests.imports.conftest import SHARED, import_file, issues

pytestmark = pytest.mark.django_db
OPENIMMO = SHARED / "openimmo"


def test_official_sample_sale_object_is_skipped_with_a_clear_message(landlord) -> None:
    with translation.override("en"):
        run = import_file(OPENIMMO / "openestate-example-openimmo.xml", landlord)
    assert run.status == RunStatus.SUCCEEDED
    assert (run.total, run.skipped, run.created) == (1, 1, 0)
    issue = run.issues.get(level="skipped")
    assert issue.position == "/openimmo/anbieter[1]/immobilie[1]"
    assert "for sale" in issue.message
    assert not Flat.objects.exists()


def test_immowelt_export_with_empty_cdata_and_br_imports(landlord) -> None:
    with translation.override("en"):
        run = import_file(OPENIMMO / "laravel-openimmo-example-immowelt.xml", landlord)
    assert (run.status, run.created, run.rejected) == (RunStatus.SUCCEEDED, 1, 0)
    flat = Flat.objects.get()
    assert (flat.external_id, flat.source, flat.status) == (
        "8333",
        OfferSource.IMPORT,
        OfferStatus.PUBLISHED,
    )
    assert (flat.cold_rent, flat.service_costs, flat.heating_costs) == (940, 322, 0)
    assert (flat.rooms, flat.living_space, flat.postcode, flat.lift) == (
        2,
        Decimal("72.3"),
        "97084",
        True,
    )
    assert flat.title == "Reinkommen, wohlfühlen, losleben!"
    assert "<br>" not in flat.description
    # no <uebertragung> and no coordinates: both said in plain words
    codes = {code for _level, code, _pos in issues(run)}
    assert "postcode_centroid" in codes
    assert any("uebertragung" in i.message for i in run.issues.all())


@pytest.mark.parametrize(
    "name",
    [
        "openestate-test-openimmo-1-2-2-downgrade.xml",
        "openestate-test-openimmo-1-2-7-downgrade.xml",
        "openestate-test-openimmo-1-2-7-upgrade.xml",
        "openestate-test-openimmo-1-2-7b-downgrade.xml",
    ],
)
def test_version_fixtures_are_read_record_by_record(landlord, name: str) -> None:
    """Converter fixtures hold fragments: each is reported, none crashes the run."""
    run = import_file(OPENIMMO / name, landlord)
    assert run.status in (RunStatus.PARTIAL, RunStatus.SUCCEEDED)
    assert run.total == run.processed == run.created + run.rejected + run.skipped
    assert run.total > 0
    errors = run.issues.filter(level="error")
    assert errors.count() >= run.rejected
    assert all(e.position.startswith("/openimmo/anbieter[") for e in errors)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("openestate-example-is24.xml", "is24"),
        ("openestate-example-immoxml.xml", "immoxml"),
        ("openestate-example-openimmo-feedback.xml", "openimmo_feedback"),
    ],
)
def test_look_alike_formats_are_refused(landlord, name: str, code: str) -> None:
    run = import_file(OPENIMMO / name, landlord)
    assert run.status == RunStatus.REJECTED
    assert run.issues.get().code == code
    assert run.message
    assert not Flat.objects.exists()
