"""Real exports are messy: optional fields that do not parse are noted, never a rejection.

Hand-made files in ``data/``: OpenImmo deposits in words and multiples of the rent, odd
optional amounts, floors and dates; JobPostings without ``identifier``.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from stadt360.childcare.models import Kita
from stadt360.housing.models import Flat
from stadt360.imports.models import FeedSource, ImportRun, IssueLevel, RunStatus
from stadt360.imports.services import run_import
from stadt360.jobs.models import Job
from tests.imports.conftest import DATA, import_bytes, import_file

pytestmark = pytest.mark.django_db
OBJECT = "/openimmo/anbieter[1]/immobilie[{}]"


def notes(run: ImportRun) -> dict[tuple[str, str], str]:
    """``(external id, field) → code`` of the run's notes."""
    return {
        (external_id, field): code
        for external_id, field, code in run.issues.filter(level=IssueLevel.WARNING).values_list(
            "external_id", "field", "code"
        )
    }


def test_openimmo_deposits_in_words_are_derived_or_left_empty_with_a_note(landlord) -> None:
    with translation.override("en"):
        run = import_file(DATA / "openimmo-kaution.xml", landlord)
    # only the object without a readable living space is rejected
    assert (run.status, run.created, run.rejected) == (RunStatus.PARTIAL, 7, 1)
    assert run.issues.get(level=IssueLevel.ERROR).external_id == "KAU-8"
    flats = {flat.external_id: flat for flat in Flat.objects.all()}
    assert {key: flat.deposit for key, flat in flats.items()} == {
        "KAU-1": Decimal("1350.00"),  # drei Monatsmieten × 450
        "KAU-2": Decimal("1350.00"),  # 3 MM
        "KAU-3": Decimal("1125.00"),  # 2,5 Kaltmieten
        "KAU-4": Decimal("1350.00"),  # 3 x Kaltmiete
        "KAU-5": None,  # nach Vereinbarung
        "KAU-6": Decimal("900.00"),  # <kaution_text>2 Nettokaltmieten
        "KAU-7": Decimal("1350.00"),  # 1.350,00 EUR
    }
    unreadable = run.issues.get(external_id="KAU-5", field="kaution")
    assert (unreadable.level, unreadable.code, unreadable.position) == (
        IssueLevel.WARNING,
        "unreadable",
        OBJECT.format(5),
    )
    assert "nach Vereinbarung" in unreadable.message
    derived = run.issues.get(external_id="KAU-3", field="kaution")
    assert derived.code == "derived"
    assert "2.5 rents: 1125.00 €" in derived.message


def test_openimmo_optional_amounts_floors_and_dates_that_do_not_parse_are_noted(landlord) -> None:
    run = import_file(DATA / "openimmo-kaution.xml", landlord)
    flats = {flat.external_id: flat for flat in Flat.objects.all()}
    assert (flats["KAU-1"].floor, flats["KAU-1"].available_from) == (0, datetime.date(2026, 8, 1))
    assert flats["KAU-2"].service_costs == 0  # "ca. 150 Euro"
    assert (flats["KAU-3"].floor, flats["KAU-3"].available_from) == (3, None)
    assert flats["KAU-4"].heating_costs == 0  # "inkl."
    assert (
        notes(run).items()
        >= {
            ("KAU-2", "nebenkosten"): "unreadable",
            ("KAU-3", "abdatum"): "unreadable",
            ("KAU-4", "heizkosten"): "unreadable",
            ("KAU-5", "warmmiete"): "unreadable",
            ("KAU-5", "kaution"): "unreadable",
        }.items()
    )
    assert ("KAU-2", "verfuegbar_ab") not in notes(run)  # "sofort" rightly has no date
    assert import_file(DATA / "openimmo-kaution.xml", landlord).unchanged == 7


