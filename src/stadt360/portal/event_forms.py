"""Portal forms of events: the event, its dates and recurrence, messages, moves, check-in.

Forms only translate what the organiser typed into the mappings ``events.services`` takes;
the services keep the rules (publishing, capacity, exploding recurrence rules).
"""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from stadt360.core.ui.forms import KernForm
from stadt360.events.models import (
    Audience,
    EventDate,
    EventSeries,
    EventStatus,
    SeriesKind,
    Topic,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]
LANGUAGE_CODES = ("de", "en", "uk", "ar", "ru", "pl", "tr", "vi")
REQUIRED_WORDS = {"required", "pflicht", "ja", "yes", "*"}


def datetime_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.Field:
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        widget=widget,
        input_formats=DATETIME_FORMATS,
    )


def textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def language_choices() -> list[tuple[str, str]]:
    return [(code, get_language_info(code)["name_local"]) for code in LANGUAGE_CODES]


# --- Questions at registration: one per line "label | required | choice, choice" ---------


def question_key(label: str, number: int) -> str:
    """A key the services accept (small letters, digits, ``_``; a letter first)."""
    key = slugify(label).replace("-", "_")
    return (key if key[:1].isalpha() else f"frage_{number}_{key}".rstrip("_"))[:40]


def parse_questions(text: str) -> list[dict[str, Any]]:
    """The questions editor's lines as the event's ``questions`` list (keys from labels)."""
    questions: list[dict[str, Any]] = []
    keys: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label, _sep, rest = (part.strip() for part in line.partition("|"))
        flag, _sep, choices_text = (part.strip() for part in rest.partition("|"))
        if not label:
            raise ValidationError(_("Line %(n)d has no question."), params={"n": number})
        key = question_key(label, number)
        if key in keys:
            raise ValidationError(_("Line %(n)d repeats a question."), params={"n": number})
        keys.add(key)
        choices = [c.strip() for c in choices_text.split(",") if c.strip()]
        required = flag.lower() in REQUIRED_WORDS
        questions.append({"key": key, "label": label, "required": required, "choices": choices})
    return questions


def questions_text(questions: list[dict[str, Any]]) -> str:
    """The inverse of ``parse_questions`` for the edit form."""
    lines = []
    for question in questions:
        flag = "required" if question.get("required") else "optional"
        lines.append(f"{question['label']} | {flag} | {', '.join(question.get('choices') or [])}")
    return "\n".join(line.rstrip(" |") for line in lines)


class OrganisedForm(KernForm):
    """What an event and a series share: organiser (on creation), texts, audience, topics.

    ``organisers`` are the choices for whom it may be (None when editing: it stays).
    ``service_data()`` is the mapping the create/update services take (Event/EventSeries field
    names, audiences and topics as slugs).
    """

    organiser = forms.ChoiceField(label=_("Organiser"))
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        required=False,
        help_text=_("One or two sentences for lists and calendars."),
    )
    description = forms.CharField(
        label=_("Description"),
        widget=textarea(8),
        required=False,
        help_text=_("Simple HTML (paragraphs, lists, links) is kept; anything else is removed."),
    )
    audiences = forms.MultipleChoiceField(
        label=_("For whom"), widget=forms.CheckboxSelectMultiple, required=False
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: Any, organisers: list[tuple[str, str]] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisers is None:
            del self.fields["organiser"]
        else:
            self.set_organisers(organisers)
        self.set_choices(
            audiences=[(a.slug, a.name) for a in Audience.objects.all()],
            topics=[(t.slug, t.name) for t in Topic.objects.all()],
        )

    def set_choices(self, **choices: list[tuple[str, Any]]) -> None:
        for name, options in choices.items():
            self.fields[name].choices = options  # type: ignore[attr-defined]

    def set_organisers(self, organisers: list[tuple[str, str]]) -> None:
        """For whom it may be; a single choice needs no question."""
        field = self.fields["organiser"]
        field.choices = organisers  # type: ignore[attr-defined]
        if len(organisers) == 1:
            field.widget = forms.HiddenInput()
            field.initial = organisers[0][0]

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "organiser"}

    @classmethod
    def initial_for(cls, obj: Any) -> dict[str, Any]:
        skip = {"organiser", "audiences", "topics", *cls.COMPUTED}
        initial = {name: getattr(obj, name) for name in cls.base_fields if name not in skip}
        initial["audiences"] = list(obj.audiences.values_list("slug", flat=True))
        initial["topics"] = list(obj.topics.values_list("slug", flat=True))
        return initial

    COMPUTED: tuple[str, ...] = ()


