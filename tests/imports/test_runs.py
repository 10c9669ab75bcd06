"""Import runs: idempotent re-runs, full and partial feeds, withdrawal, crashes, limits, safety."""

import io
import re
import zipfile

import pytest
from django.test import override_settings
from django.utils import translation

from stadt360.core.choices import OfferStatus
from stadt360.core.models import AuditEntry
from stadt360.housing.models import Flat
from stadt360.imports.adapters import parse_feed
from stadt360.imports.models import ImportRun, RunStatus
from stadt360.imports.services import report, run_import
from tests.imports.conftest import SHARED, import_bytes, import_file, openimmo

pytestmark = pytest.mark.django_db


def test_reimport_changes_nothing(landlord) -> None:
    feed = openimmo(30)
    first = import_bytes(feed, landlord)
    assert (first.status, first.created) == (RunStatus.SUCCEEDED, 30)
    entries = AuditEntry.objects.count()
    again = import_bytes(feed, landlord)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 30)
    assert AuditEntry.objects.count() == entries
    assert AuditEntry.objects.filter(via=first.via, action="flat.created").count() == 30


def test_changed_record_is_updated_and_audited(landlord) -> None:
    import_bytes(openimmo(5), landlord)
    changed = openimmo(5).replace(b"<kaltmiete>", b"<kaltmiete>1", 1)
    run = import_bytes(changed, landlord)
    assert (run.updated, run.unchanged) == (1, 4)
    entry = AuditEntry.objects.get(via=run.via)
    assert list(entry.changes) == ["cold_rent"]


def test_full_feed_withdraws_missing_offers_partial_feed_keeps_them(landlord) -> None:
    import_bytes(openimmo(10), landlord)
    partial = import_bytes(openimmo(6), landlord)
    assert partial.withdrawn == 0
    assert Flat.objects.published().count() == 10
    full = import_bytes(openimmo(6), landlord, full_feed=True)
    assert (full.unchanged, full.withdrawn) == (6, 4)
    assert Flat.objects.published().count() == 6
    assert AuditEntry.objects.filter(via=full.via, action="flat.withdrawn").count() == 4
    back = import_bytes(openimmo(10), landlord, full_feed=True)
    assert (back.updated, back.unchanged, back.withdrawn) == (4, 6, 0)


def test_delete_action_withdraws_the_offer(landlord) -> None:
    import_bytes(openimmo(3), landlord)
    deleted = openimmo(3).replace(b'aktionart="CHANGE"', b'aktionart="DELETE"', 1)
    run = import_bytes(deleted, landlord)
    assert (run.withdrawn, run.unchanged) == (1, 2)
    assert Flat.objects.get(external_id="GERA-000001").status == OfferStatus.ARCHIVED


def test_one_broken_record_is_reported_the_rest_imports(landlord) -> None:
    feed = openimmo(5)
    start = feed.index(b"<immobilie>", feed.index(b"<immobilie>") + 1)  # the second object
    broken = feed[:start] + feed[start:].replace(b"<kaltmiete>", b"<kaltmiete>viel", 1)
    duplicate = broken.replace(b"GERA-000004", b"GERA-000003")
    with translation.override("en"):
        run = import_bytes(duplicate, landlord)
    assert (run.status, run.created, run.rejected) == (RunStatus.PARTIAL, 3, 2)
    codes = set(run.issues.filter(level="error").values_list("code", flat=True))
    assert codes == {"invalid", "duplicate"}
    text = report(run)
    assert "/openimmo/anbieter[1]/immobilie[2]" in text
    assert "Cold rent is not a number" in text


def test_model_validation_errors_name_the_field(landlord) -> None:
    feed = re.sub(rb"<anzahl_zimmer>[^<]*<", b"<anzahl_zimmer>0.5<", openimmo(2), count=1)
    with translation.override("en"):
        run = import_bytes(feed, landlord)
    issue = run.issues.get(level="error")
    assert (issue.field, run.created) == ("rooms", 1), list(run.issues.values_list("message"))
    assert issue.message.startswith("Rooms:")


class CrashingRecords(list):
    """The records of a real feed, but reading past ``after`` fails like a broken adapter."""

    def __init__(self, records: list, after: int) -> None:
        super().__init__(records)
        self.after = after

    def __getitem__(self, index):
        if isinstance(index, slice) and (index.start or 0) >= self.after:
            raise RuntimeError("adapter crashed")
        return super().__getitem__(index)


def crashing_parser(after: int):
    def parse(content: bytes, *, format: str, options):
        feed = parse_feed(content, format=format, options=options)
        feed.records = CrashingRecords(feed.records, after)
        return feed

    return parse


