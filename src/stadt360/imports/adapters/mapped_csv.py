"""A provider's own CSV export of flats, read through a column mapping stored on its feed source.

The mapping (``FeedSource.column_mapping``) names a preset (``{"preset": "jenawohnen"}``)
or spells the columns out: ``{"delimiter": ";", "header": false, "columns": {"3":
"external_id", "22": "cold_rent", …}}`` (zero-based column index → field of ``FIELDS``).
Decimal commas and German dates (DD.MM.YYYY) are understood; a file that is not UTF-8
is read as Windows-1252 with a note.
"""

import csv
import datetime
import io
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .base import (
    Feed,
    FeedRejected,
    MapContext,
    Options,
    Problem,
    RawRecord,
    Record,
    read_deposit,
    read_floor,
)
from .values import (
    clip,
    find_date,
    is_immediate,
    on_the_globe,
    parse_amount,
    parse_bool,
    parse_decimal,
    plain_text,
    text,
)

FORMAT = "csv"
KIND = "flat"
# The fields a column can be mapped to.
FIELDS = {
    "external_id", "utilization", "street", "house_number", "postcode", "city", "latitude",
    "longitude", "available_from", "floor", "rooms", "living_space", "cold_rent",
    "service_costs", "heating_costs", "heating_included", "warm_rent", "deposit", "title",
    "description", "location_text", "equipment_text", "lift", "balcony", "step_free", "pets",
}  # fmt: skip
PRESETS: dict[str, dict[str, Any]] = {
    # jenawohnen GmbH (Jena, Thuringia): headerless export with 107 columns; layout as
    # documented by the ext-csv_to_openimmo converter for this export.
    "jenawohnen": {
        "delimiter": ";",
        "header": False,
        "columns": {
            "2": "utilization",
            "3": "external_id",
            "5": "street",
            "6": "house_number",
            "7": "postcode",
            "8": "city",
            "13": "available_from",
            "14": "floor",
            "15": "rooms",
            "16": "living_space",
            "22": "cold_rent",
            "23": "service_costs",
            "24": "heating_costs",
            "25": "heating_included",
            "26": "warm_rent",
            "28": "deposit",
            "29": "title",
            "31": "location_text",
            "32": "description",
            "33": "equipment_text",
            "34": "lift",
            "35": "balcony",
        },
    },
}
HOMES = {"", "wohnraum", "wohnung", "wohnen"}
PRESENT = {"vorhanden", "ja", "true", "1", "yes", "x"}


def mapping_of(options: Options) -> dict[str, Any]:
    mapping = dict(options.column_mapping or {})
    if preset := mapping.pop("preset", ""):
        if preset not in PRESETS:
            raise FeedRejected(
                _("Unknown CSV preset “%(name)s”.") % {"name": preset}, code="mapping"
            )
        mapping = {**PRESETS[preset], **mapping}
    columns = {int(index): name for index, name in (mapping.get("columns") or {}).items()}
    unknown = sorted(set(columns.values()) - FIELDS)
    if not columns or unknown or "external_id" not in columns.values():
        raise FeedRejected(
            _(
                "The column mapping is incomplete or names unknown fields (%(fields)s); it needs "
                "at least the column of the object number (external_id)."
            )
            % {"fields": ", ".join(unknown) or "–"},
            code="mapping",
        )
    return {**mapping, "columns": columns}


def read_rows(content: bytes, *, delimiter: str) -> tuple[list[list[str]], list[Problem]]:
    from ..reading import decode_text

    decoded, note = decode_text(content)
    rows = list(csv.reader(io.StringIO(decoded, newline=""), delimiter=delimiter))
    return rows, [Problem(note, code="encoding")] if note else []


def parse(content: bytes, *, options: Options) -> Feed:
    mapping = mapping_of(options)
    rows, notes = read_rows(content, delimiter=mapping.get("delimiter", ";"))
    first = 2 if mapping.get("header") else 1
    records = [
        RawRecord(
            position=_("Line %(n)s") % {"n": number},
            fields={
                name: text(row[i]) if i < len(row) else "" for i, name in mapping["columns"].items()
            },
        )
        for number, row in enumerate(rows[first - 1 :], start=first)
        if any(cell.strip() for cell in row)
    ]
    return Feed(format=FORMAT, kind=KIND, records=records, mapper=to_record, notes=notes)


