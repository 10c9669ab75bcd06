"""The wizard's query string <-> ``BundleQuery``, in both directions, in one place.

Every answer lives in the URL, so a result page is bookmarkable and shareable
without a session. ``decode`` validates through the step forms (so errors can be
shown next to the field); ``encode`` writes what ``decode`` reads:
``decode(encode(q)).query == q`` for every query the wizard can express
(weights 0/1/3, rent share in whole percent).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import QueryDict

from stadt360.bundles.schemas import DEFAULT_DWELL_MINUTES, BundleQuery

from .forms import (
    CARE_BY_HOURS,
    CHILD_KEY,
    START_DATE,
    STEP_FORMS,
    STEP_MARKERS,
    WEIGHT_KEYS,
    HouseholdForm,
    PrioritiesForm,
)

PIN_KEYS = ("pin_job", "pin_flat", "pin_kita")
DEFAULT_LIMIT = BundleQuery.model_fields["limit"].default
# The switch "group similar suggestions" (default on = the query's default variety caps).
# A form sends SIMILAR_ALL from a hidden input and SIMILAR_GROUP from the checked box, so
# the switch is on when SIMILAR_GROUP is there or the key is missing (old links).
SIMILAR_KEY, SIMILAR_GROUP, SIMILAR_ALL = "similar", "group", "all"
# Keys of the wizard's own answers; everything else (sort, bundle, nav …) is presentation.
ANSWER_KEYS = frozenset(
    {name for form in STEP_FORMS for name in form.base_fields}
    | {CHILD_KEY, "limit", SIMILAR_KEY, *PIN_KEYS}
)


@dataclass(frozen=True)
class Pins:
    """Offers chosen on a detail page ("this flat, please"): that part of the bundle is fixed."""

    job: int | None = None
    flat: int | None = None
    kita: int | None = None

    def items(self) -> list[tuple[str, int]]:
        pairs = (("pin_job", self.job), ("pin_flat", self.flat), ("pin_kita", self.kita))
        return [(key, value) for key, value in pairs if value is not None]


@dataclass
class Decoded:
    """The step forms bound to the query string, and the query when all of them are valid."""

    forms: tuple[forms.Form, ...]
    answered: tuple[bool, ...]
    pins: Pins = field(default_factory=Pins)
    query: BundleQuery | None = None

    @property
    def first_open_step(self) -> int | None:
        """1-based number of the first step not yet answered or invalid; None when complete."""
        for number, (form, done) in enumerate(zip(self.forms, self.answered, strict=True), 1):
            if not done or not form.is_valid():
                return number
        return None


def decode(params: QueryDict) -> Decoded:
    bound = tuple(form_class(params) for form_class in STEP_FORMS)
    answered = tuple(marker in params for marker in STEP_MARKERS)
    decoded = Decoded(forms=bound, answered=answered, pins=decode_pins(params))
    if decoded.first_open_step is None:
        decoded.query = BundleQuery.model_validate(_query_data(bound, params))
    return decoded


def _query_data(bound: tuple[forms.Form, ...], params: QueryDict) -> dict[str, Any]:
    household, job, flat, priorities = bound
    assert isinstance(household, HouseholdForm)
    assert isinstance(priorities, PrioritiesForm)
    return {
        "household": _household(household),
        "start": _start(job.cleaned_data),
        "job": _job(job.cleaned_data),
        "flat": _flat(flat.cleaned_data),
        "mobility": {
            "modes": priorities.cleaned_data["mode"],
            "max_commute_minutes": priorities.cleaned_data["max_minutes"],
        },
        "care": _care(priorities),
        "weights": {attr: priorities.cleaned_data[key] for key, attr in WEIGHT_KEYS.items()},
        "limit": _positive_int(params.get("limit"), maximum=50) or DEFAULT_LIMIT,
        **({} if groups_similar(params) else {"variety": None}),
    }


def _care(form: PrioritiesForm) -> dict[str, Any]:
    hours = form.care_hours()
    return {
        "hours_tolerance_minutes": form.cleaned_data["tolerance"] or 0,
        "hours_from": hours[0] if hours else None,
        "hours_until": hours[1] if hours else None,
        "dwell_minutes": form.dwell_minutes(),
    }


def groups_similar(params: QueryDict) -> bool:
    """Whether the switch "group similar suggestions" is on (see ``SIMILAR_KEY``)."""
    values = params.getlist(SIMILAR_KEY)
    return not values or SIMILAR_GROUP in values


def job_part(data: dict[str, Any]) -> dict[str, Any]:
    return _job(data)


def _household(form: HouseholdForm) -> dict[str, Any]:
    return {
        "adults": form.cleaned_data["adults"],
        "children": [{"birth_date": day} for day in form.children()],
        "other_net_income": form.cleaned_data["income"] or 0.0,
        "married": bool(form.cleaned_data["married"]),
    }


def _job(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "query": data["q"],
        "occupation": data["occupation"] or None,
        "hours": data["hours"],
        "min_salary_month": data["min_salary"],
    }


def _start(data: dict[str, Any]) -> dict[str, Any]:
    if data["when"] == START_DATE:
        return {"date": data["start"], "fixed": data["fixed"]}
    return {"window": data["when"], "fixed": data["fixed"]}


def _flat(data: dict[str, Any]) -> dict[str, Any]:
    share = data["max_share"]
    return {
        "max_warm_rent": data["max_rent"],
        "max_rent_share": share / 100 if share else None,
        "min_rooms": data["min_rooms"],
        **{key: data[key] for key in ("balcony", "lift", "step_free", "pets")},
        "has_wbs": data["wbs"],
        "move_in": data["move_in"],
    }


def decode_pins(params: QueryDict) -> Pins:
    job, flat, kita = (_positive_int(params.get(key)) for key in PIN_KEYS)
    return Pins(job=job, flat=flat, kita=kita)


def _positive_int(value: str | None, maximum: int = 2**63 - 1) -> int | None:
    if value is None or not value.isdigit():
        return None
    number = int(value)
    return number if 1 <= number <= maximum else None


def encode(query: BundleQuery, pins: Pins | None = None) -> QueryDict:
    """The query string the wizard's forms would have produced for ``query``."""
    params = QueryDict(mutable=True)
    for key, value in _pairs(query):
        params.appendlist(key, value)
    for key, pin in (pins or Pins()).items():
        params[key] = str(pin)
    return params


