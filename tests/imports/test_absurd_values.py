"""Absurd values in optional fields keep the record (found by the hostile review of issue 8).

An optional amount beyond what the platform can store (a typo of a few digits, ``1e400``,
a negative amount) or coordinates off the globe rejected the whole flat, though only
fields the platform cannot do without may reject a record.
"""

import json
from decimal import Decimal

import pytest
from django.utils import translation

from stadt360.childcare.models import Kita
from stadt360.housing.models import Flat
from stadt360.imports.models import IssueLevel, RunStatus
from stadt360.jobs.models import Job
from tests.imports.conftest import import_bytes

pytestmark = pytest.mark.django_db


def openimmo(prices: str, geo: str = "") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<openimmo><uebertragung art="OFFLINE" umfang="TEIL"/><anbieter><immobilie>
  <objektkategorie><nutzungsart WOHNEN="true"/><vermarktungsart MIETE_PACHT="true"/>
    <objektart><wohnung/></objektart></objektkategorie>
  <geo><plz>07545</plz><ort>Gera</ort><strasse>Sorge</strasse><hausnummer>12</hausnummer>{geo}</geo>
  <preise><kaltmiete>450</kaltmiete>{prices}</preise>
  <flaechen><wohnflaeche>61,5</wohnflaeche><anzahl_zimmer>2</anzahl_zimmer></flaechen>
  <freitexte><objekttitel>Wohnung ABS-1</objekttitel></freitexte>
  <verwaltung_techn><objektnr_extern>ABS-1</objektnr_extern><aktion aktionart="CHANGE"/>
  </verwaltung_techn>
