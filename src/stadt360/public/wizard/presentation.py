"""Bundle results in the person's terms: the card's reason line, the day, the month, compare rows.

Pure functions over ``bundles.schemas`` (the response contract); no database, no request.
"""

import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypedDict

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from stadt360.bundles.schemas import (
    Bundle,
    BundleQuery,
    BundleSearchResult,
    CarePart,
    Elimination,
    Leg,
    Mode,
    Place,
)
from stadt360.core.templatetags.formatting import format_date, format_money, format_number

from .forms import (
    CARE_BY_WORK,
    START_CHOICES,
    WEIGHT_CHOICES,
    WEIGHT_KEYS,
    FlatForm,
    JobForm,
    PrioritiesForm,
)
from .money_text import (
    best_columns,
    euro_difference,
    fee_text,
    fees_amount,
    fees_line,
    money_range,
    monthly_costs,
    remaining_range,
    rounded,
)
from .querystring import number

SORTS = {
    "overall": gettext_lazy("best overall"),
    "commute": gettext_lazy("shortest trips"),
    "cost": gettext_lazy("lowest costs"),
}
MODE_LABELS = {
    Mode.TRANSIT: gettext_lazy("by bus and tram"),
    Mode.BIKE: gettext_lazy("by bicycle"),
    Mode.WALK: gettext_lazy("on foot"),
    Mode.CAR: gettext_lazy("by car"),
}
VERDICTS = {
    "very_good": gettext_lazy("Very good match"),
    "good": gettext_lazy("Good match"),
    "compromise": gettext_lazy("Match with compromise"),
}
# Differences below these are noise, not a compromise worth a sentence.
MINUTES_NOTICEABLE = 3
EUROS_NOTICEABLE = 20


def bundle_key(bundle: Bundle) -> str:
    """Stable id of a bundle across requests: job, flat and each care place."""
    care = ".".join(_care_key(part) for part in bundle.care)
    return f"{bundle.job.id}-{bundle.flat.id}" + (f"-{care}" if care else "")


def _care_key(part: CarePart) -> str:
    if part.kita:
        return f"k{part.kita.id}"
    return f"s{part.school.id}" if part.school else "n"


def verdict_label(bundle: Bundle) -> str:
    return str(VERDICTS.get(bundle.verdict, bundle.verdict))


def compromise_line(bundle: Bundle, best: Bundle) -> str:
    """ "9 minutes more travel per day, in return 180 € more left each month" vs the best bundle."""
    if bundle_key(bundle) == bundle_key(best):
        return _("The best match for your priorities.")
    minutes = round(bundle.commute.minutes - best.commute.minutes)
    euros = euro_difference(bundle, best)
    worse, better = _differences(minutes, euros)
    if euros is None:
        better = ", ".join(
            filter(None, [better, _("costs not comparable (a Kita fee is not known)")])
        )
    if worse and better:
        return _("%(worse)s, in return %(better)s.") % {"worse": worse, "better": better}
    if worse:
        return _("%(worse)s than the best match.") % {"worse": worse}
    if better:
        return _("%(better)s; the job or flat fits your wishes a little less.") % {"better": better}
    return _("Similar trips and costs; the job or flat fits your wishes a little less.")


def _differences(minutes: int, euros: int | None) -> tuple[str, str]:
    worse: list[str] = []
    better: list[str] = []
    if abs(minutes) >= MINUTES_NOTICEABLE:
        text = ngettext(
            "%(n)d minute %(dir)s travel per day",
            "%(n)d minutes %(dir)s travel per day",
            abs(minutes),
        ) % {"n": abs(minutes), "dir": _("more") if minutes > 0 else _("less")}
        (worse if minutes > 0 else better).append(text)
    if euros is not None and abs(euros) >= EUROS_NOTICEABLE:
        template = (
            _("%(amount)s more left each month")
            if euros > 0
            else _("%(amount)s less left each month")
        )
        (better if euros > 0 else worse).append(template % {"amount": format_money(abs(euros))})
    return ", ".join(worse), ", ".join(better)


