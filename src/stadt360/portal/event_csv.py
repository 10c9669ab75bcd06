"""The attendee list of a date as CSV for Excel: UTF-8 with BOM, ``;`` between cells.

Names and answers come from strangers. A spreadsheet runs a cell that starts with
``= + - @`` (or a tab or carriage return before one) as a formula, so every such cell gets
a leading apostrophe: Excel and LibreOffice then show it as the text it is.
"""

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from stadt360.events.models import EventDate, Registration

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def local_time(value: Any) -> str:
    return f"{timezone.localtime(value):%d.%m.%Y %H:%M}" if value else ""


def header(questions: list[dict[str, Any]]) -> list[str]:
    fixed = [_("Name"), _("E-mail"), _("Status"), _("Waiting position"), _("Registered")]
    return [*fixed, _("Checked in"), *(q.get("label", q["key"]) for q in questions)]


def row(
    registration: Registration, position: int | None, questions: list[dict[str, Any]]
) -> list[str]:
    answers = registration.answers or {}
    return [
        registration.name,
        registration.email,
        registration.get_status_display(),
        str(position or ""),
        local_time(registration.created_at),
        local_time(registration.checked_in_at),
        *(answers.get(q["key"], "") for q in questions),
    ]


def attendee_csv(date: EventDate, rows: Iterable[tuple[Registration, int | None]]) -> bytes:
    """The CSV file's bytes: a header, then one line per registration."""
    questions = [q for q in date.event.questions or [] if isinstance(q, dict) and "key" in q]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for cells in [header(questions), *(row(r, p, questions) for r, p in rows)]:
        writer.writerow([neutralise(cell) for cell in cells])
    return buffer.getvalue().encode("utf-8-sig")
