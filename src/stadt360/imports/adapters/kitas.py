"""Kitas and schools: our downloadable CSV templates, and open-data GeoJSON (Chemnitz layout).

Templates: ``imports/templates_csv/kitas.csv`` and ``schulen.csv`` (columns documented in
docs/imports.md). GeoJSON: a FeatureCollection of points whose properties follow the
ArcGIS export of Stadt Chemnitz (``KITA``/``HORT`` flags, ``ART`` school type).
Kindertagespflege (child-minders) are private persons: skipped, nothing of them stored.
"""

import csv
import io
import json
from decimal import Decimal
from functools import partial
from typing import Any

from django.utils.translation import gettext as _

from .base import Feed, FeedRejected, MapContext, Options, Problem, RawRecord, Record
from .values import (
    clip,
    on_the_globe,
    parse_amount,
    parse_bool,
    parse_date,
    plain_text,
    text,
)

FORMAT = "kitas"
WEEKDAYS = ("mo", "di", "mi", "do", "fr", "sa", "so")
KITA_COLUMNS = (
    "kennung", "name", "strasse", "plz", "ort", "breitengrad", "laengengrad", "plaetze",
    "alter_von_monaten", "alter_bis_monaten", "konzept", "sprachen", "inklusiv",
    "beitrag_monat", "beschreibung", *WEEKDAYS, "freie_plaetze",
)  # fmt: skip
SCHOOL_COLUMNS = (
    "kennung", "name", "schulart", "klasse_von", "klasse_bis", "strasse", "plz", "ort",
    "breitengrad", "laengengrad", "ganztag", "sprachen", "beschreibung",
)  # fmt: skip
SCHOOL_TYPES = {
    "grundschule": "grundschule",
    "regelschule": "regelschule",
    "oberschule": "regelschule",  # Saxony's Oberschule is Thuringia's Regelschule
    "realschule": "regelschule",
    "gymnasium": "gymnasium",
    "gemeinschaftsschule": "gemeinschaftsschule",
    "förderschule": "foerderschule",
    "foerderschule": "foerderschule",
    "berufsbildende schule": "berufsbildend",
    "berufsbildend": "berufsbildend",
    "berufsschule": "berufsbildend",
}
GRADES = {
    "grundschule": (1, 4),
    "regelschule": (5, 10),
    "gymnasium": (5, 12),
    "gemeinschaftsschule": (1, 12),
    "foerderschule": (1, 10),
    "berufsbildend": (11, 13),
}
LANGUAGES = {
    "englisch": "en", "französisch": "fr", "franzoesisch": "fr", "spanisch": "es",
    "russisch": "ru", "latein": "la", "tschechisch": "cs", "polnisch": "pl",
    "italienisch": "it", "chinesisch": "zh", "deutsch": "de", "arabisch": "ar",
    "ukrainisch": "uk", "türkisch": "tr",
}  # fmt: skip
CONCEPTS = {
    "situativ": "situational",
    "offen": "open",
    "montessori": "montessori",
    "waldorf": "waldorf",
    "reggio": "reggio",
    "wald": "forest",
    "bilingual": "bilingual",
}
HORT_AGES = (72, 132)
FREE_OF_CHARGE = {"kostenfrei", "beitragsfrei", "frei", "0"}
MAX_FEE = Decimal("99999.99")  # childcare.Kita.monthly_fee: 7 digits, 2 after the point


def is_template(content: bytes) -> bool:
    first = content[:2048].decode("utf-8-sig", errors="replace").splitlines()[:1]
    header = first[0].lower() if first else ""
    return header.startswith("kennung") and ("plaetze" in header or "schulart" in header)


def parse(content: bytes, *, options: Options) -> Feed:
    if content.lstrip()[:1] in (b"{", b"["):
        return parse_geojson(content)
    return parse_template(content)


# --- CSV templates ---------------------------------------------------------------------------


