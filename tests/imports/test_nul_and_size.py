"""NUL characters, binary files and oversized files: refused clearly, the rest still imports."""

import json
import random
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation

from stadt360.housing.models import Flat
from stadt360.imports.models import ImportRun, RunStatus
from stadt360.jobs.models import Job
from tests.imports.conftest import import_bytes, openimmo


def posting(number: int, **fields: object) -> dict[str, object]:
    return {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "identifier": f"NUL-{number}",
        "title": f"Pflegefachkraft {number}",
        "employmentType": "FULL_TIME",
        "jobLocation": {
            "address": {"postalCode": "07545", "addressLocality": "Gera"},
            "geo": {"latitude": 50.879, "longitude": 12.082},
        },
    } | fields


@pytest.mark.django_db
def test_a_record_with_a_nul_character_is_set_aside_the_rest_imports(employer) -> None:
    postings = [
        posting(1),
        posting(2, description="Schichtdienst\u0000 im Klinikum"),
        posting(3, jobLocation={"address": {"postalCode": "07545\u0000", "addressLocality": "G"}}),
        posting(4),
    ]
    run = import_bytes(json.dumps(postings).encode(), employer, format="jobposting")
    assert (run.status, run.created, run.rejected) == (RunStatus.PARTIAL, 2, 2)
    assert sorted(Job.objects.values_list("external_id", flat=True)) == ["NUL-1", "NUL-4"]
    rejected = list(run.issues.filter(code="nul").values_list("external_id", "field"))
    assert rejected == [("NUL-2", "description"), ("NUL-3", "jobLocation")]
    assert "NUL-Zeichen" in run.issues.filter(code="nul").first().message  # reports are German


@pytest.mark.django_db
def test_nul_in_a_csv_row_rejects_that_row(landlord, gera) -> None:
    from stadt360.imports.models import FeedSource

    source = FeedSource.objects.create(
        provider=landlord,
        name="CSV",
        column_mapping={
            "delimiter": ";",
            "header": True,
            "columns": {
                "0": "external_id",
                "1": "postcode",
                "2": "rooms",
                "3": "living_space",
                "4": "cold_rent",
                "5": "title",
                "6": "city",
            },
        },
    )
    content = (
        b"nr;plz;zimmer;flaeche;kalt;titel;ort\n"
        b"A-1;07545;2;55,5;400;Hell;Gera\n"
        b"A-2;07545;3;70;520;Ruhig\x00;Gera\n"
        b"A-3;07546;1;30;250;Klein;Gera\n"
    )
    run = ImportRun.objects.create(provider=landlord, source=source, format="csv")
    from stadt360.imports.services import run_import

    with translation.override("en"):
        run_import(run=run, content=content)
    assert (run.created, run.rejected) == (2, 1)
    assert run.issues.get(code="nul").position == "Line 3"
    assert not Flat.objects.filter(external_id="A-2").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\x89PNG\r\n\x1a\n" + random.Random(8).randbytes(20_000), "Binärdaten"),
        ("nr;plz\nA-1;07545\n".encode("utf-16"), "UTF-16"),
        (b"\x00" * 4096 + b"<openimmo/>", "Binärdaten"),
    ],
    ids=["image", "utf-16", "nul-padding"],
)
def test_a_binary_file_is_rejected_with_a_clear_message(landlord, content, words) -> None:
    run = import_bytes(content, landlord, file_name="objekte.csv")
    assert run.status == RunStatus.REJECTED
    assert run.issues.get().code == "binary"
    assert words in run.message
    assert Flat.objects.count() == 0


@pytest.mark.django_db
@override_settings(IMPORT_MAX_BYTES=1024 * 1024)
def test_import_feed_with_an_oversized_file_says_so_in_one_line(tmp_path: Path, landlord) -> None:
    path = tmp_path / "objekte.xml"
    path.write_bytes(openimmo(20) + b" " * 1024 * 1024)
    with pytest.raises(CommandError) as raised, translation.override("en"):
        call_command("import_feed", str(path), "--provider", landlord.slug, stdout=StringIO())
    assert raised.value.returncode == 1
    assert "larger than" in str(raised.value)
    assert "\n" not in str(raised.value)
    assert ImportRun.objects.count() == 0


def test_import_feed_with_an_oversized_file_exits_cleanly(shared, landlord, tmp_path) -> None:
    path = tmp_path / "riesig.xml"
    with path.open("wb") as stream:  # sparse: 51 MB without writing them
        stream.truncate(51 * 1024 * 1024)
    done = shared.run(
        "-m", "stadt360.manage", "import_feed", str(path), "--provider", landlord.slug
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "50 MB" in lines[0]
    assert ImportRun.objects.count() == 0


@pytest.mark.django_db
def test_a_nul_byte_in_an_openimmo_object_sets_only_that_object_aside(landlord) -> None:
    content = openimmo(5).replace(b"<objekttitel>", b"<objekttitel>Hell\x00", 1)
    run = import_bytes(content, landlord, file_name="objekte.xml")
    assert (run.status, run.created, run.rejected) == (RunStatus.PARTIAL, 4, 1)
    rejected = run.issues.get(code="nul")
    assert (rejected.external_id, rejected.field, rejected.position) == (
        "GERA-000001",
        "objekttitel",
        "/openimmo/anbieter[1]/immobilie[1]",
    )
    assert not Flat.objects.filter(external_id="GERA-000001").exists()