class SeriesForm(OrganisedForm):
    kind = forms.ChoiceField(label=_("Kind of series"), choices=SeriesKind.choices)
    status = forms.ChoiceField(
        label=_("Visible to the public"),
        choices=[
            (EventStatus.DRAFT, _("No, a draft")),
            (EventStatus.PUBLISHED, _("Yes, published")),
        ],
        help_text=_("Only organisations the city verified can publish."),
    )

    field_order = ("organiser", "kind", "title", "summary", "description")


class EventForm(OrganisedForm):
    """Every field of an event an organiser writes."""

    series = forms.ChoiceField(label=_("Series"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        choices=language_choices,
    )
    accessibility = forms.CharField(
        label=_("Accessibility"),
        widget=textarea(3),
        required=False,
        help_text=_("Step-free access, hearing loop, sign language, quiet room …"),
    )
    room = forms.CharField(label=_("Room"), max_length=120, required=False)
    online_url = forms.URLField(
        label=_("Online link"), max_length=500, required=False, assume_scheme="https"
    )
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^\d{5}$",
        required=False,
        error_messages={"invalid": _("A postcode has five digits.")},
    )
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    is_free = forms.BooleanField(label=_("Free of charge"), required=False)
    price = forms.DecimalField(
        label=_("Price in euros"),
        max_digits=8,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
        help_text=_("Leave empty when it is free of charge or the price is not known yet."),
    )
    registration_required = forms.BooleanField(label=_("Registration required"), required=False)
    moderated = forms.BooleanField(
        label=_("We approve every registration ourselves"), required=False
    )
    waitlist_enabled = forms.BooleanField(
        label=_("Waiting list when a date is full"), required=False
    )
    offer_hold_hours = forms.IntegerField(
        label=_("Hours a freed place is held for the next person waiting"),
        min_value=1,
        max_value=24 * 14,
        initial=48,
    )
    questions = forms.CharField(
        label=_("Questions at registration"),
        widget=textarea(4),
        required=False,
        help_text=_(
            "One question per line: question | required or optional | answers to choose "
            "from, separated by commas. Example: Company | optional"
        ),
    )
    consent_text = forms.CharField(
        label=_("Consent text"),
        widget=textarea(3),
        required=False,
        help_text=_("What people agree to when they register (who sees their data, how long)."),
    )

    COMPUTED = ("series", "questions")

    def __init__(self, *args: Any, series: Iterable[EventSeries], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.series_by_key = {str(s.pk): s for s in series}
        options = [(key, s.title) for key, s in self.series_by_key.items()]
        self.set_choices(series=[("", _("No series")), *options])

    FIELDSETS = (
        (_("What"), "", ("organiser", "title", "summary", "description", "series")),
        (_("For whom and about what"), "", ("audiences", "topics", "languages")),
        (
            _("Where"),
            _("A room of the centre, an online link or an address elsewhere – or several."),
            ("room", "online_url", "street", "postcode", "city", "accessibility"),
        ),
        (_("Price"), "", ("is_free", "price")),
        (
            _("Registration"),
            "",
            (
                "registration_required",
                "moderated",
                "waitlist_enabled",
                "offer_hold_hours",
                "questions",
                "consent_text",
            ),
        ),
    )

    def fieldsets(self) -> list[tuple[Any, Any, list[Any]]]:
        """(legend, hint, bound fields) for the template, in the order of ``FIELDSETS``."""
        return [
            (legend, hint, [self[n] for n in names if n in self.fields])
            for legend, hint, names in self.FIELDSETS
        ]

    def clean_series(self) -> EventSeries | None:
        return self.series_by_key.get(self.cleaned_data.get("series") or "")

    def clean_questions(self) -> list[dict[str, Any]]:
        return parse_questions(self.cleaned_data.get("questions") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("is_free"):
            data["price"] = None
        return data

    @classmethod
    def initial_for(cls, obj: Any) -> dict[str, Any]:
        initial = super().initial_for(obj)
        initial["series"] = str(obj.series_id or "")
        initial["questions"] = questions_text(obj.questions or [])
        return initial


class DateForm(KernForm):
    starts_at = datetime_field(_("Starts"))
    ends_at = datetime_field(_("Ends"))
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        required=False,
        help_text=_("Leave empty when there is no limit."),
    )
    registration_closes_at = datetime_field(
        _("Registration closes"),
        required=False,
        help_text=_("Leave empty: registration is open until the start."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The end must not lie before the start."))
        return data

    @staticmethod
    def initial_for(date: EventDate) -> dict[str, Any]:
        local = timezone.localtime
        closes = date.registration_closes_at
        return {
            "starts_at": local(date.starts_at),
            "ends_at": local(date.ends_at),
            "capacity": date.capacity,
            "registration_closes_at": local(closes) if closes else None,
        }


FREQUENCIES = {
    "weekly": ("FREQ=WEEKLY", _("Every week")),
    "fortnightly": ("FREQ=WEEKLY;INTERVAL=2", _("Every two weeks")),
    "monthly_weekday": ("", _("Every month on the same weekday (e.g. 2nd Tuesday)")),
    "monthly_day": ("FREQ=MONTHLY", _("Every month on the same day")),
    "daily": ("FREQ=DAILY", _("Every day")),
}
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def monthly_weekday_rule(start: dt.datetime) -> str:
    """ "2nd Tuesday" of ``start`` as RRULE parts (the 5th becomes "last")."""
    nth = (start.day - 1) // 7 + 1
    return f"FREQ=MONTHLY;BYDAY={-1 if nth == 5 else nth}{WEEKDAYS[start.weekday()]}"


def parse_exceptions(text: str) -> list[dt.date]:
    days = []
    for token in text.replace(",", "\n").split():
        for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                days.append(dt.datetime.strptime(token, fmt).date())
                break
            except ValueError:
                continue
        else:
            raise ValidationError(
                _("“%(value)s” is not a date (e.g. 24.12.2026)."), params={"value": token}
            )
    return sorted(set(days))


class RecurrenceForm(KernForm):
    """Simple choices build an RFC 5545 rule; experts may type the rule themselves."""

    first_start = datetime_field(_("First date starts"))
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"), min_value=1, max_value=24 * 60, initial=90
    )
    frequency = forms.ChoiceField(
        label=_("Repeats"),
        choices=[(key, label) for key, (_rule, label) in FREQUENCIES.items()],
        required=False,
    )
    until = forms.DateField(label=_("Last possible day"), widget=DATE, required=False)
    count = forms.IntegerField(
        label=_("Number of dates"), min_value=1, max_value=200, required=False
    )
    exceptions = forms.CharField(
        label=_("Left out"),
        widget=textarea(2),
        required=False,
        help_text=_("Days without a date, one per line or separated by commas (e.g. 24.12.2026)."),
    )
    rule = forms.CharField(
        label=_("Recurrence rule for experts (RFC 5545)"),
        max_length=300,
        required=False,
        help_text=_("Replaces the choices above, e.g. FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10"),
    )
    capacity = forms.IntegerField(
        label=_("Places per date"),
        min_value=1,
        required=False,
        help_text=_("Leave empty when there is no limit."),
    )

    def clean_exceptions(self) -> list[dt.date]:
        return parse_exceptions(self.cleaned_data.get("exceptions") or "")

    def clean_rule(self) -> str:
        return (self.cleaned_data.get("rule") or "").strip().upper().removeprefix("RRULE:")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("rule") or not data.get("first_start"):
            return data
        if not data.get("until") and not data.get("count"):
            self.add_error("until", _("Please give the last day or the number of dates."))
        return data

    def recurrence(self) -> dict[str, Any]:
        """The keyword arguments of ``services.set_recurrence`` (without event and by)."""
        data = self.cleaned_data
        return {
            "first_start": data["first_start"],
            "duration": dt.timedelta(minutes=data["duration_minutes"]),
            "rule": data["rule"] or self.simple_rule(),
            "exceptions": data["exceptions"],
            "capacity": data["capacity"],
        }

    def simple_rule(self) -> str:
        data = self.cleaned_data
        frequency = data.get("frequency") or "weekly"
        start = timezone.localtime(data["first_start"])
        parts = [FREQUENCIES[frequency][0] or monthly_weekday_rule(start)]
        if data.get("count"):
            parts.append(f"COUNT={data['count']}")
        else:
            last = dt.datetime.combine(data["until"], dt.time(23, 59, 59))
            until = timezone.make_aware(last).astimezone(dt.UTC)
            parts.append(f"UNTIL={until:%Y%m%dT%H%M%SZ}")
        return ";".join(parts)


class CancelForm(KernForm):
    message = forms.CharField(
        label=_("Message to the registered people"),
        widget=textarea(4),
        required=False,
        max_length=4000,
        help_text=_("Why it is cancelled and what happens instead. Everyone registered gets it."),
    )


class MessageForm(KernForm):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(label=_("Message"), widget=textarea(8), max_length=10000)


class MoveForm(KernForm):
    to_date = forms.ChoiceField(label=_("Move to"))

    def __init__(self, *args: Any, dates: list[EventDate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dates = {str(d.pk): d for d in dates}
        self.fields["to_date"].choices = [(k, str(d)) for k, d in self.dates.items()]  # type: ignore[attr-defined]

    def target(self) -> EventDate:
        return self.dates[self.cleaned_data["to_date"]]


class SearchForm(KernForm):
    q = forms.CharField(label=_("Name or e-mail"), max_length=100, required=False)