def parse_template(content: bytes) -> Feed:
    from ..reading import decode_text

    decoded, note = decode_text(content)
    delimiter = (
        ";" if decoded.split("\n", 1)[0].count(";") >= decoded.split("\n", 1)[0].count(",") else ","
    )
    rows = csv.DictReader(io.StringIO(decoded, newline=""), delimiter=delimiter)
    header = [name.strip().lower() for name in rows.fieldnames or []]
    rows.fieldnames = header
    kind, mapper = (
        ("school", school_from_template) if "schulart" in header else ("kita", kita_from_template)
    )
    expected = SCHOOL_COLUMNS if kind == "school" else KITA_COLUMNS
    if missing := [name for name in expected if name not in header]:
        raise FeedRejected(
            _(
                "The CSV file lacks these template columns: %(columns)s. Download the template again."
            )
            % {"columns": ", ".join(missing)},
            code="template",
        )
    records = [
        RawRecord(
            position=_("Line %(n)s") % {"n": number},
            fields={k: text(v) for k, v in row.items() if k},
        )
        for number, row in enumerate(rows, start=2)
        if any(text(v) for v in row.values() if isinstance(v, str))
    ]
    notes = [Problem(note, code="encoding")] if note else []
    return Feed(format=FORMAT, kind=kind, records=records, mapper=mapper, notes=notes)


def place(f: dict[str, str], record: Record, context: MapContext) -> dict[str, Any]:
    if not f["plz"]:
        raise ValueError("plz", _("Postcode (plz) is missing."))
    try:
        latitude, longitude = on_the_globe(
            f["breitengrad"].replace(",", "."), f["laengengrad"].replace(",", ".")
        )
    except ValueError:
        centroid = context.postcode_centroid(f["plz"])
        if centroid is None:
            raise ValueError(
                "breitengrad", _("No coordinates, and postcode %(p)s is unknown.") % {"p": f["plz"]}
            ) from None
        latitude, longitude = centroid
        record.note(
            _("No coordinates: placed at the centre of postcode %(p)s.") % {"p": f["plz"]},
            code="postcode_centroid",
        )
    return {
        "street": clip(f["strasse"], 200),
        "postcode": f["plz"].zfill(5)[:5],
        "city": clip(f["ort"], 120),
        "latitude": latitude,
        "longitude": longitude,
    }


def languages(value: str) -> list[str]:
    codes = []
    for part in value.replace(";", ",").split(","):
        word = part.strip().lower()
        code = LANGUAGES.get(word, word if len(word) == 2 and word.isalpha() else "")
        if code and code not in codes:
            codes.append(code)
    return codes


def opening_hours(f: dict[str, str]) -> list[dict[str, Any]]:
    """``mo`` = ``06:30-16:30`` (empty: closed) → rows for the Kita service."""
    rows = []
    for weekday, column in enumerate(WEEKDAYS):
        if value := f.get(column, "").replace("–", "-"):
            opens, sep, closes = value.partition("-")
            if not sep:
                raise ValueError(
                    column, _("Opening hours “%(v)s” are not like 06:30-16:30.") % {"v": value}
                )
            rows.append({"weekday": weekday, "opens": opens.strip(), "closes": closes.strip()})
    return rows


def free_places(value: str, record: Record) -> list[dict[str, Any]]:
    """``12-36:2026-08-01:2|36-78:01.09.2026:1`` → free places (months, from date, count).

    An entry that does not read so is left out with a note; the Kita is imported.
    """
    rows = []
    for item in filter(None, (part.strip() for part in value.split("|"))):
        try:
            ages, day, count = item.split(":")
            low, high = ages.split("-")
            rows.append(
                {"min_age_months": int(low), "max_age_months": int(high),
                 "available_from": parse_date(day), "count": int(count)}
            )  # fmt: skip
        except ValueError:
            record.note(
                _("Free places “%(v)s” are not like 12-36:2026-08-01:2; left out.") % {"v": item},
                field="freie_plaetze",
                code="unreadable",
            )
    return rows


