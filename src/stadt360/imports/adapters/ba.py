"""The Federal Employment Agency's job search JSON (Jobsuche API) → jobs.

Accepts a search response (``stellenangebote[]``), one job's details (``JobDetails``,
with ``arbeitsorte[]``, ``arbeitszeitmodelle``, ``stellenbeschreibung``) or a list of
details. Shapes as in the community OpenAPI spec (bundesAPI/jobsuche-api).
"""

import json
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .base import Feed, FeedRejected, MapContext, Options, RawRecord, Record
from .jobposting import ASSUMED_HOURS
from .values import clip, on_the_globe, parse_date, plain_text, text

FORMAT = "ba"
KIND = "job"
WORKING_TIME = {
    "VOLLZEIT": "full_time",
    "TEILZEIT": "part_time",
    "MINIJOB": "mini_job",
    "SCHICHT_NACHTARBEIT_WOCHENENDE": "full_time",
    "HEIM_TELEARBEIT": "full_time",
}


def parse(content: bytes, *, options: Options) -> Feed:
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FeedRejected(
            _("The file is not valid JSON: %(e)s") % {"e": error}, code="json"
        ) from error
    if isinstance(document, dict) and isinstance(document.get("stellenangebote"), list):
        items, path = document["stellenangebote"], "/stellenangebote"
    elif isinstance(document, dict) and "refnr" in document:
        items, path = [document], ""
    elif isinstance(document, list):
        items, path = document, ""
    else:
        raise FeedRejected(
            _(
                "This JSON is not a job search result of the Federal Employment Agency "
                "(no “stellenangebote” list, no “refnr”)."
            ),
            code="not_ba",
        )
    records = [
        RawRecord(position=f"{path}[{index}]", fields=item if isinstance(item, dict) else {})
        for index, item in enumerate(items, start=1)
    ]
    return Feed(format=FORMAT, kind=KIND, records=records, mapper=to_record)


def to_record(raw: RawRecord, context: MapContext) -> Record:
    item = raw.fields
    record = Record(
        position=raw.position,
        external_id=clip(item.get("refnr") or item.get("referenznummer"), 120),
    )
    if not record.external_id:
        return record.reject(
            _("The reference number (refnr) is missing."), field="refnr", code="missing"
        )
    title = clip(item.get("stellenangebotsTitel") or item.get("titel") or item.get("beruf"), 200)
    if not title:
        return record.reject(_("The job has no title."), field="titel", code="missing")
    employment_type = employment(item, record)
    try:
        record.data = {
            **place(item, record, context),
            "status": "published",
            "title": title,
            "description": plain_text(
                item.get("stellenangebotsBeschreibung") or item.get("stellenbeschreibung")
            ),
            "employment_type": employment_type,
            "weekly_hours": Decimal(ASSUMED_HOURS[employment_type]),
            "start_date": record.optional(
                parse_day, item.get("eintrittsdatum"), field="eintrittsdatum", label=_("Start date")
            ),
        }
    except ValueError as error:
        field, message = error.args if len(error.args) == 2 else ("", str(error))
        return record.reject(message, field=field)
    record.note(
        _("Hours per week are not in the data: %(h)s assumed.")
        % {"h": ASSUMED_HOURS[employment_type]},
        field="weekly_hours",
        code="assumed",
    )
    return record


def parse_day(value: Any) -> Any:
    return parse_date(text(value)[:10])


def employment(item: dict[str, Any], record: Record) -> str:
    if text(item.get("angebotsart")).upper() == "AUSBILDUNG":
        return "apprenticeship"
    for model in item.get("arbeitszeitmodelle") or []:
        if mapped := WORKING_TIME.get(text(model).upper()):
            return mapped
    return "full_time"


def place(item: dict[str, Any], record: Record, context: MapContext) -> dict[str, Any]:
    where = item.get("arbeitsort") or (item.get("arbeitsorte") or [{}])[0] or {}
    postcode = text(where.get("plz")).zfill(5) if text(where.get("plz")) else ""
    if not postcode:
        raise ValueError("arbeitsort", _("The place of work has no postcode."))
    coordinates = where.get("koordinaten") or {}
    try:
        latitude, longitude = on_the_globe(coordinates["lat"], coordinates["lon"])
    except (KeyError, TypeError, ValueError):
        centroid = context.postcode_centroid(postcode)
        if centroid is None:
            raise ValueError(
                "arbeitsort", _("No coordinates, and postcode %(p)s is unknown.") % {"p": postcode}
            ) from None
        latitude, longitude = centroid
        record.note(
            _("No coordinates: placed at the centre of postcode %(p)s.") % {"p": postcode},
            code="postcode_centroid",
        )
    return {
        "street": clip(where.get("strasse"), 200),
        "postcode": postcode[:5],
        "city": clip(where.get("ort"), 120),
        "latitude": latitude,
        "longitude": longitude,
    }