</immobilie></anbieter></openimmo>""".encode()


def notes(run) -> dict[str, str]:
    return dict(run.issues.filter(level=IssueLevel.WARNING).values_list("field", "code"))


@pytest.mark.parametrize(
    ("prices", "field"),
    [
        ("<kaution>1e400</kaution>", "kaution"),
        ("<kaution>12345678901 EUR</kaution>", "kaution"),
        ("<nebenkosten>99999999999999999999</nebenkosten>", "nebenkosten"),
        ("<heizkosten>-80</heizkosten>", "heizkosten"),
    ],
)
def test_openimmo_optional_amount_out_of_range_is_noted_not_rejected(landlord, prices, field):
    with translation.override("en"):
        run = import_bytes(openimmo(prices), landlord, format="openimmo")
    assert (run.status, run.created, run.rejected) == (RunStatus.SUCCEEDED, 1, 0)
    assert notes(run)[field] == "unreadable"
    flat = Flat.objects.get(external_id="ABS-1")
    assert flat.cold_rent == Decimal("450.00")
    assert (flat.deposit, flat.service_costs, flat.heating_costs) == (None, 0, 0)


def test_openimmo_coordinates_off_the_globe_fall_back_to_the_postcode(landlord):
    geo = '<geokoordinaten breitengrad="999" laengengrad="-999"/>'
    with translation.override("en"):
        run = import_bytes(openimmo("", geo), landlord, format="openimmo")
    assert (run.status, run.created, run.rejected) == (RunStatus.SUCCEEDED, 1, 0)
    assert notes(run)["geokoordinaten"] == "postcode_centroid"
    flat = Flat.objects.get(external_id="ABS-1")
    assert -90 <= flat.latitude <= 90
    assert -180 <= flat.longitude <= 180


KITA_HEADER = (
    "kennung;name;strasse;plz;ort;breitengrad;laengengrad;plaetze;alter_von_monaten;"
    "alter_bis_monaten;konzept;sprachen;inklusiv;beitrag_monat;beschreibung;mo;di;mi;do;fr;"
    "sa;so;freie_plaetze"
)


@pytest.mark.parametrize(
    ("fee", "latitude", "note"),
    [
        ("1234567", "50.8790", ("beitrag_monat", "unreadable")),
        ("-20", "50.8790", ("beitrag_monat", "unreadable")),
        ("180", "508790", ("", "postcode_centroid")),
    ],
)
def test_kita_fee_out_of_range_or_coordinates_off_the_globe_keep_the_kita(
    operator, fee, latitude, note
):
    row = (
        f"KITA-X;Kita Absurd;Sorge 12;07545;Gera;{latitude};12.0820;60;0;78;offen;deutsch;ja;"
        f"{fee};;06:30-16:30;06:30-16:30;06:30-16:30;06:30-16:30;06:30-15:00;;;"
    )
    content = f"{KITA_HEADER}\n{row}\n".encode()
    run = import_bytes(content, operator, file_name="kitas.csv")
    assert (run.created, run.rejected) == (1, 0)
    assert note in run.issues.filter(level=IssueLevel.WARNING).values_list("field", "code")
    kita = Kita.objects.get(external_id="KITA-X")
    assert -90 <= kita.latitude <= 90


def job_with(**extra) -> bytes:
    node = {
        "@type": "JobPosting",
        "identifier": "J-ABS",
        "title": "Pflegefachkraft (m/w/d)",
        "hiringOrganization": {"name": "Klinikum Gera"},
        "jobLocation": {"address": {"postalCode": "07548", "addressLocality": "Gera"}},
        **extra,
    }
    return json.dumps(node).encode()


def monthly(minimum, maximum=None) -> dict:
    value = {"minValue": minimum, "maxValue": maximum if maximum is not None else minimum}
    return {"@type": "MonetaryAmount", "currency": "EUR", "value": {**value, "unitText": "MONTH"}}


@pytest.mark.parametrize(
    "amount",
    [monthly("1e30"), monthly("-3000"), monthly(4000, 3000), monthly(99999999999)],
    ids=["huge", "negative", "min-over-max", "typo"],
)
def test_jobposting_salary_out_of_range_is_noted_not_rejected(employer, amount):
    run = import_bytes(job_with(baseSalary=amount), employer, file_name="stelle.json")
    assert (run.status, run.created, run.rejected) == (RunStatus.SUCCEEDED, 1, 0)
    assert notes(run)["baseSalary"] == "unreadable"
    job = Job.objects.get(external_id="J-ABS")
    assert (job.salary_min, job.salary_max) == (None, None)


def test_jobposting_coordinates_off_the_globe_fall_back_to_the_postcode(employer):
    geo = {"@type": "GeoCoordinates", "latitude": "508790", "longitude": "12.08"}
    location = {"address": {"postalCode": "07548", "addressLocality": "Gera"}, "geo": geo}
    run = import_bytes(job_with(jobLocation=location), employer, file_name="stelle.json")
    assert (run.status, run.created, run.rejected) == (RunStatus.SUCCEEDED, 1, 0)
    assert -90 <= Job.objects.get(external_id="J-ABS").latitude <= 90


@pytest.mark.parametrize(
    ("start", "coordinates", "note"),
    [
        ("ab sofort", {"lat": 50.88, "lon": 12.08}, ("eintrittsdatum", "unreadable")),
        ("2026-13-45", {"lat": 50.88, "lon": 12.08}, ("eintrittsdatum", "unreadable")),
        ("2026-09-01", {"lat": 508.8, "lon": 12.08}, ("", "postcode_centroid")),
    ],
)
def test_ba_job_with_an_odd_start_date_or_coordinates_is_kept(employer, start, coordinates, note):
    offer = {
        "refnr": "10000-ABS-S",
        "titel": "Pflegefachkraft (m/w/d)",
        "arbeitsort": {"plz": "07548", "ort": "Gera", "koordinaten": coordinates},
        "eintrittsdatum": start,
    }
    content = json.dumps({"stellenangebote": [offer]}).encode()
    run = import_bytes(content, employer, file_name="ba.json", format="ba")
    assert (run.status, run.created, run.rejected) == (RunStatus.SUCCEEDED, 1, 0)
    assert note in run.issues.filter(level=IssueLevel.WARNING).values_list("field", "code")
    assert -90 <= Job.objects.get(external_id="10000-ABS-S").latitude <= 90
