"""Reading values the way providers write them: decimal commas, German dates, HTML texts."""

import datetime
import html
import re
from decimal import Decimal, InvalidOperation

import nh3

TRUE = {"true", "1", "ja", "yes", "j", "y", "x"}
FALSE = {"false", "0", "nein", "no", "n", ""}
GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
LINE_BREAKS = re.compile(r"<\s*(br|/p|/li|/div|/h\d)\s*/?\s*>", re.IGNORECASE)
BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")
SPACES = re.compile(r"[ \t\u00a0]+")


def text(value: object) -> str:
    return "" if value is None else str(value).strip()


def parse_decimal(value: object) -> Decimal | None:
    """``"1.234,56"``, ``"55,34"``, ``"940.0"``, ``"1,234.5"`` → Decimal; empty → None."""
    raw = text(value).replace("€", "").replace("EUR", "").replace(" ", "")
    if not raw:
        return None
    if "," in raw and "." in raw:
        raw = (
            raw.replace(".", "").replace(",", ".")
            if raw.rfind(",") > raw.rfind(".")
            else raw.replace(",", "")
        )
    elif "," in raw:
        raw = raw.replace(",", ".")
    try:
        number = Decimal(raw)
    except InvalidOperation as error:
        raise ValueError(value) from error
    if not number.is_finite():
        raise ValueError(value)
    return number


def parse_date(value: object) -> datetime.date | None:
    """ISO dates and datetimes, German ``DD.MM.YYYY``; empty → None; other text → ValueError."""
    raw = text(value)
    if not raw:
        return None
    if match := GERMAN_DATE.match(raw):
        day, month, year = (int(part) for part in match.groups())
        return datetime.date(year, month, day)
    return datetime.date.fromisoformat(raw[:10])


def parse_bool(value: object) -> bool | None:
    raw = text(value).lower()
    if raw in TRUE:
        return True
    if raw in FALSE:
        return False if raw else None
    return None


def plain_text(value: object, *, limit: int = 20_000) -> str:
    """Provider HTML as plain text: line breaks kept, every tag and script removed (nh3)."""
    raw = LINE_BREAKS.sub("\n", text(value))
    cleaned = html.unescape(nh3.clean(raw, tags=set(), clean_content_tags={"script", "style"}))
    lines = [SPACES.sub(" ", line).strip() for line in cleaned.splitlines()]
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()[:limit]


def clip(value: object, length: int) -> str:
    return text(value)[:length]