def clock(value: str | None) -> str:
    """ "06:30" or "06:30:00" → "6:30"."""
    if not value:
        return ""
    hours, minutes = value.split(":")[:2]
    return f"{int(hours)}:{minutes}"


def hours_lines(bundle: Bundle) -> list[str]:
    """Opening hours against working hours, in words, one line per care place."""
    job = bundle.job
    lines = []
    for part in bundle.care:
        if not part.kita:
            continue
        if not (part.kita.opens and job.shift_start):
            lines.append(
                _("%(kita)s: opening or working hours are not known yet — ask both.")
                % {"kita": part.kita.name}
            )
            continue
        lines.append(
            _(
                "%(kita)s opens %(opens)s, your work starts %(start)s; it closes %(closes)s, "
                "your work ends %(end)s"
            )
            % {
                "kita": part.kita.name,
                "opens": clock(part.kita.opens),
                "start": clock(job.shift_start),
                "closes": clock(part.kita.closes) or "?",
                "end": clock(job.shift_end) or "?",
            }
        )
    return lines


def _minute_of_day(value: str | None) -> int | None:
    """ "07:15" or "07:15:00" → 435 (minutes after midnight); None when not stated."""
    if not value:
        return None
    hours, minutes = value.split(":")[:2]
    return int(hours) * 60 + int(minutes)


def _clock_at(minute: int) -> str:
    minute %= 24 * 60
    return f"{minute // 60}:{minute % 60:02d}"


