"""Shapes of the events API: the public list and detail, and a registration for a date.

Texts come in the request's language (Accept-Language; English falls back to German).
``places_left`` is ``null`` when a date has no limit – never 0 for "unknown".
"""

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal, Self

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from stadt360.events.models import Event, EventDate, EventSource
from stadt360.events.services import consent_text_for
from stadt360.offers.schemas import Page, ProviderOut, text

MAX_ANSWERS = 50
# Days outside this range would overflow when turned into times (year 1, year 9999).
EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2200, 12, 31)
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


# --- read side ------------------------------------------------------------------------------


class NamedOut(Schema):
    slug: str = Field(..., examples=["companies"])
    name: str = Field(..., examples=["Unternehmen"])


class SeriesOut(Schema):
    slug: str = Field(..., examples=["ki-im-mittelstand"])
    title: str = Field(..., examples=["KI im Mittelstand"])
    kind: str = Field(..., examples=["lectures"])


class PlaceOut(Schema):
    room: str = Field(..., description="Room of the innovation centre, or empty.")
    online_url: str = Field(..., description="Link to join online, or empty.")
    address: str = Field(..., description="Address elsewhere, or empty.", examples=[""])
    latitude: float | None
    longitude: float | None


class DateOut(Schema):
    id: int = Field(..., description="Id of the date: register with it.", examples=[17])
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    status: Literal["scheduled", "cancelled"]
    capacity: int | None = Field(..., description="Places in total; null: no limit.")
    places_left: int | None = Field(
        ..., description="Places still free; null: no limit.", examples=[12]
    )
    registration_closes_at: datetime.datetime | None

    @staticmethod
    def resolve_places_left(date: EventDate) -> int | None:
        return places_left(date)


def places_left(date: EventDate) -> int | None:
    """From the ``held`` annotation of the router's date queryset (one query for all dates)."""
    if date.capacity is None:
        return None
    return max(date.capacity - date.held, 0)  # type: ignore[attr-defined]


def is_demo(event: Event) -> bool:
    """Demo if the event or its organiser was generated: honest labels beat a clean look."""
    return event.source == EventSource.DEMO or bool(event.organiser and event.organiser.is_demo)


class EventOut(Schema):
    """What the list and the detail share."""

    id: int = Field(..., examples=[3])
    slug: str = Field(..., examples=["ki-im-mittelstand-sprachmodelle"])
    title: str = Field(..., examples=["KI im Mittelstand: Sprachmodelle im Betrieb"])
    summary: str
    status: Literal["published", "cancelled"]
    series: SeriesOut | None
    organiser: ProviderOut | None = Field(
        ..., description="The organising organisation; null: the innovation centre itself."
    )
    audiences: list[NamedOut]
    topics: list[NamedOut]
    languages: list[str] = Field(..., examples=[["de"]])
    place: PlaceOut
    is_free: bool
    price: Decimal | None = Field(
        ..., description="Amount in euros; null with is_free false: price unknown."
    )
    registration_required: bool
    is_demo: bool = Field(..., description="Generated demo data, not a real event.")
    data_label: str | None = Field(
        ...,
        description='Label to show next to demo data ("Demodaten" in German), else null.',
        examples=["Demodaten"],
    )

    @staticmethod
    def resolve_audiences(event: Event) -> list[Any]:
        return list(event.audiences.all())

    @staticmethod
    def resolve_topics(event: Event) -> list[Any]:
        return list(event.topics.all())

    @staticmethod
    def resolve_place(event: Event) -> dict[str, Any]:
        return {
            "room": event.room,
            "online_url": event.online_url,
            "address": event.address_line,
            "latitude": event.latitude,
            "longitude": event.longitude,
        }

    @staticmethod
    def resolve_is_demo(event: Event) -> bool:
        return is_demo(event)

    @staticmethod
    def resolve_data_label(event: Event) -> str | None:
        return str(EventSource.DEMO.label) if is_demo(event) else None


class EventListItem(EventOut):
    dates: list[DateOut] = Field(..., description="Its dates within the requested period.")

    @staticmethod
    def resolve_dates(event: Event) -> list[EventDate]:
        return event.window_dates  # type: ignore[attr-defined]


class EventPage(Page):
    items: list[EventListItem]


