"""One Django form per wizard step; field names are the query-string keys.

The forms only validate what a person typed; ``querystring`` turns their cleaned
data into a ``BundleQuery`` and back. Ranges mirror ``bundles.schemas`` so that a
valid form always gives a valid query.
"""

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from stadt360.bundles.schemas import (
    DEFAULT_DWELL_MINUTES,
    MAX_CHILDREN,
    MAX_DWELL_MINUTES,
    PLANNING_DAYS,
    Hours,
    Mode,
    StartWindow,
)

if TYPE_CHECKING:  # django_stubs_ext comes with django-stubs, a development dependency only
    from django_stubs_ext import StrOrPromise

CHILD_KEY = "child"

# Priorities are simple words in the UI and numbers in the query (engine weights).
WEIGHT_CHOICES = [("3", _("important")), ("1", _("normal")), ("0", _("doesn't matter"))]
WEIGHT_KEYS = {"w_commute": "commute", "w_cost": "cost", "w_job": "job_fit", "w_flat": "flat_fit"}
# Care must cover the working hours (default) or hours the person states.
CARE_BY_WORK, CARE_BY_HOURS = "work", "hours"


def _clock_field(label: "StrOrPromise") -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "invalid": _("Enter a time of day between 0:00 and 23:59, e.g. 6:30."),
        },
    )


def _weight_field(label: "StrOrPromise") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=WEIGHT_CHOICES, coerce=float, initial="1", widget=forms.RadioSelect
    )


def validate_birth_date(value: datetime.date, *, today: datetime.date | None = None) -> None:
    today = today or datetime.date.today()
    if value > today + datetime.timedelta(days=300):
        raise forms.ValidationError(
            _("This date is more than 300 days away. Enter the expected birth date."),
            code="too_late",
        )
    if value <= today.replace(year=today.year - 18):
        raise forms.ValidationError(
            _("Adults count as adults above. Enter only children under 18."), code="adult"
        )


def validate_not_past(value: datetime.date, *, today: datetime.date | None = None) -> None:
    today = today or datetime.date.today()
    if value < today:
        raise forms.ValidationError(
            _("This date lies in the past. Enter today or a later day."), code="past"
        )
    if value > today + datetime.timedelta(days=PLANNING_DAYS):
        raise forms.ValidationError(
            _("This date lies more than two years ahead. Enter a nearer day."), code="far"
        )


# The household's start: two windows and "from a date" (then the date field counts).
START_DATE = "date"
START_CHOICES = [
    (StartWindow.ASAP.value, _("As soon as possible")),
    (StartWindow.THREE_MONTHS.value, _("In the next three months")),
    (START_DATE, _("From a date")),
]


INPUT_CLASS = "kern-form-input__input"