@override_settings(IMPORT_BATCH_SIZE=10)
def test_crash_mid_run_leaves_whole_records_and_a_rerun_converges(landlord) -> None:
    feed = openimmo(35)
    run = ImportRun.objects.create(provider=landlord, full_feed=True)
    with pytest.raises(RuntimeError):
        run_import(run=run, content=feed, parser=crashing_parser(after=20))
    run.refresh_from_db()
    assert (run.status, run.processed, run.created) == (RunStatus.FAILED, 20, 20)
    assert Flat.objects.count() == 20  # two whole batches, nothing half-written
    assert AuditEntry.objects.filter(via=run.via).count() == 20
    assert run.withdrawn == 0  # a crashed full feed withdraws nothing
    again = import_bytes(feed, landlord, full_feed=True)
    assert (again.status, again.created, again.unchanged, again.withdrawn) == (
        RunStatus.SUCCEEDED,
        15,
        20,
        0,
    )
    assert Flat.objects.count() == 35


@override_settings(IMPORT_BATCH_SIZE=7)
def test_progress_is_saved_per_batch(landlord) -> None:
    run = import_bytes(openimmo(20), landlord)
    assert (run.total, run.processed, run.percent) == (20, 20, 100)
    assert ImportRun.objects.get(pk=run.pk).processed == 20


def test_openimmo_zip_with_images(landlord) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("export/objekte.xml", openimmo(4))
        archive.writestr("export/bild1.jpg", b"\xff\xd8\xff" + bytes(2000))
    run = import_bytes(buffer.getvalue(), landlord, file_name="export.zip")
    assert (run.format, run.created) == ("openimmo", 4)


def test_zip_bomb_is_refused(landlord) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.xml", b"<openimmo>" + b" " * 20_000_000 + b"</openimmo>")
    run = import_bytes(buffer.getvalue(), landlord, file_name="bomb.zip")
    assert (run.status, run.issues.get().code) == (RunStatus.REJECTED, "zip_bomb")


@override_settings(IMPORT_MAX_BYTES=10_000)
def test_size_limit(landlord) -> None:
    run = import_bytes(openimmo(20), landlord)
    assert (run.status, run.issues.get().code) == (RunStatus.REJECTED, "too_large")


@override_settings(IMPORT_MAX_RECORDS=5)
def test_record_limit(landlord) -> None:
    run = import_bytes(openimmo(6), landlord)
    assert (run.status, run.issues.get().code) == (RunStatus.REJECTED, "too_many_records")
    assert not Flat.objects.exists()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE openimmo [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<openimmo><anbieter><immobilie><freitexte><objekttitel>&lol3;</objekttitel></freitexte></immobilie></anbieter></openimmo>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE openimmo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<openimmo><anbieter><immobilie><freitexte><objekttitel>&xxe;</objekttitel></freitexte></immobilie></anbieter></openimmo>"""


@pytest.mark.parametrize(
    "content", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "xxe"]
)
def test_entities_are_refused(landlord, content: bytes) -> None:
    run = import_bytes(content, landlord)
    assert (run.status, run.issues.get().code) == (RunStatus.REJECTED, "xml_entities")
    assert not Flat.objects.exists()


def test_declared_utf8_but_latin1_is_rejected_clearly(landlord) -> None:
    feed = openimmo(2).decode().replace("Nähe", "Nähe").encode("latin-1")
    with translation.override("en"):
        run = import_bytes(feed, landlord)
    assert (run.status, run.issues.get().code) == (RunStatus.REJECTED, "xml_syntax")
    assert "Latin-1" in run.message


def test_latin1_declared_as_such_is_read(landlord) -> None:
    feed = (
        openimmo(2).decode().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1")
    )
    run = import_bytes(feed, landlord)
    assert run.created == 2
    assert "Nähe" in Flat.objects.first().description


def test_jena_csv_with_preset(landlord) -> None:
    from stadt360.imports.models import FeedSource

    source = FeedSource.objects.create(
        provider=landlord, name="jenawohnen", format="csv", column_mapping={"preset": "jenawohnen"}
    )
    path = SHARED / "openimmo" / "csv_to_openimmo-jenawohnen-objects.csv"
    run = ImportRun.objects.create(
        provider=landlord, source=source, format="auto", file_name=path.name
    )
    run_import(run=run, content=path.read_bytes())
    assert (run.status, run.format, run.created) == (RunStatus.SUCCEEDED, "csv", 2)
    flat = Flat.objects.get(external_id="2117 / 1 / 16")
    assert (flat.cold_rent, flat.service_costs, flat.heating_costs) == (294, 44, 83)
    assert flat.warm_rent == 421
    assert (flat.rooms, str(flat.living_space), flat.floor, flat.deposit) == (2, "55.34", 3, 0)
    assert (flat.street, flat.postcode, flat.city, flat.balcony, flat.lift) == (
        "Schomerusstraße 1",
        "07745",
        "Jena",
        True,
        False,
    )
    assert flat.title == "großzügige 2 Raumwohnung in Jena-Winzerla"


def test_csv_without_mapping_is_refused(landlord) -> None:
    path = SHARED / "openimmo" / "csv_to_openimmo-jenawohnen-objects.csv"
    run = import_file(path, landlord)
    assert (run.status, run.issues.get().code) == (RunStatus.REJECTED, "format")