def to_record(raw: RawRecord, context: MapContext) -> Record:
    f = {name: raw.fields.get(name, "") for name in FIELDS}
    record = Record(position=raw.position, external_id=clip(f["external_id"], 120))
    if not record.external_id:
        return record.reject(_("Object number is missing."), field="external_id", code="missing")
    if f["utilization"].lower() not in HOMES:
        return record.skip(
            _("Not a flat (“%(kind)s”): only flats are imported.") % {"kind": f["utilization"]},
            code="not_rental_flat",
        )
    try:
        record.data = flat_data(f, record, context)
    except ValueError as error:
        field, message = error.args
        return record.reject(message, field=field)
    return record


def amount(f: dict[str, str], key: str, label: str) -> Decimal | None:
    try:
        return parse_decimal(f[key])
    except ValueError:
        raise ValueError(
            key, _("%(label)s is not a number: “%(value)s”.") % {"label": label, "value": f[key]}
        ) from None


def flat_data(f: dict[str, str], record: Record, context: MapContext) -> dict[str, Any]:
    cold = amount(f, "cold_rent", _("Cold rent"))
    if cold is None:
        raise ValueError("cold_rent", _("Cold rent is missing."))
    rooms, space = amount(f, "rooms", _("Rooms")), amount(f, "living_space", _("Living space"))
    if rooms is None or space is None:
        raise ValueError("rooms", _("Number of rooms or living space is missing."))
    service = optional_amount(f, record, "service_costs", _("Service costs")) or Decimal(0)
    heating = optional_amount(f, record, "heating_costs", _("Heating costs")) or Decimal(0)
    warm = optional_amount(f, record, "warm_rent", _("Warm rent"))
    if parse_bool(f["heating_included"]) and service >= heating:
        service -= heating  # the export's service costs include the heating
    texts = (f["description"], f["location_text"], f["equipment_text"])
    return {
        **position(f, record, context),
        "status": "published",
        "title": clip(f["title"], 200) or _("%(rooms)s-room flat") % {"rooms": rooms.normalize()},
        "description": "\n\n".join(plain_text(t) for t in texts if t),
        "rooms": rooms,
        "living_space": space,
        "cold_rent": cold,
        "service_costs": service,
        "heating_costs": heating,
        "deposit": read_deposit(
            record,
            f["deposit"],
            field="deposit",
            cold_rent=cold,
            warm_rent=warm or cold + service + heating,
        ),
        "available_from": available(f["available_from"], record),
        "floor": read_floor(record, f["floor"], field="floor"),
        "lift": f["lift"].lower() in PRESENT,
        "balcony": f["balcony"].lower() in PRESENT,
        "step_free": f["step_free"].lower() in PRESENT,
    }


def position(f: dict[str, str], record: Record, context: MapContext) -> dict[str, Any]:
    if not f["postcode"]:
        raise ValueError("postcode", _("Postcode is missing."))
    try:
        latitude, longitude = on_the_globe(
            f["latitude"].replace(",", "."), f["longitude"].replace(",", ".")
        )
    except ValueError:
        centroid = context.postcode_centroid(f["postcode"])
        if centroid is None:
            raise ValueError(
                "postcode",
                _("No coordinates, and postcode %(postcode)s is unknown.")
                % {"postcode": f["postcode"]},
            ) from None
        latitude, longitude = centroid
        record.note(
            _("No coordinates: placed at the centre of postcode %(postcode)s.")
            % {"postcode": f["postcode"]},
            code="postcode_centroid",
        )
    street = " ".join(part for part in (f["street"], f["house_number"]) if part)
    return {
        "street": clip(street, 200),
        "postcode": f["postcode"][:5],
        "city": clip(f["city"], 120),
        "latitude": latitude,
        "longitude": longitude,
    }


def optional_amount(f: dict[str, str], record: Record, key: str, label: str) -> Decimal | None:
    return record.optional(parse_amount, f[key], field=key, label=label)


def available(value: str, record: Record) -> datetime.date | None:
    try:
        return find_date(value)
    except ValueError:
        if not is_immediate(value):  # "sofort": rightly no date
            record.unreadable(value, field="available_from", label=_("Available from"))
        return None
