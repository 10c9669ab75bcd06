"""iCalendar (RFC 5545) → events: a partner's calendar as a file or a subscription address.

One record per UID: its VEVENT and the VEVENTs that change single dates of it
(RECURRENCE-ID), at the position of its first VEVENT ("VEVENT 7 (line 120)"). The file is
split into its VEVENTs before they are parsed, so a VEVENT icalendar cannot read is
reported with its position while the others import; a file that is not a calendar, is
cut off or whose frame (header, VTIMEZONEs) is unreadable is rejected as a whole.

The dates (``ical_dates``) are expanded here, while parsing, so the file's limits
(dates per file, time for the rules) and its notes are known before anything is written.
What a record carries for ``targets.EventTarget``: ``data = {"event": {Event fields},
"dates": [(starts_at, ends_at), …], "cancelled": [starts_at, …]}``.
"""

import hashlib
import html
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import icalendar
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import conf
from . import ical_dates as dates
from .base import Action, Feed, FeedRejected, MapContext, Options, Problem, RawRecord, Record
from .values import clip, on_the_globe, text

FORMAT = "ical"
KIND = "event"
LINE_BREAK = re.compile(r"\r\n|\n|\r")
HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s[^>]*)?/?>")
POSTCODE = re.compile(r"^(\d{5})\s+(\S.*)$")
PRIVATE = {"PRIVATE", "CONFIDENTIAL"}
MAX_UID = 300


def looks_like(content: bytes) -> bool:
    """A calendar (or, so that it is refused with a clear word, a bare VEVENT)."""
    head = content[:256].lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    return head.startswith((b"BEGIN:VCALENDAR", b"BEGIN:VEVENT"))


# --- splitting the file ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Block:
    """One VEVENT of the file: its number among the VEVENTs, its first line and its text."""

    number: int
    line: int
    text: str

    @property
    def position(self) -> str:
        return _("VEVENT %(n)s (line %(line)s)") % {"n": self.number, "line": self.line}


def logical_lines(content: str) -> Iterator[tuple[int, str]]:
    """Unfolded content lines with the number of their first physical line."""
    current: str | None = None
    start = 0
    for number, line in enumerate(LINE_BREAK.split(content), start=1):
        if line[:1] in (" ", "\t") and current is not None:
            current += line[1:]
            continue
        if current is not None:
            yield start, current
        current, start = line, number
    if current is not None:
        yield start, current


@dataclass(slots=True)
class Split:
    """The calendar without its VEVENTs, its VEVENTs one by one, and where it ended."""

    frame: str
    blocks: list[Block]
    trailing_line: int = 0  # the first line after END:VCALENDAR (ignored), or 0


def split(content: str) -> Split:
    """Splits the calendar into its frame and its VEVENTs; refuses a broken frame."""
    frame: list[str] = []
    blocks: list[Block] = []
    stack: list[str] = []
    block: tuple[int, list[str]] | None = None
    ended = False
    for number, line in logical_lines(content):
        if not line.strip():
            continue
        key, _sep, value = line.partition(":")
        key, value = key.strip().upper(), value.strip().upper()
        if ended:
            return Split("\r\n".join(frame), blocks, trailing_line=number)
        if not stack and (key, value) != ("BEGIN", "VCALENDAR"):
            raise not_a_calendar()
        if key == "BEGIN":
            stack.append(value)
            if stack == ["VCALENDAR", "VEVENT"]:
                block = (number, [])
        (block[1] if block else frame).append(line)
        if key == "END":
            if not stack or stack[-1] != value:
                raise broken(
                    _("END:%(name)s in line %(n)s does not close what was opened")
                    % {"name": value, "n": number}
                )
            stack.pop()
            if block and len(stack) == 1:
                blocks.append(Block(len(blocks) + 1, block[0], "\r\n".join(block[1])))
                block = None
            ended = not stack
    if not ended:
        raise FeedRejected(
            _(
                "The calendar file is incomplete (it ends without END:VCALENDAR, perhaps it "
                "was cut off while downloading). Nothing was imported."
            ),
            code="truncated",
        )
    return Split("\r\n".join(frame), blocks)


