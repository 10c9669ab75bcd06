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


# Amounts in euros are stored with 8 digits, 2 after the point (housing.models.MONEY):
# anything beyond is a typo or a misreading, not a price.
MAX_AMOUNT = Decimal("999999.99")


def parse_amount(value: object, limit: Decimal = MAX_AMOUNT) -> Decimal | None:
    """An amount in euros as :func:`parse_decimal`; ValueError when negative or over ``limit``."""
    number = parse_decimal(value)
    if number is not None and not 0 <= number <= limit:
        raise ValueError(value)
    return number


NUMBER_WORDS = {
    "ein": 1,
    "eine": 1,
    "einer": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
}
MULTIPLE = re.compile(r"(\d+(?:[.,]\d+)?|\b(?:" + "|".join(NUMBER_WORDS) + r")\b)")
# "Monatsmiete(n)", "Kaltmiete(n)", "Nettokaltmiete", "MM", "KM", "NKM", "Warmmiete(n)", …
RENT_WORD = re.compile(r"miete|\b(?:mm|km|nkm|mkm|wm)\b")
WARM_WORD = re.compile(r"warm|brutto|\bwm\b")
NO_DEPOSIT = {"kautionsfrei", "keine", "keine kaution", "ohne", "ohne kaution", "0"}
MAX_MULTIPLE = 6  # more rents than that is not a deposit but a misreading


def on_the_globe(latitude: object, longitude: object) -> tuple[float, float]:
    """Coordinates as numbers; ValueError when they are no place on earth (or not a number)."""
    lat, lon = float(text(latitude)), float(text(longitude))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # NaN fails the comparison too
        raise ValueError(latitude, longitude)
    return lat, lon


def parse_deposit(
    value: object, *, cold_rent: Decimal | None, warm_rent: Decimal | None = None
) -> tuple[Decimal | None, Decimal | None]:
    """``(amount, multiple)`` of a deposit as providers write it; ValueError if unreadable.

    ``"1.200,00 €"`` → (1200, None); ``"drei Monatsmieten"``, ``"3 MM"``, ``"2,5 Kaltmieten"``,
    ``"3 x Kaltmiete"``, a bare ``"3"`` → (multiple × cold rent, multiple); ``"2 Warmmieten"``
    → × the warm rent; ``"kautionsfrei"`` → (0, None); empty → (None, None). (Under German
    law a deposit is counted in cold rents, so "Monatsmiete" means the cold rent.)
    """
    raw = text(value).lower().rstrip(".")
    if not raw:
        return None, None
    if raw in NO_DEPOSIT:
        return Decimal(0), None
    amount = re.sub(r"\s*(€|euro|eur)$", "", raw)
    try:
        number = parse_decimal(amount)
    except ValueError:
        number = None
    if number is not None and (number >= 10 or number == 0 or not cold_rent):
        return parse_amount(amount), None  # an amount in euros
    if number is not None:
        multiple = number  # "3": three rents
    elif (match := MULTIPLE.search(raw)) and RENT_WORD.search(raw):
        multiple = multiple_of(match.group(1))
    else:
        raise ValueError(value)
    rent = warm_rent if WARM_WORD.search(raw) else cold_rent
    if not rent or not 0 < multiple <= MAX_MULTIPLE:
        raise ValueError(value)
    return parse_amount((multiple * rent).quantize(Decimal("0.01"))), multiple


def multiple_of(token: str) -> Decimal:
    return (
        Decimal(NUMBER_WORDS[token]) if token in NUMBER_WORDS else Decimal(token.replace(",", "."))
    )


def parse_date(value: object) -> datetime.date | None:
    """ISO dates and datetimes, German ``DD.MM.YYYY``; empty → None; other text → ValueError."""
    raw = text(value)
    if not raw:
        return None
    if match := GERMAN_DATE.match(raw):
        day, month, year = (int(part) for part in match.groups())
        return datetime.date(year, month, day)
    return datetime.date.fromisoformat(raw[:10])


IMMEDIATE = re.compile(r"sofort|vereinbarung|absprache|frei|nach\b|kurzfristig|jetzt|now")
GROUND_FLOOR = {"eg", "erdgeschoss", "hochparterre", "parterre"}


def find_date(value: object) -> datetime.date | None:
    """A date inside a text (“ab 01.08.2026”); ValueError when there is none."""
    raw = text(value)
    try:
        return parse_date(raw)
    except ValueError:
        if match := re.search(r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}", raw):
            return parse_date(match.group(0))
        raise


def is_immediate(value: object) -> bool:
    """“sofort”, “nach Vereinbarung”, “bezugsfrei”: no date, and rightly none."""
    return bool(IMMEDIATE.search(text(value).lower()))


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