class QuestionOut(Schema):
    key: str = Field(..., examples=["company"])
    label: str = Field(..., examples=["Firma"])
    required: bool
    choices: list[str]

    @classmethod
    def of(cls, question: dict[str, Any]) -> Self:
        return cls(
            key=str(question["key"]),
            label=str(question.get("label") or question["key"]),
            required=bool(question.get("required")),
            choices=[str(choice) for choice in question.get("choices") or []],
        )


class EventDetail(EventOut):
    description: str = Field(..., description="Sanitised HTML.")
    accessibility: str
    moderated: bool = Field(..., description="The organiser approves each registration.")
    waitlist_enabled: bool
    questions: list[QuestionOut] = Field(
        ..., description="Questions to answer in `answers` when registering (by `key`)."
    )
    consent_text: str
    dates: list[DateOut] = Field(..., description="All its dates, past ones included.")

    @staticmethod
    def resolve_consent_text(event: Event) -> str:
        return consent_text_for(event)

    @staticmethod
    def resolve_questions(event: Event) -> list[QuestionOut]:
        return [
            QuestionOut.of(question)
            for question in event.questions
            if isinstance(question, dict) and "key" in question
        ]

    @staticmethod
    def resolve_dates(event: Event) -> list[EventDate]:
        return event.all_dates  # type: ignore[attr-defined]


def _invalid(message: str) -> PydanticCustomError:
    return PydanticCustomError("value_error", "{message}", {"message": message})


class EventQuery(Schema):
    """Filters of ``GET /events``; without ``from`` the list starts now (upcoming dates)."""

    model_config = ConfigDict(populate_by_name=True)

    from_: datetime.date | None = Field(
        None,
        alias="from",
        ge=EARLIEST,
        le=LATEST,
        description="Dates on or after this day (default: from now on).",
    )
    to: datetime.date | None = Field(
        None, ge=EARLIEST, le=LATEST, description="Dates on or before this day."
    )
    series: Annotated[str, StringConstraints(max_length=120, pattern=SLUG_PATTERN)] | None = Field(
        None, description="Slug of an event series.", examples=["ki-im-mittelstand"]
    )
    audience: Annotated[str, StringConstraints(max_length=20, pattern=SLUG_PATTERN)] | None = Field(
        None, description="pupils, students, companies or everyone.", examples=["pupils"]
    )
    q: text(100) | None = Field(None, description="Words in the title or summary.")  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.from_ and self.to and self.to < self.from_:
            raise _invalid(_("The end of the period lies before its start."))
        return self


# --- registration ---------------------------------------------------------------------------


def _email(value: str) -> str:
    try:
        validate_email(value)
    except DjangoValidationError:
        raise _invalid(_("Enter a valid e-mail address.")) from None
    return value


AnswerKey = Annotated[str, StringConstraints(max_length=60)]
AnswerValue = text(1000) | int | bool | None


class RegistrationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=150)]
    email: Annotated[
        str, StringConstraints(strip_whitespace=True, max_length=254), AfterValidator(_email)
    ] = Field(..., examples=["erika.musterfrau@example.org"])
    consent: bool = Field(..., description="Agreement to the event's consent text; must be true.")
    answers: dict[AnswerKey, AnswerValue] = Field(  # type: ignore[valid-type]
        default_factory=dict,
        max_length=MAX_ANSWERS,
        description="Answers to the event's questions, by question key.",
        examples=[{}],
    )

    @model_validator(mode="after")
    def _no_nul(self) -> Self:
        # PostgreSQL stores no NUL character; say so instead of failing at the database.
        texts = [self.name, self.email, *self.answers]
        if any("\x00" in value for value in texts):
            raise _invalid(_("NUL characters are not allowed."))
        return self


class RegistrationOut(Schema):
    status: Literal["confirmed", "waitlisted", "pending_approval"] = Field(
        ...,
        description="confirmed: a place is held; waitlisted: on the waiting list at `position`; "
        "pending_approval: the organiser decides.",
    )
    position: int | None = Field(
        ..., description="Place on the waiting list (1 = next); null unless waitlisted."
    )


class RefusalOut(Schema):
    code: str = Field(..., examples=["duplicate"])
    detail: str = Field(
        ..., examples=["Diese E-Mail-Adresse ist für diesen Termin schon angemeldet."]
    )