def not_a_calendar() -> FeedRejected:
    return FeedRejected(
        _(
            "The file is not an iCalendar calendar: it does not begin with BEGIN:VCALENDAR. "
            "Export the whole calendar (.ics) and upload that file."
        ),
        code="not_ical",
    )


def broken(detail: str) -> FeedRejected:
    return FeedRejected(
        _("The calendar file is damaged (%(detail)s). Nothing was imported.") % {"detail": detail},
        code="broken",
    )


def read_frame(frame: str) -> icalendar.Calendar:
    """The calendar's header and time zones (read first: VEVENTs refer to its VTIMEZONEs)."""
    try:
        return icalendar.Calendar.from_ical(frame)
    except Exception as error:  # icalendar raises ValueError, KeyError, IndexError …
        raise broken(str(error)[:200]) from error


def read_block(block: Block) -> icalendar.Event | Problem:
    try:
        component = icalendar.Event.from_ical(block.text)
    except Exception as error:
        return unreadable(block, error)
    if not isinstance(component, icalendar.Event):
        return Problem(_("VEVENT %(n)s could not be read.") % {"n": block.number}, "", "unreadable")
    return component


def unreadable(block: Block, error: Exception) -> Problem:
    return Problem(
        _("VEVENT %(n)s could not be read (%(error)s).")
        % {"n": block.number, "error": str(error)[:200] or type(error).__name__},
        "",
        "unreadable",
    )


# --- grouping by UID and expanding -----------------------------------------------------------


@dataclass(slots=True)
class Group:
    """The VEVENTs of one UID, in file order, and what became of them."""

    uid: str
    first: Block
    events: list[tuple[Block, icalendar.Event]] = field(default_factory=list)
    problem: Problem | None = None
    notes: list[Problem] = field(default_factory=list)
    occurrences: list[dates.Occurrence] = field(default_factory=list)

    @property
    def master(self) -> icalendar.Event | None:
        return next((event for _block, event in self.events if "RECURRENCE-ID" not in event), None)

    def fields(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "VEVENT": [event for _block, event in self.events],
            "problem": self.problem,
            "notes": self.notes,
            "occurrences": self.occurrences,
        }


def group(blocks: list[Block]) -> list[Group]:
    groups: dict[str, Group] = {}
    anonymous: list[Group] = []
    for block in blocks:
        event = read_block(block)
        if isinstance(event, Problem):
            anonymous.append(Group(uid="", first=block, problem=event))
            continue
        uid = prop(event, "UID")
        if not uid:
            anonymous.append(Group(uid="", first=block, problem=missing_uid(block)))
            continue
        groups.setdefault(uid, Group(uid=uid, first=block)).events.append((block, event))
    ordered = [*groups.values(), *anonymous]
    ordered.sort(key=lambda g: g.first.number)
    return ordered


def missing_uid(block: Block) -> Problem:
    return Problem(
        _(
            "VEVENT %(n)s has no UID; without it later changes could not be followed, so it "
            "was not imported."
        )
        % {"n": block.number},
        "UID",
        "missing",
    )


def keep_newest_master(group: Group) -> None:
    """Two VEVENTs with one UID and no RECURRENCE-ID: the higher SEQUENCE (then the later
    LAST-MODIFIED/DTSTAMP) counts, with a note."""
    masters = [(b, e) for b, e in group.events if "RECURRENCE-ID" not in e]
    if len(masters) < 2:
        return
    newest = max(masters, key=lambda item: version(item[1]))
    for block, event in masters:
        if event is not newest[1]:
            group.events.remove((block, event))
            group.notes.append(
                Problem(
                    _(
                        "VEVENT %(n)s is an older version of VEVENT %(newest)s (same UID, lower "
                        "SEQUENCE or older LAST-MODIFIED); only VEVENT %(newest)s was taken."
                    )
                    % {"n": block.number, "newest": newest[0].number},
                    "UID",
                    "duplicate",
                )
            )