class KernForm(forms.Form):
    """Inputs carry KERN's classes, and its error class once validation failed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.NumberInput | forms.TextInput | forms.DateInput):
                field.widget.attrs["class"] = INPUT_CLASS

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields and self.fields[name].widget.attrs.get("class") == INPUT_CLASS:
                self.fields[name].widget.attrs["class"] = f"{INPUT_CLASS} {INPUT_CLASS}--error"


class HouseholdForm(KernForm):
    """Step 1. Children are a repeated ``child`` key; ``child_rows`` gives one field per row."""

    adults = forms.IntegerField(
        label=_("How many adults move?"), min_value=1, max_value=6, initial=1
    )
    income = forms.FloatField(
        label=_("Other net income of the household (€ per month)"),
        help_text=_("For example a pension or maintenance. Leave empty if none."),
        min_value=0,
        max_value=50_000,
        required=False,
    )
    married = forms.TypedChoiceField(
        label=_("Are the adults married or in a registered partnership?"),
        help_text=_(
            "Only matters with two or more adults: it decides the tax class and so the net pay."
        ),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        initial="no",
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(
        self, data: QueryDict | None = None, *, child_rows: Sequence[str] = (), **kwargs: Any
    ) -> None:
        rows = data.getlist(CHILD_KEY) if data is not None else list(child_rows)
        super().__init__(_flatten_children(data) if data is not None else None, **kwargs)
        for index, value in enumerate(rows):
            self.fields[child_field(index)] = _child_date_field(index, initial=value)

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if len(self.child_rows()) > MAX_CHILDREN:
            raise forms.ValidationError(
                _("At most %(max)d children can be entered.") % {"max": MAX_CHILDREN}
            )
        if cleaned.get("married") and (cleaned.get("adults") or 1) < 2:
            self.add_error(
                "married",
                _(
                    "A marriage or registered partnership needs two adults: set the number "
                    "of adults to 2 or answer “No”."
                ),
            )
        return cleaned

    def child_rows(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(CHILD_KEY + "_")]

    def children(self) -> list[datetime.date]:
        return [self.cleaned_data[field.name] for field in self.child_rows()]


def child_field(index: int) -> str:
    return f"{CHILD_KEY}_{index}"


def _child_date_field(index: int, *, initial: str) -> forms.DateField:
    return forms.DateField(
        label=_("Birth date of child %(number)d") % {"number": index + 1},
        validators=[validate_birth_date],
        error_messages={
            "required": _("Enter the birth date or remove this child."),
            "invalid": _("Enter the birth date as a date, e.g. 2022-03-15."),
        },
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=initial,
    )


def _flatten_children(data: QueryDict) -> QueryDict:
    flat = data.copy()
    for index, value in enumerate(data.getlist(CHILD_KEY)):
        flat[child_field(index)] = value
    return flat


class JobForm(KernForm):
    q = forms.CharField(
        label=_("What kind of work are you looking for?"),
        help_text=_("Keywords, e.g. nursing, electrician, accounting."),
        max_length=200,
        required=False,
    )
    occupation = forms.RegexField(
        regex=r"^\d{1,5}$", required=False, widget=forms.HiddenInput, label=_("Occupation code")
    )
    hours = forms.ChoiceField(
        label=_("Working hours"),
        choices=[
            (Hours.ANY.value, _("Full-time or part-time")),
            (Hours.FULL_TIME.value, _("Full-time")),
            (Hours.PART_TIME.value, _("Part-time")),
        ],
        initial=Hours.ANY.value,
        widget=forms.RadioSelect,
    )
    min_salary = forms.FloatField(
        label=_("Minimum gross salary (€ per month)"),
        help_text=_("Leave empty if any salary is fine."),
        min_value=0,
        max_value=50_000,
        required=False,
    )
    when = forms.ChoiceField(
        label=_("When do you want to start?"),
        help_text=_("We show for the job, the flat and each childcare place when it can start."),
        choices=START_CHOICES,
        initial=StartWindow.THREE_MONTHS.value,
        required=False,
        widget=forms.RadioSelect,
    )
    start = forms.DateField(
        label=_("Your start date"),
        help_text=_("Only if you chose “From a date”."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the start as a date, e.g. 2026-04-01.")},
    )
    fixed = forms.BooleanField(
        label=_("The date is fixed"),
        help_text=_("Then childcare places that are free only after your start are left out."),
        required=False,
    )

    def clean(self) -> dict[str, object]:
        """Without a choice (older links): "From a date" when a date is given, else the
        default. A date counts only with "From a date"; there it is needed and not past."""
        cleaned = super().clean() or {}
        day = cleaned.get("start")
        when = cleaned.get("when") or (START_DATE if day else StartWindow.THREE_MONTHS.value)
        cleaned["when"] = when
        if when != START_DATE:
            cleaned["start"] = None
        elif day is None and "start" not in self.errors:
            self.add_error(
                "start", forms.ValidationError(_("Enter the start date."), code="required")
            )
        elif day is not None:
            try:
                validate_not_past(day)
            except forms.ValidationError as error:
                self.add_error("start", error)
        return cleaned


class FlatForm(KernForm):
    max_rent = forms.FloatField(
        label=_("Maximum warm rent (€ per month)"),
        help_text=_("Rent including service and heating costs."),
        min_value=1,
        max_value=20_000,
        required=False,
    )
    max_share = forms.IntegerField(
        label=_("Or: at most this share of the household's net income (%)"),
        help_text=_("Many people aim for at most 30 %."),
        min_value=1,
        max_value=100,
        required=False,
    )
    min_rooms = forms.FloatField(
        label=_("At least this many rooms"),
        help_text=_("Suggested from the size of your household. Kitchen and bath do not count."),
        min_value=1,
        max_value=12,
        required=False,
        widget=forms.NumberInput(attrs={"step": "0.5"}),
    )
    balcony = forms.BooleanField(label=_("Balcony or terrace"), required=False)
    lift = forms.BooleanField(label=_("Lift"), required=False)
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)
    pets = forms.BooleanField(label=_("Pets allowed"), required=False)
    wbs = forms.BooleanField(
        label=_("I have a housing entitlement certificate (WBS)"),
        help_text=_("Then flats that require one are included."),
        required=False,
    )
    move_in = forms.DateField(
        label=_("Move in by (at the latest)"),
        help_text=_(
            "Flats free only after this day are left out. Leave empty if you are flexible."
        ),
        required=False,
        validators=[validate_not_past],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the move-in date as a date, e.g. 2026-04-01.")},
    )


class PrioritiesForm(KernForm):
    mode = forms.MultipleChoiceField(
        label=_("How do you get around?"),
        choices=[
            (Mode.TRANSIT.value, _("Bus and tram")),
            (Mode.BIKE.value, _("Bicycle")),
            (Mode.WALK.value, _("On foot")),
            (Mode.CAR.value, _("Car")),
        ],
        widget=forms.CheckboxSelectMultiple,
        initial=[Mode.TRANSIT.value, Mode.BIKE.value, Mode.WALK.value],
        error_messages={"required": _("Choose at least one way of getting around.")},
    )
    max_minutes = forms.IntegerField(
        label=_("Longest trip to work, one way (minutes)"),
        min_value=5,
        max_value=180,
        initial=45,
    )
    tolerance = forms.IntegerField(
        label=_("Kita hours may miss working hours by up to (minutes)"),
        help_text=_("If someone else can bring or pick up the child. Leave empty if not."),
        min_value=0,
        max_value=240,
        required=False,
    )
    care = forms.ChoiceField(
        label=_("Childcare must cover"),
        choices=[
            (CARE_BY_WORK, _("my working hours (with the trips)")),
            (CARE_BY_HOURS, _("care needed from … to …")),
        ],
        initial=CARE_BY_WORK,
        required=False,
        widget=forms.RadioSelect,
    )
    care_from = _clock_field(_("Care needed from"))
    care_until = _clock_field(_("Care needed until"))
    dwell = forms.IntegerField(
        label=_("Minutes for dropping off and picking up at each care place"),
        help_text=_("Counted in the morning and again in the evening."),
        min_value=0,
        max_value=MAX_DWELL_MINUTES,
        initial=DEFAULT_DWELL_MINUTES,
        required=False,
    )
    w_commute = _weight_field(_("Short trips"))
    w_cost = _weight_field(_("Low costs"))
    w_job = _weight_field(_("A job that fits well"))
    w_flat = _weight_field(_("A flat that fits well"))

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        weights = [cleaned.get(key) for key in WEIGHT_KEYS]
        if all(weight == 0 for weight in weights):
            raise forms.ValidationError(
                _("Mark at least one priority as important or normal."), code="no_priority"
            )
        if cleaned.get("care") == CARE_BY_HOURS:
            self._check_care_hours(cleaned)
        return cleaned

    def _check_care_hours(self, cleaned: dict[str, object]) -> None:
        """Both times given, and the end after the start (clear message at the field)."""
        start, end = cleaned.get("care_from"), cleaned.get("care_until")
        for name, value in (("care_from", start), ("care_until", end)):
            if value is None and name not in self.errors:
                self.add_error(
                    name, _("Enter from when to when you need care, e.g. 6:30 to 17:00.")
                )
        if isinstance(start, datetime.time) and isinstance(end, datetime.time) and end <= start:
            self.add_error(
                "care_until",
                _("The end of care must be later than its start (%(start)s).")
                % {"start": f"{start.hour}:{start.minute:02d}"},
            )

    def care_hours(self) -> tuple[str, str] | None:
        """The stated care hours as "HH:MM" (cleaned data), or None: by working hours."""
        data = self.cleaned_data
        if data.get("care") != CARE_BY_HOURS:
            return None
        return data["care_from"].strftime("%H:%M"), data["care_until"].strftime("%H:%M")

    def dwell_minutes(self) -> int:
        value = self.cleaned_data.get("dwell")
        return DEFAULT_DWELL_MINUTES if value is None else int(value)


STEP_FORMS: tuple[type[forms.Form], ...] = (HouseholdForm, JobForm, FlatForm, PrioritiesForm)
# A step counts as answered when its marker key is in the query (always sent by its form).
STEP_MARKERS = ("adults", "hours", "min_rooms", "max_minutes")