def day_line(bundle: Bundle) -> str:
    """The morning in one line: "7:10 from home → Kita Rappelkiste → 8:00 at work · 22 min. a
    day by bicycle". The departure is the work start minus the morning's minutes rounded up
    (never optimistic); without a stated work start the route is shown without times."""
    commute = bundle.commute
    # The evening visits the same stops in reverse order: the first half of the legs is the morning.
    morning = commute.legs[: len(commute.legs) // 2]
    stops = [leg.destination for leg in morning[:-1]]
    start = _minute_of_day(bundle.job.shift_start)
    if start is None:
        route = [_("home"), *stops, _("work")]
    else:
        leave = start - math.ceil(commute.one_way_minutes)
        route = [
            _("%(time)s from home") % {"time": _clock_at(leave)},
            *stops,
            _("%(time)s at work") % {"time": _clock_at(start)},
        ]
    minutes = round(commute.minutes)
    travel = ngettext("%(n)d min. a day %(mode)s", "%(n)d min. a day %(mode)s", minutes) % {
        "n": minutes,
        "mode": MODE_LABELS.get(commute.mode, commute.mode),
    }
    return _("Your day: %(route)s · %(travel)s") % {"route": " → ".join(route), "travel": travel}


@dataclass(frozen=True)
class Month:
    """The card's month line: warm rent in whole euros, the Kita fees and what remains in
    words (an amount, or a range when a fee is estimated — never 0 for an unknown fee)."""

    warm_rent: int
    kita_fees: str
    remaining: str
    has_care: bool


def month(bundle: Bundle) -> Month:
    return Month(
        warm_rent=round(bundle.money.warm_rent),
        kita_fees=fees_amount(bundle),
        remaining=money_range(*remaining_range(bundle)),
        has_care=any(part.kita for part in bundle.care),
    )


def hours_verdict(bundle: Bundle) -> str:
    if bundle.hours_covered is None:
        return _("not known")
    return _("fits") if bundle.hours_covered else _("does not fit")


def leg_text(leg: Leg) -> str:
    minutes = round(leg.minutes)
    return ngettext(
        "%(origin)s → %(destination)s: %(n)d minute %(mode)s",
        "%(origin)s → %(destination)s: %(n)d minutes %(mode)s",
        minutes,
    ) % {
        "origin": leg.origin,
        "destination": leg.destination,
        "n": minutes,
        "mode": MODE_LABELS.get(leg.mode, leg.mode),
    }


def dwell_line(bundle: Bundle) -> str:
    """The time spent at the care places, which the legs leave out ("" when none)."""
    minutes = bundle.commute.dwell_minutes
    if not minutes:
        return ""
    return ngettext(
        "Dropping off and picking up: %(n)d minute at each care place, morning and evening "
        "(included in the travel time).",
        "Dropping off and picking up: %(n)d minutes at each care place, morning and evening "
        "(included in the travel time).",
        minutes,
    ) % {"n": minutes}


def offer_url(kind: str, pk: int) -> str:
    """The public detail page of an offer, or "" while that page does not exist."""
    try:
        return reverse(f"public:{kind}-detail", args=[pk])
    except NoReverseMatch:
        return ""


class StartItem(TypedDict):
    """One part of the card's start line: "Kita for child 1 from 1 Mar 2027 (9 weeks gap)"."""

    part_label: str
    date: datetime.date | None  # None: at once (today or earlier)
    gap_weeks: int | None


def start_items(bundle: Bundle, today: datetime.date | None = None) -> list[StartItem]:
    """When each part starts: job, flat, then each care place (a later day than today is
    shown as a date, with the gap after the household's start where there is one)."""
    today = today or datetime.date.today()
    starts = bundle.starts

    def later(day: datetime.date | None) -> datetime.date | None:
        return day if day is not None and day > today else None

    items: list[StartItem] = [
        {"part_label": _("Job"), "date": later(starts.job), "gap_weeks": None},
        {"part_label": _("Flat"), "date": later(starts.flat), "gap_weeks": None},
    ]
    for part in bundle.care:
        kind = "kita" if part.kita else "school" if part.school else ""
        if not kind:
            continue
        items.append(
            {
                "part_label": _care_label(kind, [part.child.index + 1]),
                "date": later(part.available_from),
                "gap_weeks": part.gap_weeks or None,
            }
        )
    return items


@dataclass(frozen=True)
class Card:
    bundle: Bundle
    key: str
    verdict: str
    reason: str
    hours: list[str]
    hours_verdict: str
    legs: list[str]
    dwell: str
    job_url: str
    flat_url: str
    care: list[tuple[CarePart, str, str]]  # part, its page, its fee in words
    day: str
    month: Month
    demo: bool
    map_url: str = ""
    fees: str = ""
    remaining: str = ""
    starts: list[StartItem] = field(default_factory=list)
    more_url: str = ""  # "show similar": only when similar suggestions were grouped


def cards(
    result: BundleSearchResult,
    sort: str = "overall",
    map_url: Callable[[str], str] = str,
    more_url: Callable[[Bundle], str] | None = None,
) -> list[Card]:
    if not result.bundles:
        return []
    best = min(result.bundles, key=lambda bundle: bundle.rank)
    more = more_url if more_url is not None and result.variety is not None else None
    return [
        replace(_card(bundle, best, map_url), more_url=more(bundle) if more else "")
        for bundle in sort_bundles(result.bundles, sort)
    ]


def _card(bundle: Bundle, best: Bundle, map_url: Callable[[str], str]) -> Card:
    key = bundle_key(bundle)
    return Card(
        bundle=bundle,
        key=key,
        verdict=verdict_label(bundle),
        reason=compromise_line(bundle, best),
        hours=hours_lines(bundle),
        hours_verdict=hours_verdict(bundle),
        legs=[leg_text(leg) for leg in bundle.commute.legs],
        dwell=dwell_line(bundle),
        job_url=offer_url("job", bundle.job.id),
        flat_url=offer_url("flat", bundle.flat.id),
        care=[(part, _care_url(part), fee_text(part)) for part in bundle.care],
        day=day_line(bundle),
        month=month(bundle),
        demo=_has_demo(bundle),
        map_url=map_url(key),
        fees=fees_line(bundle),
        remaining=money_range(*remaining_range(bundle)),
        starts=start_items(bundle),
    )


def _has_demo(bundle: Bundle) -> bool:
    places = [bundle.job, bundle.flat, *(part.kita or part.school for part in bundle.care)]
    return any(place.is_demo for place in places if place is not None)


def _care_url(part: CarePart) -> str:
    if part.kita:
        return offer_url("kita", part.kita.id)
    return offer_url("school", part.school.id) if part.school else ""


SORT_KEYS: dict[str, Callable[[Bundle], tuple[float, ...]]] = {
    "overall": lambda bundle: (bundle.rank,),
    "commute": lambda bundle: (bundle.commute.minutes, bundle.rank),
    "cost": lambda bundle: (monthly_costs(bundle)[1], monthly_costs(bundle)[0], bundle.rank),
}


def sort_bundles(bundles: Sequence[Bundle], sort: str) -> list[Bundle]:
    return sorted(bundles, key=SORT_KEYS.get(sort, SORT_KEYS["overall"]))


@dataclass(frozen=True)
class CompareRow:
    label: str
    cells: list[str]
    best: frozenset[int]  # column indexes holding the best value (empty: no ranking)


def compare_rows(chosen: Sequence[Card]) -> list[CompareRow]:
    """The card's rows with bundles as columns; the best value of each row is named in words."""
    bundles = [card.bundle for card in chosen]

    def ranked(label: str, cells: list[str], values: list[float], higher: bool) -> CompareRow:
        return CompareRow(label, cells, best_columns([(v, v) for v in values], higher))

    def ranged(label: str, ranges: list[tuple[float, float]], higher: bool) -> CompareRow:
        cells = [money_range(low, high) for low, high in ranges]
        return CompareRow(label, cells, best_columns(ranges, higher))

    return [
        CompareRow(_("Verdict"), [card.verdict for card in chosen], frozenset()),
        CompareRow(_("Job"), [_job_cell(b) for b in bundles], frozenset()),
        CompareRow(_("Flat"), [_flat_cell(b) for b in bundles], frozenset()),
        CompareRow(_("Care"), [_care_cell(b) for b in bundles], frozenset()),
        ranked(
            _("Travel per working day"),
            [_minutes(b.commute.minutes) for b in bundles],
            [round(b.commute.minutes) for b in bundles],
            higher=False,
        ),
        ranged(
            _("Warm rent and Kita fees per month"),
            [rounded(monthly_costs(b)) for b in bundles],
            higher=False,
        ),
        ranged(_("Left each month"), [rounded(remaining_range(b)) for b in bundles], higher=True),
        ranked(
            _("Opening hours and working hours"),
            [card.hours_verdict for card in chosen],
            [1.0 if b.hours_covered else 0.0 for b in bundles],
            higher=True,
        ),
        CompareRow(_("Compromise"), [card.reason for card in chosen], frozenset()),
    ]


def _minutes(value: float) -> str:
    minutes = round(value)
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


def rooms(value: float) -> str:
    """ "3" or "2,5" (de) / "2.5" (en)."""
    return format_number(value, 0 if float(value).is_integer() else 1)


def _job_cell(bundle: Bundle) -> str:
    return f"{bundle.job.name} ({bundle.job.provider})"


def _flat_cell(bundle: Bundle) -> str:
    flat = bundle.flat
    # One room is singular in English; 1.5 rooms are plural like any other count.
    return ngettext(
        "%(rooms)s room, %(space)d m², %(district)s",
        "%(rooms)s rooms, %(space)d m², %(district)s",
        1 if flat.rooms == 1 else 2,
    ) % {
        "rooms": rooms(flat.rooms),
        "space": round(flat.living_space),
        "district": flat.district or flat.address,
    }


def _care_cell(bundle: Bundle) -> str:
    names = [
        part.kita.name if part.kita else part.school.name if part.school else "–"
        for part in bundle.care
    ]
    return ", ".join(names) or _("no care place needed")


def rooms_input(value: float) -> str:
    """A room count for a number input (always a decimal point): "3", "2.5"."""
    return str(int(value)) if float(value).is_integer() else str(value)


@dataclass(frozen=True)
class Stop:
    kind: str  # flat, kita, school, job
    label: str
    name: str
    address: str
    latitude: float
    longitude: float


def stops(bundle: Bundle) -> list[Stop]:
    """The places of the day, each once: flat, care places (a shared Kita once), work.
    A pupil who travels alone is not a stop of the parent's day."""
    care: dict[tuple[str, int], tuple[Place, list[int]]] = {}
    for part in bundle.care:
        if part.travels_alone:
            continue
        kind, place = ("kita", part.kita) if part.kita else ("school", part.school)
        if place is not None:
            care.setdefault((kind, place.id), (place, []))[1].append(part.child.index + 1)
    places: list[tuple[str, str, Place]] = [
        ("flat", _("Flat"), bundle.flat),
        *((kind, _care_label(kind, kids), place) for (kind, _id), (place, kids) in care.items()),
        ("job", _("Work"), bundle.job),
    ]
    return [
        Stop(kind=kind, label=label, name=place.name, address=place.address,
             latitude=place.latitude, longitude=place.longitude)
        for kind, label, place in places
    ]  # fmt: skip


def _care_label(kind: str, children: list[int]) -> str:
    numbers = ", ".join(str(n) for n in children)
    if kind == "kita":
        return ngettext("Kita for child %(n)s", "Kita for children %(n)s", len(children)) % {
            "n": numbers
        }
    return ngettext("School for child %(n)s", "School for children %(n)s", len(children)) % {
        "n": numbers
    }


def map_data(stops: Sequence[Stop]) -> dict[str, object]:
    """What bundle-map.js draws: numbered stops; the route runs through them in order."""
    return {
        "stops": [
            {
                "n": i,
                "kind": stop.kind,
                "label": f"{i}. {stop.label}: {stop.name}",
                "lat": stop.latitude,
                "lon": stop.longitude,
            }
            for i, stop in enumerate(stops, 1)
        ]
    }


def elimination_line(item: Elimination) -> str:
    """The engine's text, with "n of m" added unless the text already says it."""
    removed, total = format_number(item.removed), format_number(item.of)
    if removed in item.text:
        return item.text
    return _("%(text)s: %(removed)s of %(total)s ruled out") % {
        "text": item.text,
        "removed": removed,
        "total": total,
    }


def start_label(query: BundleQuery) -> str:
    """The household's start in words: the chosen window, or the date; "fixed" when so."""
    day = query.start_date
    if day:
        text = _("From %(date)s") % {"date": format_date(day)}
    else:
        text = str(dict(START_CHOICES)[query.start.window.value])
    return _("%(start)s (the date is fixed)") % {"start": text} if query.start.fixed else text


def care_labels(query: BundleQuery) -> list[tuple[str, str]]:
    """Which hours childcare must cover, and the minutes at each care place."""
    care = query.care
    fields = PrioritiesForm.base_fields
    if care.hours_from is not None and care.hours_until is not None:
        hours = _("from %(start)s to %(end)s") % {
            "start": clock(care.hours_from),
            "end": clock(care.hours_until),
        }
    else:
        hours = str(dict(fields["care"].choices)[CARE_BY_WORK])  # type: ignore[attr-defined]
    dwell = _minutes(care.dwell_minutes)
    return [(str(fields["care"].label), hours), (str(fields["dwell"].label), dwell)]


def review_labels(query: BundleQuery) -> dict[str, object]:
    """The answers in words for the "check your answers" page, using the forms' own labels."""
    job_fields, flat_fields = JobForm.base_fields, FlatForm.base_fields
    priority_fields = PrioritiesForm.base_fields
    hours = dict(job_fields["hours"].choices)  # type: ignore[attr-defined]
    modes = dict(priority_fields["mode"].choices)  # type: ignore[attr-defined]
    weights = dict(WEIGHT_CHOICES)
    flat = query.flat
    return {
        "start_label": start_label(query),
        "hours_label": hours[query.job.hours.value],
        "share_percent": round(flat.max_rent_share * 100) if flat.max_rent_share else None,
        "rooms_label": rooms(flat.min_rooms) if flat.min_rooms else "",
        "features": [
            str(flat_fields[key].label)
            for key in ("balcony", "lift", "step_free", "pets", "wbs")
            if getattr(flat, "has_wbs" if key == "wbs" else key)
        ],
        "mode_labels": [str(modes[mode.value]) for mode in query.mobility.modes],
        "care_labels": care_labels(query),
        "weight_labels": [
            (
                str(priority_fields[key].label),
                str(weights.get(number(getattr(query.weights, attr)))),
            )
            for key, attr in WEIGHT_KEYS.items()
        ],
    }