def version(event: icalendar.Event) -> tuple[int, str, str]:
    try:
        sequence = int(event.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        sequence = 0
    stamps = [event.get(name) for name in ("LAST-MODIFIED", "DTSTAMP")]
    return sequence, *(prop.to_ical().decode() if prop is not None else "" for prop in stamps)  # type: ignore[return-value]


class Expansion:
    """Expands the groups of one file within the window, the file's limits in view."""

    def __init__(self, calendar: icalendar.Calendar) -> None:
        self.zone = dates.calendar_zone(calendar)
        self.window = dates.Window.from_today(self.zone)
        self.timezones = calendar.walk("VTIMEZONE")
        self.total = 0
        self.deadline = time.monotonic() + conf.events_expansion_seconds()

    def run(self, group: Group) -> None:
        if group.problem is not None:
            return
        keep_newest_master(group)
        try:
            for block, event in group.events:
                dates.check_times(event, block.number, self.zone)
                if tzid := dates.floating_note(event):
                    group.notes.append(unknown_zone(tzid))
            self.check_budget(group)
            for block, event in group.events:
                dates.check_rules(event, block.number, self.window)
            found = dates.expand([e for _b, e in group.events], self.timezones, self.window)
            if len(found) > conf.events_max_dates_per_event():
                raise dates.Unusable(
                    dates.exploded(group.first.number, conf.events_max_dates_per_event())
                )
            self.count(found)
        except dates.Unusable as error:
            group.problem = error.problem
            return
        except Exception as error:  # whatever else one VEVENT holds: it alone is set aside
            group.problem = unreadable(group.first, error)
            return
        group.occurrences = found

    def check_budget(self, group: Group) -> None:
        recurring = any(dates.rules_of(event) for _block, event in group.events)
        if recurring and time.monotonic() >= self.deadline:
            raise dates.Unusable(
                Problem(
                    _(
                        "The recurrence rules of this file took too long to calculate; this "
                        "event and the ones after it were set aside."
                    ),
                    "RRULE",
                    "too_slow",
                )
            )

    def count(self, found: list[dates.Occurrence]) -> None:
        limit = conf.events_max_dates_per_file()
        if self.total + len(found) > limit:
            raise dates.Unusable(
                Problem(
                    _(
                        "The file has more than %(limit)s dates within the next %(days)s days; "
                        "this event and the ones after it were set aside."
                    )
                    % {"limit": limit, "days": conf.events_horizon_days()},
                    "",
                    "too_many_dates",
                )
            )
        self.total += len(found)


def unknown_zone(tzid: str) -> Problem:
    return Problem(
        _("Time zone “%(tzid)s” is unknown; the times were read as local time.")
        % {"tzid": tzid[:80]},
        "DTSTART",
        "time_zone",
    )


# --- parse and map ---------------------------------------------------------------------------


def parse(content: bytes, *, options: Options) -> Feed:
    from ..reading import decode_text

    decoded, encoding_note = decode_text(content)
    parts = split(decoded)
    calendar = read_frame(parts.frame)
    groups = group(parts.blocks)
    expansion = Expansion(calendar)
    for item in groups:
        expansion.run(item)
    notes = [Problem(encoding_note, "", "encoding")] if encoding_note else []
    if parts.trailing_line:
        notes.append(
            Problem(
                _("The lines from line %(n)s on follow after END:VCALENDAR; they were ignored.")
                % {"n": parts.trailing_line},
                "",
                "trailing",
            )
        )
    if not parts.blocks:
        notes.append(Problem(_("The calendar holds no events (VEVENT)."), "", "empty"))
    if outside := sum(1 for g in groups if g.problem is None and not g.occurrences):
        notes.append(outside_note(outside))
    records = [RawRecord(position=g.first.position, fields=g.fields()) for g in groups]
    return Feed(format=FORMAT, kind=KIND, records=records, mapper=to_record, notes=notes)


def outside_note(count: int) -> Problem:
    return Problem(
        ngettext(
            "%(n)s event has no date between today and the next %(days)s days (past or later "
            "events); it was skipped.",
            "%(n)s events have no date between today and the next %(days)s days (past or "
            "later events); they were skipped.",
            count,
        )
        % {"n": count, "days": conf.events_horizon_days()},
        "",
        "outside_horizon",
    )


def to_record(raw: RawRecord, context: MapContext) -> Record:
    found = raw.fields
    record = Record(position=raw.position, external_id=external_id(found["uid"]))
    record.notes.extend(found["notes"])
    if found["problem"] is not None:
        problem = found["problem"]
        return record.reject(problem.message, field=problem.field, code=problem.code)
    master = next((e for e in found["VEVENT"] if "RECURRENCE-ID" not in e), found["VEVENT"][0])
    if prop(master, "CLASS").upper() in PRIVATE:
        record.external_id = ""  # not "in the feed": imported before, it is withdrawn
        return record.skip(_("The event is private (CLASS:PRIVATE); it was not imported."))
    if not found["occurrences"]:
        record.action = Action.SKIP  # counted in the file's note, not one line each
        return record
    title = clip(prop(master, "SUMMARY"), 200)
    if not title:
        return record.reject(
            _("The event has no title (SUMMARY)."), field="SUMMARY", code="missing"
        )
    record.data = {
        "event": event_data(master, title),
        "dates": [(o.starts_at, o.ends_at) for o in found["occurrences"]],
        "cancelled": [o.starts_at for o in found["occurrences"] if o.cancelled],
    }
    return record


def prop(component: icalendar.Event, name: str) -> str:
    """A text property; given twice (which RFC 5545 does not allow), the first counts."""
    found = component.get(name)
    if isinstance(found, list):
        found = found[0] if found else None
    return text(found)


def external_id(uid: str) -> str:
    """The UID, or its hash when it is longer than the database keeps."""
    if len(uid) <= MAX_UID:
        return uid
    return "sha256:" + hashlib.sha256(uid.encode()).hexdigest()


def event_data(master: icalendar.Event, title: str) -> dict[str, Any]:
    """Event fields of a VEVENT; registration happens at the partner, the price is unknown."""
    return {
        "title": title,
        "description": description(master),
        "status": "published",
        "registration_required": False,
        "is_free": False,
        "price": None,
        **place(prop(master, "LOCATION"), master.get("GEO")),
    }


def description(master: icalendar.Event) -> str:
    """DESCRIPTION as HTML: HTML stays (the events service sanitises it with nh3), plain
    text is escaped with its paragraphs kept; the event's URL is linked below."""
    raw = prop(master, "DESCRIPTION")[:20_000]
    if raw and not HTML_TAG.search(raw):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
        raw = "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
    url = prop(master, "URL")
    if url.startswith(("https://", "http://")) and len(url) <= 500:
        raw += f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>'
    return raw


def place(location: str, geo: Any) -> dict[str, Any]:
    """LOCATION "Venue @ Street 1, 07545 Gera, Deutschland" → room, street, postcode, city;
    a web address → the online link; GEO → the position."""
    found = coordinates(geo)
    if location.startswith(("https://", "http://")):
        return found | {"online_url": location[:500]}
    venue, _at, address = location.rpartition(" @ ")
    parts = [part.strip() for part in re.split(r"[,\n]", address) if part.strip()]
    for index, part in enumerate(parts):
        if match := POSTCODE.match(part):
            before = parts[:index]
            room = ", ".join(filter(None, [venue, *before[:-1]]))
            return found | {
                "room": room[:120],
                "street": (before[-1] if before else "")[:200],
                "postcode": match.group(1),
                "city": match.group(2)[:120],
            }
    return found | ({"room": " ".join(location.split())[:120]} if location else {})


def coordinates(geo: Any) -> dict[str, Any]:
    """GEO "50.87;12.08" → latitude, longitude (an unreadable GEO is left out)."""
    try:
        latitude, longitude = on_the_globe(geo.latitude, geo.longitude)
    except (AttributeError, TypeError, ValueError):
        return {}
    return {"latitude": latitude, "longitude": longitude}