def _pairs(query: BundleQuery) -> Iterable[tuple[str, str]]:
    household, job, flat = query.household, query.job, query.flat
    yield "adults", str(household.adults)
    yield from _optional("income", household.other_net_income or None)
    if household.married:
        yield "married", "yes"
    yield from ((CHILD_KEY, child.birth_date.isoformat()) for child in household.children)
    yield from _optional("q", job.query)
    yield from _optional("occupation", job.occupation)
    yield "hours", job.hours.value
    yield from _optional("min_salary", job.min_salary_month)
    yield from _start_pairs(query)
    yield from _optional("max_rent", flat.max_warm_rent)
    yield from _optional(
        "max_share", round(flat.max_rent_share * 100) if flat.max_rent_share else None
    )
    yield "min_rooms", number(flat.min_rooms) if flat.min_rooms is not None else ""
    for key in ("balcony", "lift", "step_free", "pets"):
        if getattr(flat, key):
            yield key, "on"
    if flat.has_wbs:
        yield "wbs", "on"
    yield from _optional("move_in", flat.move_in.isoformat() if flat.move_in else None)
    yield from (("mode", mode.value) for mode in query.mobility.modes)
    yield "max_minutes", str(query.mobility.max_commute_minutes)
    yield from _care_pairs(query)
    for key, attr in WEIGHT_KEYS.items():
        yield key, number(getattr(query.weights, attr))
    if query.limit != DEFAULT_LIMIT:
        yield "limit", str(query.limit)
    if query.variety is None:
        yield SIMILAR_KEY, SIMILAR_ALL


def _start_pairs(query: BundleQuery) -> Iterable[tuple[str, str]]:
    day = query.start_date
    if day:
        yield "when", START_DATE
        yield "start", day.isoformat()
    else:
        yield "when", query.start.window.value
    if query.start.fixed:
        yield "fixed", "on"


def _care_pairs(query: BundleQuery) -> Iterable[tuple[str, str]]:
    care = query.care
    yield from _optional("tolerance", care.hours_tolerance_minutes or None)
    if care.hours_from is not None and care.hours_until is not None:
        yield "care", CARE_BY_HOURS
        yield "care_from", care.hours_from.zfill(5)
        yield "care_until", care.hours_until.zfill(5)
    if care.dwell_minutes != DEFAULT_DWELL_MINUTES:
        yield "dwell", str(care.dwell_minutes)


def _optional(key: str, value: str | float | None) -> Iterable[tuple[str, str]]:
    if value is None or value == "":
        return
    yield key, value if isinstance(value, str) else number(value)


def number(value: float) -> str:
    """Shortest exact text: ``3`` for 3.0, ``1234.5`` for 1234.5 (read back by float())."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def answers_only(params: QueryDict) -> QueryDict:
    """The wizard's answers without presentation keys (sort, nav, bundle …)."""
    kept = QueryDict(mutable=True)
    for key in params:
        if key in ANSWER_KEYS:
            kept.setlist(key, params.getlist(key))
    return kept


def relaxed(query: BundleQuery, patch: dict[str, dict[str, object]]) -> BundleQuery:
    """The query with one relaxation applied (``{"flat": {"max_warm_rent": 1200}}``)."""
    data = query.model_dump()
    for part, changes in patch.items():
        data[part] = {**data[part], **changes}
    return BundleQuery.model_validate(data)
