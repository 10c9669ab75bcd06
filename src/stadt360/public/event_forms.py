"""Forms of the event pages: the filters of the list and calendar, the registration form.

The registration form only checks what a person can correct in the form (required
fields, e-mail syntax, the event's own questions); whether a place is free, the date open
and the e-mail new for the date is decided by ``events.services.register``.
"""

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stadt360.core.ui.forms import KernForm
from stadt360.events.models import Audience, Event, EventDate, EventSeries, EventStatus, Topic
from stadt360.events.services import consent_text_for

PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED)
SEARCH_FIELDS = ("title", "summary", "description")


def visible_series() -> QuerySet[EventSeries]:
    """Series people may see: published ones, and any that holds a published event."""
    return EventSeries.objects.filter(
        Q(status__in=PUBLIC_STATUSES) | Q(events__status__in=PUBLIC_STATUSES)
    ).distinct()


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EventFilterForm(KernForm):
    """The filters shared by the list and the month calendar (German query names)."""

    q = forms.CharField(label=_("Search term"), max_length=100, required=False)
    reihe = forms.ChoiceField(label=_("Series"), required=False)
    zielgruppe = forms.ChoiceField(label=_("For whom"), required=False)
    thema = forms.ChoiceField(label=_("Topic"), required=False)
    von = forms.DateField(label=_("From"), required=False, widget=date_input())
    bis = forms.DateField(label=_("Until"), required=False, widget=date_input())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = {
            "reihe": (gettext("All series"), visible_series().values_list("slug", "title")),
            "zielgruppe": (gettext("Everyone"), Audience.objects.values_list("slug", "name")),
            "thema": (gettext("All topics"), Topic.objects.values_list("slug", "name")),
        }
        for name, (blank, options) in choices.items():
            field = self.fields[name]
            field.choices = [("", blank), *options]  # type: ignore[attr-defined]
            field.widget.choices = field.choices  # type: ignore[attr-defined]
        self.fields["von"].help_text = gettext("Only for the list.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("von"), data.get("bis")
        if start and end and end < start:
            self.add_error("bis", gettext("The end must not lie before the start."))
        return data

    def apply(self, dates: QuerySet[EventDate]) -> QuerySet[EventDate]:
        """The dates that match every filter given (call after ``is_valid``)."""
        data = self.cleaned_data
        # Subqueries, not joins: a join over audiences or topics would multiply the rows
        # the place counts (``event_display.with_places``) are counted over.
        lookups = {"reihe": "series__slug", "zielgruppe": "audiences", "thema": "topics__slug"}
        events = Event.objects.all()
        for name, lookup in lookups.items():
            if data.get(name):
                events = events.filter(**{lookup: data[name]})
        if data.get("q"):
            events = events.filter(text_matches(data["q"]))
        if events.query.where:
            dates = dates.filter(event__in=events.values("pk"))
        return dates

    def apply_range(self, dates: QuerySet[EventDate]) -> QuerySet[EventDate]:
        start, end = self.cleaned_data.get("von"), self.cleaned_data.get("bis")
        if start:
            dates = dates.filter(ends_at__gte=day_start(start))
        if end:
            dates = dates.filter(starts_at__lt=day_start(end + datetime.timedelta(days=1)))
        return dates

    @property
    def active(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)


def day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def text_matches(text: str) -> Q:
    """The words anywhere in the event's texts, in any of the site's languages."""
    query = Q()
    for word in text.split()[:8]:
        any_field = Q()
        for field in SEARCH_FIELDS:
            for code, _name in settings.LANGUAGES:
                any_field |= Q(**{f"{field}_{code}__icontains": word})
        query &= any_field
    return query


# --- Registration ----------------------------------------------------------------------

ANSWER_PREFIX = "answer_"


def question_field(question: dict[str, Any]) -> forms.Field:
    label = str(question.get("label") or question["key"])
    required = bool(question.get("required"))
    messages = {"required": gettext("Please answer: %(label)s") % {"label": label}}
    choices = [str(choice) for choice in question.get("choices") or []]
    if choices:
        options = [("", gettext("Please choose")), *((choice, choice) for choice in choices)]
        return forms.ChoiceField(
            label=label, choices=options, required=required, error_messages=messages
        )
    return forms.CharField(label=label, max_length=1000, required=required, error_messages=messages)


def event_questions(event: Event) -> list[dict[str, Any]]:
    return [q for q in event.questions if isinstance(q, dict) and q.get("key")]


class RegistrationForm(KernForm):
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        error_messages={"required": _("Enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send the confirmation and your personal link to this address."),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter the e-mail address like this: name@example.org"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        error_messages={"required": _("Please agree so that we may store your registration.")}
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = event_questions(event)
        for question in self.questions:
            self.fields[ANSWER_PREFIX + question["key"]] = question_field(question)
        # The consent box stays last, after the event's own questions.
        self.fields["consent"] = self.fields.pop("consent")
        self.fields["consent"].label = consent_text_for(event)

    def answers(self) -> dict[str, str]:
        return {
            question["key"]: self.cleaned_data.get(ANSWER_PREFIX + question["key"]) or ""
            for question in self.questions
        }

    def consent_text(self) -> str:
        return str(self.fields["consent"].label)