def test_csv_optional_fields_that_do_not_parse_keep_the_record(landlord, gera) -> None:
    source = FeedSource.objects.create(
        provider=landlord,
        name="Export",
        column_mapping={
            "delimiter": ";",
            "header": True,
            "columns": dict(
                enumerate(
                    [
                        "external_id",
                        "postcode",
                        "city",
                        "rooms",
                        "living_space",
                        "cold_rent",
                        "service_costs",
                        "heating_costs",
                        "deposit",
                        "available_from",
                        "floor",
                    ]
                )
            ),
        },
    )
    content = (
        "nr;plz;ort;zimmer;flaeche;kalt;neben;heiz;kaution;frei;etage\n"
        "C-1;07545;Gera;2;55;400;k.A.;60;3 Kaltmieten;Frühjahr;Dach\n"
        "C-2;07545;Gera;3;70;500;120;70,50;kautionsfrei;ab 01.09.2026;EG\n"
        "C-3;07545;Gera;3;;500;120;70;;;\n"
    ).encode()
    run = ImportRun.objects.create(provider=landlord, source=source, format="csv")
    run_import(run=run, content=content)
    assert (run.created, run.rejected) == (2, 1)  # C-3 lacks its living space
    first, second = Flat.objects.order_by("external_id")
    assert (first.service_costs, first.deposit, first.available_from, first.floor) == (
        0,
        Decimal("1200.00"),
        None,
        None,
    )
    assert (second.deposit, second.available_from, second.floor) == (
        0,
        datetime.date(2026, 9, 1),
        0,
    )
    assert {k: v for k, v in notes(run).items() if k[0] == "C-1" and k[1]} == {
        ("C-1", "service_costs"): "unreadable",
        ("C-1", "deposit"): "derived",
        ("C-1", "available_from"): "unreadable",
        ("C-1", "floor"): "unreadable",
    }


def test_jobpostings_without_identifier_get_stable_keys_and_converge(employer, gera) -> None:
    content = (DATA / "jobpostings-without-identifier.json").read_bytes()
    first = import_bytes(content, employer, file_name="stellen.json")
    assert (first.status, first.created, first.rejected) == (RunStatus.SUCCEEDED, 4, 0)
    keys = sorted(Job.objects.values_list("external_id", flat=True))
    assert keys[2:] == [
        "https://karriere.example.org/stellen/pflegefachkraft-station-4",  # url
        "https://www.example-jobboard.de/job/991827",  # sameAs
    ]
    assert all(key.startswith("derived:") for key in keys[:2])  # employer, title and place
    assert keys[0] != keys[1]  # same employer and title, another place
    positions = set(first.issues.filter(code="derived_id").values_list("position", flat=True))
    assert positions == {"$/@graph[3]", "$/@graph[4]"}
    # unreadable optional fields: noted, the record kept
    assert {(f, c) for (_, f), c in notes(first).items() if c == "unreadable"} == {
        ("validThrough", "unreadable"),
        ("jobStartDate", "unreadable"),
        ("baseSalary", "unreadable"),
    }

    again = import_bytes(content, employer, file_name="stellen.json")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    # the key is normalised: spacing and case of the title do not make a new posting
    respaced = content.replace(b'"  Erzieher/in   (m/w/d) "', b'"ERZIEHER/IN (m/w/d)"')
    assert respaced != content
    third = import_bytes(respaced, employer, file_name="stellen.json")
    assert (third.created, Job.objects.count()) == (0, 4)


def test_kita_template_fees_and_free_places_that_do_not_parse_keep_the_kita(operator) -> None:
    run = import_file(DATA / "kitas-odd-fees.csv", operator)
    assert (run.created, run.rejected) == (2, 0)
    fees = dict(Kita.objects.values_list("external_id", "monthly_fee"))
    assert fees == {"KITA-A": Decimal(0), "KITA-B": None}
    assert Kita.objects.get(external_id="KITA-A").free_places.count() == 1
    assert (
        notes(run).items()
        >= {
            ("KITA-A", "freie_plaetze"): "unreadable",
            ("KITA-B", "beitrag_monat"): "unreadable",
        }.items()
    )