def monthly_fee(value: str, record: Record) -> Decimal | None:
    if text(value).lower() in FREE_OF_CHARGE:
        return Decimal(0)
    return record.optional(
        partial(parse_amount, limit=MAX_FEE), value, field="beitrag_monat", label=_("Monthly fee")
    )


def kita_from_template(raw: RawRecord, context: MapContext) -> Record:
    f = {name: raw.fields.get(name, "") for name in KITA_COLUMNS}
    record = Record(position=raw.position, external_id=clip(f["kennung"], 120))
    if not record.external_id:
        return record.reject(
            _("The column kennung (your id) is empty."), field="kennung", code="missing"
        )
    if not f["name"]:
        return record.reject(_("Name is missing."), field="name", code="missing")
    try:
        fee = monthly_fee(f["beitrag_monat"], record)
        record.data = {
            **place(f, record, context),
            "status": "published",
            "name": clip(f["name"], 200),
            "description": plain_text(f["beschreibung"]),
            "capacity": f["plaetze"] or 0,
            "age_from_months": f["alter_von_monaten"] or 0,
            "age_to_months": f["alter_bis_monaten"] or 78,
            "concept": CONCEPTS.get(
                f["konzept"].lower(), "other" if f["konzept"] else "situational"
            ),
            "languages": languages(f["sprachen"]) or ["de"],
            "inclusive": bool(parse_bool(f["inklusiv"])),
            "monthly_fee": fee,
            "opening_hours": opening_hours(f),
            "free_places": free_places(f["freie_plaetze"], record),
        }
    except ValueError as error:
        field, message = error.args if len(error.args) == 2 else ("", str(error))
        return record.reject(message, field=field)
    return record


def school_from_template(raw: RawRecord, context: MapContext) -> Record:
    f = {name: raw.fields.get(name, "") for name in SCHOOL_COLUMNS}
    record = Record(position=raw.position, external_id=clip(f["kennung"], 120))
    if not record.external_id:
        return record.reject(
            _("The column kennung (your id) is empty."), field="kennung", code="missing"
        )
    school_type = SCHOOL_TYPES.get(f["schulart"].lower())
    if school_type is None:
        return record.reject(
            _("Unknown type of school “%(t)s”.") % {"t": f["schulart"]},
            field="schulart",
            code="school_type",
        )
    low, high = GRADES[school_type]
    try:
        record.data = {
            **place(f, record, context),
            "status": "published",
            "name": clip(f["name"], 200),
            "school_type": school_type,
            "grade_from": f["klasse_von"] or low,
            "grade_to": f["klasse_bis"] or high,
            "all_day_care": bool(parse_bool(f["ganztag"])),
            "languages": languages(f["sprachen"]),
            "description": plain_text(f["beschreibung"]),
        }
    except ValueError as error:
        field, message = error.args if len(error.args) == 2 else ("", str(error))
        return record.reject(message, field=field)
    return record


# --- GeoJSON (open data) ---------------------------------------------------------------------


def parse_geojson(content: bytes) -> Feed:
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FeedRejected(
            _("The GeoJSON file is not valid JSON: %(e)s") % {"e": error}, code="json"
        ) from error
    features = document.get("features") if isinstance(document, dict) else None
    if document.get("type") != "FeatureCollection" or not isinstance(features, list):
        raise FeedRejected(_("The GeoJSON file is not a FeatureCollection."), code="geojson")
    properties = [feature.get("properties") or {} for feature in features]
    is_schools = any("ART" in p and "TYP" in p for p in properties[:20])
    kind, mapper = ("school", school_from_feature) if is_schools else ("kita", kita_from_feature)
    records = [
        RawRecord(position=f"/features[{i}]", fields=feature)
        for i, feature in enumerate(features, start=1)
    ]
    return Feed(format=FORMAT, kind=kind, records=records, mapper=mapper)


