"""schema.org JobPosting → jobs: JSON-LD inside HTML pages, or a JSON file/array/@graph.

Every ``<script type="application/ld+json">`` block of a page is read; broken JSON-LD
as real pages have it (JS comments, raw control characters, trailing commas) is
repaired first. Salaries per hour, day, week or year are converted to per month.
"""

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .base import Feed, FeedRejected, MapContext, Options, RawRecord, Record
from .values import MAX_AMOUNT, clip, on_the_globe, parse_date, parse_decimal, plain_text, text

FORMAT = "jobposting"
KIND = "job"
SCRIPT = re.compile(
    rb"<script[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
EMPLOYMENT_TYPES = {
    "FULL_TIME": "full_time", "VOLLZEIT": "full_time",
    "PART_TIME": "part_time", "TEILZEIT": "part_time",
    "MINI_JOB": "mini_job", "MINIJOB": "mini_job",
    "APPRENTICESHIP": "apprenticeship", "AUSBILDUNG": "apprenticeship",
}  # fmt: skip
ASSUMED_HOURS = {"full_time": 40, "part_time": 20, "mini_job": 10, "apprenticeship": 40}
WEEKS_PER_MONTH = Decimal(52) / Decimal(12)
PER_MONTH = {
    "MONTH": Decimal(1),
    "YEAR": Decimal(1) / 12,
    "WEEK": WEEKS_PER_MONTH,
    "DAY": 5 * WEEKS_PER_MONTH,
}
HOURS = re.compile(r"(\d+(?:[.,]\d+)?)")
ID_LENGTH = 120  # longer ids (long addresses) are stored as their SHA-256


# --- parsing ---------------------------------------------------------------------------------


def parse(content: bytes, *, options: Options) -> Feed:
    blocks = json_blocks(content)
    nodes: list[RawRecord] = []
    seen_types: dict[str, int] = {}
    for where, document in blocks:
        for path, node in walk(document, where):
            kinds = node.get("@type")
            for kind in kinds if isinstance(kinds, list) else [kinds]:
                if isinstance(kind, str):
                    seen_types[kind] = seen_types.get(kind, 0) + 1
            if "JobPosting" in (kinds if isinstance(kinds, list) else [kinds]):
                nodes.append(RawRecord(position=path, fields=node))
    if not nodes:
        found = ", ".join(f"{name} ({count})" for name, count in sorted(seen_types.items())) or "–"
        raise FeedRejected(
            _("No job posting (schema.org JobPosting) found in the file. Found instead: %(found)s.")
            % {"found": found},
            code="no_jobposting",
        )
    return Feed(format=FORMAT, kind=KIND, records=nodes, mapper=to_record)


def json_blocks(content: bytes) -> list[tuple[str, Any]]:
    """``(position, document)`` of a JSON file, or of each JSON-LD block of an HTML page."""
    stripped = content.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        return [("$", load_json(stripped.decode("utf-8", errors="replace"), "$"))]
    blocks = []
    for index, match in enumerate(SCRIPT.finditer(content), start=1):
        source = match.group(1).decode("utf-8", errors="replace").strip()
        if source:
            blocks.append((f"script[{index}]", load_json(source, f"script[{index}]")))
    return blocks


def load_json(source: str, where: str) -> Any:
    try:
        return json.loads(source)
    except json.JSONDecodeError:
        pass
    try:
        return json.loads(repair(source))
    except json.JSONDecodeError as error:
        raise FeedRejected(
            _("%(where)s is not valid JSON-LD (line %(line)s: %(msg)s).")
            % {"where": where, "line": error.lineno, "msg": error.msg},
            code="json",
        ) from error


def repair(source: str) -> str:
    """Drops JS comments and trailing commas, escapes raw control characters inside strings."""
    out, i, in_string = [], 0, False
    while i < len(source):
        char = source[i]
        if in_string:
            if char == "\\":
                out.append(source[i : i + 2])
                i += 2
                continue
            if char == '"':
                in_string = False
            out.append(f"\\u{ord(char):04x}" if ord(char) < 0x20 else char)
        elif source.startswith("//", i):
            i = source.find("\n", i)
            i = len(source) if i < 0 else i
            continue
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            i = len(source) if end < 0 else end + 2
            continue
        else:
            in_string = char == '"'
            out.append(char)
        i += 1
    return re.sub(r",(\s*[}\]])", r"\1", "".join(out))


def walk(document: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object in the document with its path (arrays and ``@graph`` included)."""
    if isinstance(document, list):
        for index, item in enumerate(document, start=1):
            yield from walk(item, f"{path}[{index}]")
    elif isinstance(document, dict):
        yield path, document
        for key in ("@graph", "itemListElement", "item"):
            if key in document:
                yield from walk(document[key], f"{path}/{key}")


# --- mapping ---------------------------------------------------------------------------------


def first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def identifier(node: dict[str, Any]) -> str:
    """The posting's own id: ``identifier`` (value), else ``@id``, ``url`` or ``sameAs``."""
    addresses = (node.get("@id"), node.get("url"), first(node.get("sameAs")))
    return given_identifier(node) or next(filter(None, map(as_key, addresses)), "")


def given_identifier(node: dict[str, Any]) -> str:
    """The ``identifier`` property alone (a value, or a PropertyValue)."""
    value = first(node.get("identifier"))
    if isinstance(value, dict):
        value = value.get("value") or value.get("@value") or value.get("name")
    return as_key(value)


def as_key(candidate: Any) -> str:
    key = text(candidate if isinstance(candidate, str | int) else "")
    return key if len(key) <= ID_LENGTH else f"sha256:{digest(key)}"


def derived_identifier(node: dict[str, Any], title: str) -> str:
    """A stable key for a posting without any id: employer, title and place, normalised.

    The same posting in the next export gets the same key, so re-imports converge.
    """
    employer = first(node.get("hiringOrganization"))
    employer = employer.get("name") if isinstance(employer, dict) else employer
    place = first(node.get("jobLocation"))
    address = first(place.get("address")) if isinstance(place, dict) else None
    address = address if isinstance(address, dict) else {}
    parts = [
        text(employer if isinstance(employer, str) else ""),
        title,
        *(text(address.get(key)) for key in ("postalCode", "addressLocality", "streetAddress")),
    ]
    normalised = "|".join(
        " ".join(unicodedata.normalize("NFKC", p).casefold().split()) for p in parts
    )
    return f"derived:{digest(normalised)[:40]}"


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def to_record(raw: RawRecord, context: MapContext) -> Record:
    node = raw.fields
    title = clip(plain_text(node.get("title") or node.get("name")), 200)
    record = Record(position=raw.position, external_id=identifier(node))
    if not title:
        return record.reject(_("The job posting has no title."), field="title", code="missing")
    if (
        record.external_id
        and not given_identifier(node)
        and context.occurrence(record.external_id) > 1
    ):
        # Many exports give every posting the careers page as its address: the first one
        # keeps it, the others are recognised by employer, title and place.
        record.note(
            _(
                "Another job posting in this file has the same address (%(address)s); this "
                "one is recognised by employer, title and place. Give each posting an "
                "identifier to keep them apart."
            )
            % {"address": record.external_id},
            field="url",
            code="shared_address",
        )
        record.external_id = ""
    if not record.external_id:
        record.external_id = derived_identifier(node, title)
        if (nth := context.occurrence(record.external_id)) > 1:
            # Same employer, title and place as an earlier posting in this file (e.g. full
            # and part time): told apart by their order, so re-imports still converge.
            record.external_id = f"{record.external_id}-{nth}"
        record.note(
            _(
                "The job posting has no identifier, address (url) or @id; it is recognised "
                "by employer, title and place. Give it an identifier to keep it apart when "
                "these change."
            ),
            field="identifier",
            code="derived_id",
        )
    try:
        employment_type = employment(node, record)
        hours = weekly_hours(node, employment_type, record)
        record.data = {
            **location(node, record, context),
            "status": "published",
            "title": title,
            "description": plain_text(node.get("description")),
            "employment_type": employment_type,
            "weekly_hours": hours,
            "valid_until": record.optional(
                parse_day, node.get("validThrough"), field="validThrough", label=_("Valid until")
            ),
            "start_date": record.optional(
                parse_day, node.get("jobStartDate"), field="jobStartDate", label=_("Start date")
            ),
            **salary(node, hours, record),
        }
    except ValueError as error:
        field, message = error.args if len(error.args) == 2 else ("", str(error))
        return record.reject(message, field=field)
    return record


def parse_day(value: Any) -> Any:
    return parse_date(text(value)[:10])


def employment(node: dict[str, Any], record: Record) -> str:
    values = node.get("employmentType")
    for value in values if isinstance(values, list) else [values]:
        if mapped := EMPLOYMENT_TYPES.get(text(value).upper().replace("-", "_")):
            return mapped
    record.note(
        _("Employment type “%(t)s” not known: full-time assumed.") % {"t": text(values) or "–"},
        field="employmentType",
        code="assumed",
    )
    return "full_time"


def weekly_hours(node: dict[str, Any], employment_type: str, record: Record) -> Decimal:
    if match := HOURS.search(text(node.get("workHours"))):
        hours = Decimal(match.group(1).replace(",", "."))
        if 1 <= hours <= 60:
            return hours
    record.note(
        _("Hours per week not given: %(h)s assumed.") % {"h": ASSUMED_HOURS[employment_type]},
        field="workHours",
        code="assumed",
    )
    return Decimal(ASSUMED_HOURS[employment_type])


def location(node: dict[str, Any], record: Record, context: MapContext) -> dict[str, Any]:
    place = first(node.get("jobLocation")) or {}
    address = first(place.get("address")) if isinstance(place, dict) else None
    address = address if isinstance(address, dict) else {}
    postcode = text(address.get("postalCode"))[:5]
    geo: Any = place.get("geo") if isinstance(place, dict) else None
    try:
        latitude, longitude = on_the_globe(geo["latitude"], geo["longitude"])
    except (TypeError, KeyError, ValueError):
        centroid = context.postcode_centroid(postcode) if postcode else None
        if centroid is None:
            raise ValueError(
                "jobLocation", _("The job location has neither coordinates nor a known postcode.")
            ) from None
        latitude, longitude = centroid
        record.note(
            _("No coordinates: placed at the centre of postcode %(p)s.") % {"p": postcode},
            code="postcode_centroid",
        )
    if not postcode:
        raise ValueError("jobLocation", _("The job location has no postcode."))
    return {
        "street": clip(address.get("streetAddress"), 200),
        "postcode": postcode,
        "city": clip(address.get("addressLocality"), 120),
        "latitude": latitude,
        "longitude": longitude,
    }


def salary(node: dict[str, Any], hours: Decimal, record: Record) -> dict[str, int | None]:
    """``baseSalary`` (MonetaryAmount with a QuantitativeValue) as gross euros per month."""
    amount = first(node.get("baseSalary"))
    if not isinstance(amount, dict):
        return {}
    if text(amount.get("currency") or "EUR").upper() != "EUR":
        record.note(_("Salary not in euros: not taken over."), field="baseSalary", code="currency")
        return {}
    value = amount.get("value")
    value = (
        value if isinstance(value, dict) else {"value": value, "unitText": amount.get("unitText")}
    )
    unit = text(value.get("unitText") or "MONTH").upper()
    factor = PER_MONTH.get(unit)
    if unit == "HOUR":
        factor = hours * WEEKS_PER_MONTH
    if factor is None:
        record.note(
            _("Salary unit “%(u)s” not known: not taken over.") % {"u": unit},
            field="baseSalary",
            code="unit",
        )
        return {}
    low = record.optional(
        parse_decimal,
        value.get("minValue") if value.get("minValue") is not None else value.get("value"),
        field="baseSalary",
        label=_("Salary"),
    )
    high = record.optional(
        parse_decimal,
        value.get("maxValue") if value.get("maxValue") is not None else value.get("value"),
        field="baseSalary",
        label=_("Salary"),
    )
    monthly = [None if v is None else round(v * factor) for v in (low, high)]
    known = [v for v in monthly if v is not None]
    if any(not 0 <= v <= MAX_AMOUNT for v in known) or (len(known) == 2 and known[0] > known[1]):
        # a typo, a sign or swapped bounds: not a salary anyone can search by
        shown = " – ".join(str(v) for v in (low, high) if v is not None)
        record.unreadable(shown, field="baseSalary", label=_("Salary"))
        return {}
    return {"salary_min": monthly[0], "salary_max": monthly[1]}