def point(feature: dict[str, Any]) -> tuple[float, float]:
    geometry = feature.get("geometry") or {}
    if geometry.get("type") != "Point":
        raise ValueError("geometry", _("The feature has no point position."))
    longitude, latitude = geometry["coordinates"][:2]
    return float(latitude), float(longitude)


def geo_place(p: dict[str, Any], feature: dict[str, Any], street: str) -> dict[str, Any]:
    latitude, longitude = point(feature)
    return {
        "street": clip(street, 200),
        "postcode": text(p.get("PLZ")).zfill(5)[:5],
        "city": clip(p.get("ORT"), 120),
        "latitude": latitude,
        "longitude": longitude,
    }


def is_child_minder(p: dict[str, Any]) -> bool:
    names = f"{p.get('BEZEICHNUNG') or ''} {p.get('KURZBEZEICHNUNG') or ''}".lower()
    return "kindertagespflege" in names or "tagespflege" in names


def kita_from_feature(raw: RawRecord, context: MapContext) -> Record:
    p = raw.fields.get("properties") or {}
    record = Record(position=raw.position, external_id=text(p.get("ID") or p.get("OBJECTID")))
    if is_child_minder(p):
        # Only the position and the id: a child-minder's name, address and phone are personal.
        return record.skip(
            _("Kindertagespflege (a private child-minder): personal data, not imported."),
            code="child_minder",
        )
    if not record.external_id:
        return record.reject(_("The feature has no ID."), field="ID", code="missing")
    kita, hort = bool(parse_bool(p.get("KITA"))), bool(parse_bool(p.get("HORT")))
    if not (kita or hort):
        return record.skip(_("Neither Kita nor Hort: not imported."), code="not_childcare")
    ages = (0, 78) if kita and not hort else (0, HORT_AGES[1]) if kita else HORT_AGES
    record.note(
        _("The number of places is not in the data (shown as 0)."),
        field="capacity",
        code="capacity_unknown",
    )
    try:
        record.data = {
            **geo_place(
                p,
                raw.fields,
                " ".join(filter(None, (text(p.get("STRASSE")), text(p.get("HAUSBEZ"))))),
            ),
            "status": "published",
            "name": clip(p.get("BEZEICHNUNG") or p.get("KURZBEZEICHNUNG"), 200),
            "capacity": 0,
            "age_from_months": ages[0],
            "age_to_months": ages[1],
            "inclusive": bool(parse_bool(p.get("INTEGRATIV"))),
            "description": clip(
                _("Operator: %(operator)s") % {"operator": text(p.get("TRAEGER"))}, 500
            )
            if p.get("TRAEGER")
            else "",
        }
    except ValueError as error:
        field, message = error.args if len(error.args) == 2 else ("", str(error))
        return record.reject(message, field=field)
    return record


def school_from_feature(raw: RawRecord, context: MapContext) -> Record:
    p = raw.fields.get("properties") or {}
    record = Record(position=raw.position, external_id=text(p.get("ID") or p.get("GlobalID")))
    kind = text(p.get("ART"))
    school_type = SCHOOL_TYPES.get(kind.lower())
    if school_type is None:
        return record.reject(
            _("Unknown type of school “%(t)s”: not imported.") % {"t": kind},
            field="ART",
            code="school_type",
        )
    profile = text(p.get("PROFILE")).lower()
    low, high = GRADES[school_type]
    name = " ".join(filter(None, (text(p.get("BEZEICHNUNG")), text(p.get("BEZEICHNUNGZUSATZ")))))
    try:
        record.data = {
            **geo_place(p, raw.fields, text(p.get("STRASSE"))),
            "status": "published",
            "name": clip(name, 200),
            "school_type": school_type,
            "grade_from": low,
            "grade_to": high,
            "all_day_care": any(word in profile for word in ("gta", "hort", "ganztag")),
            "languages": languages(text(p.get("SPRACHEN"))),
        }
    except ValueError as error:
        field, message = error.args if len(error.args) == 2 else ("", str(error))
        return record.reject(message, field=field)
    return record
