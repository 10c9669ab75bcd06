"""Turn the search's arrays into ``Bundle`` objects with legs, money and reason codes.

Reasons are codes with numbers only (times of day as minutes after midnight, money in
euros, shares as fractions); the Django side words them (``bundles.sentences``)."""

import itertools
import math
from dataclasses import replace

import numpy as np

from . import money
from .needs import CareKind
from .outputs import Bundle, CarePick, Leg, Reason, Starts
from .prepare import NO_DAY, Prepared, part_day
from .search import Found


def _stops(p: Prepared, picks: np.ndarray, order: tuple[int, ...]) -> list[tuple[str, int, list]]:
    """Distinct stops in visiting order: (label, zone, children there as positions in
    ``p.care``)."""
    stops: list[tuple[str, int, list]] = []
    for child in order:
        options, pos = p.care[child], int(picks[child])
        kind = "kita" if options.need.kind is CareKind.KITA else "school"
        label = f"{kind}:{int(options.ids[pos])}"
        if stops and stops[-1][0] == label:
            stops[-1][2].append(child)
        else:
            stops.append((label, int(options.zone[pos]), [child]))
    return stops


def legs(p: Prepared, found: Found, i: int) -> tuple[tuple[Leg, ...], tuple[Leg, ...], list]:
    """Morning and evening legs of bundle i for its chosen mode and order."""
    t = p.region.travel.minutes[int(found.mode[i])]
    order = tuple(int(child) for child in found.order[i])
    stops = _stops(p, found.care[i], order)
    places = [
        ("flat", int(p.flat_zone[found.flat[i]])),
        *[(s[0], s[1]) for s in stops],
        ("job", int(p.job_zone[found.job[i]])),
    ]
    morning = tuple(Leg(a[0], b[0], int(t[a[1], b[1]])) for a, b in itertools.pairwise(places))
    back = places[::-1]
    evening = tuple(Leg(a[0], b[0], int(t[a[1], b[1]])) for a, b in itertools.pairwise(back))
    return morning, evening, stops


def _stop_hours(p: Prepared, found: Found, i: int, children: list) -> tuple[float, float]:
    """Latest opening and earliest closing of the places of the children at one stop."""
    windows = [
        (float(p.care[c].place_opens[found.care[i][c]]),
         float(p.care[c].place_closes[found.care[i][c]]))
        for c in children
    ]  # fmt: skip
    return max(w[0] for w in windows), min(w[1] for w in windows)


def hours_reasons(
    p: Prepared, found: Found, i: int, morning: tuple, evening: tuple, stops: list
) -> list[Reason]:
    """One reason per care stop: when it opens/closes vs. when the parent is there
    (``arrive``: morning arrival, ``depart``: evening departure, ``dwell`` minutes at the
    stop each time; ``care_from``/``care_until``: the stated care hours, when those decide)."""
    start, end = p.job_start[found.job[i]], p.job_end[found.job[i]]
    hours = p.query.wishes.care_hours
    out: list[Reason] = []
    for s, (label, _zone, children) in enumerate(stops):
        held = p.dwell * (len(stops) - s)
        to_work = sum(leg.minutes for leg in morning[s + 1 :])
        from_work = sum(leg.minutes for leg in evening[: len(stops) - s])
        opens, closes = _stop_hours(p, found, i, children)
        bounded = opens > -1e5
        out.append(
            (
                "care_covers_hours",
                {
                    "place": label,
                    "children": tuple(p.care[c].child for c in children),
                    "opens": round(opens) if bounded else None,
                    "closes": round(closes) if bounded else None,
                    "leave_by": round(start - to_work - held + p.dwell),
                    "back_at": round(end + from_work + held - p.dwell),
                    "arrive": round(start - to_work - held),
                    "depart": round(end + from_work + held),
                    "dwell": round(p.dwell),
                    "shift_start": round(start),
                    "shift_end": round(end),
                    "care_from": None if hours is None else round(hours[0]),
                    "care_until": None if hours is None else round(hours[1]),
                },
            )
        )
    return out


def pupil_reasons(p: Prepared, found: Found, i: int) -> list[Reason]:
    """Pupils from grade 5 travel alone: their school and its minutes from the flat."""
    flat = p.flat_index[found.flat[i]]
    return [
        (
            "pupil_travels_alone",
            {
                "child": pupil.child,
                "place": f"school:{int(p.region.schools.ids[pupil.school[flat]])}",
                "minutes": round(float(pupil.minutes[flat])),
            },
        )
        for pupil in p.pupils
    ]


def child_fees(p: Prepared, found: Found, i: int) -> tuple[tuple[int, money.ChildFee], ...]:
    """Each Kita child's fee (provider, free by law, schedule range or unknown), keyed by
    the child's index in the household (as ``CarePick.child``)."""
    kitas, out = p.region.kitas, []
    for c, options in enumerate(p.care):
        child = options.child
        if options.need.kind is CareKind.KITA:
            pos = int(found.care[i][c])
            k, g = int(options.source[pos]), int(options.group[pos])
            fee = money.child_fee(
                float(kitas.fee[k]), float(kitas.fee_min[k, g]), float(kitas.fee_max[k, g]),
                options.need.age_months, p.query.money_params,
            )  # fmt: skip
            out.append((child, fee))
    return tuple(out)


def money_of(
    p: Prepared, found: Found, i: int
) -> tuple[dict[str, float], tuple[tuple[int, money.ChildFee], ...]]:
    """Monthly balance of bundle i, and each Kita child's fee."""
    fees = child_fees(p, found, i)
    j = found.job[i]
    out = money.balance(
        net_pay=float(p.job_net_pay[j]),
        other_net_income=p.query.household.other_net_income,
        children=p.n_children,
        warm_rent=float(p.flat_rent[found.flat[i]]),
        kita_fees=sum(fee.min for _, fee in fees if fee.exact),
        fees=tuple(fee for _, fee in fees),
    )
    return {"gross": round(float(p.job_gross[j]), 2), **out}, fees


def extra_euros(bundle: Bundle, best: Bundle) -> int | None:
    """Remaining money vs the best bundle, or None when an unknown fee makes it unsure.

    Fees of a child at the same Kita in both bundles cancel out; any other inexact fee
    leaves the difference open, and no saving is claimed on it.
    """
    shared = {(pick.child, pick.id) for pick in bundle.care} & {
        (pick.child, pick.id) for pick in best.care
    }
    ids = {pick.child: pick.id for pick in bundle.care}
    best_ids = {pick.child: pick.id for pick in best.care}
    for child, (low, high, _source) in bundle.fees:
        if low != high and (child, ids[child]) not in shared:
            return None
    for child, (low, high, _source) in best.fees:
        if low != high and (child, best_ids[child]) not in shared:
            return None
    # Shared inexact fees are left out of both "remaining" figures, so they cancel.
    return round(bundle.money["remaining"] - best.money["remaining"])


def _care_picks(p: Prepared, found: Found, i: int) -> tuple[CarePick, ...]:
    """Each child's place in household order; ``child`` is the household index."""
    picks = []
    for c, options in enumerate(p.care):
        pos = int(found.care[i][c])
        kind = "kita" if options.need.kind is CareKind.KITA else "school"
        picks.append(CarePick(options.child, kind, int(options.source[pos]), int(options.ids[pos])))
    flat = p.flat_index[found.flat[i]]
    for pupil in p.pupils:
        school = int(pupil.school[flat])
        picks.append(CarePick(pupil.child, "school", school, int(p.region.schools.ids[school])))
    return tuple(sorted(picks, key=lambda pick: pick.child))


def _job_reasons(p: Prepared, found: Found, i: int) -> list[Reason]:
    j, out = found.job[i], list[Reason]()
    if p.job_gross_estimated[j]:
        out.append(("salary_estimated", {"gross": round(float(p.job_gross[j]), 2)}))
    if p.job_shift_assumed[j]:
        start, end = round(float(p.job_start[j])), round(float(p.job_end[j]))
        out.append(("shift_assumed", {"start": start, "end": end}))
    remote = float(p.region.jobs.remote_share[p.job_index[j]])
    if remote > 0:
        out.append(("remote_share", {"share": round(remote, 2)}))
    return out


def _day(value: np.integer | int) -> int | None:
    return None if int(value) == NO_DAY else int(value)


def starts_of(p: Prepared, found: Found, i: int) -> Starts:
    """When each part of bundle i can start (see ``part_day``); care per household child."""
    start = p.query.wishes.start_day
    region = p.region
    job = part_day(region.jobs.start_day[[p.job_index[found.job[i]]]], start)[0]
    flat = part_day(region.flats.available_from[[p.flat_index[found.flat[i]]]], start)[0]
    care: list[int | None] = [None] * len(p.query.household.child_age_months)
    for c, options in enumerate(p.care):
        care[options.child] = _day(options.from_day[int(found.care[i][c])])
    for pupil in p.pupils:  # a school place starts at the household's start
        care[pupil.child] = _day(part_day(np.zeros(1, np.int64), start)[0])
    return Starts(job=_day(job), flat=_day(flat), care=tuple(care))


def date_reasons(p: Prepared, found: Found, i: int) -> list[Reason]:
    """``care_starts_later`` for each care place free only after the household's start
    (plus its window): the child, the place, the day and the gap in whole weeks."""
    out: list[Reason] = []
    for c, options in enumerate(p.care):
        child, pos = options.child, int(found.care[i][c])
        gap = int(options.gap_days[pos])
        if gap > 0:
            kind = "kita" if options.need.kind is CareKind.KITA else "school"
            params = {"child": child, "place": f"{kind}:{int(options.ids[pos])}",
                      "from_day": int(options.from_day[pos]), "gap_weeks": math.ceil(gap / 7)}  # fmt: skip
            out.append(("care_starts_later", params))
    return out


def bundle_at(p: Prepared, found: Found, i: int, best: Bundle | None) -> Bundle:
    """Bundle i with everything the presentation layer shows."""
    morning, evening, stops = legs(p, found, i)
    balance, fees = money_of(p, found, i)
    mode = p.region.travel.modes[int(found.mode[i])]
    daily = int(found.daily[i])
    commute: dict[str, object] = {
        "minutes": daily,
        "one_way": int(found.morning[i]),
        "mode": mode.value,
    }
    reasons: list[Reason] = [
        ("daily_commute", commute | {"dwell": round(p.dwell), "stops": len(stops)})
    ]
    reasons += hours_reasons(p, found, i, morning, evening, stops)
    reasons += date_reasons(p, found, i)
    reasons += pupil_reasons(p, found, i)
    reasons += [
        ("rent_share", {"share": round(balance["rent_share"], 2)}),
        ("remaining_money", _remaining_params(balance)),
    ]
    if not all(fee.exact for _, fee in fees):
        reasons.append(("kita_fee_unknown", _fee_range(balance)))
    reasons += _job_reasons(p, found, i)
    j, f = found.job[i], found.flat[i]
    terms = {
        "commute": float(found.commute[i]),
        "cost": float(found.cost[i]),
        "job_fit": float(p.region.jobs.fit[p.job_index[j]]),
        "flat_fit": float(p.region.flats.fit[p.flat_index[f]]),
    }
    bundle = Bundle(
        rank=i + 1,
        job_index=int(p.job_index[j]),
        job_id=int(p.region.jobs.ids[p.job_index[j]]),
        flat_index=int(p.flat_index[f]),
        flat_id=int(p.region.flats.ids[p.flat_index[f]]),
        care=_care_picks(p, found, i),
        score=float(found.total[i]),
        terms=terms,
        mode=mode,
        morning=morning,
        evening=evening,
        daily_minutes=daily,
        money=balance,
        reasons=tuple(reasons),
        fees=tuple((child, (fee.min, fee.max, fee.source)) for child, fee in fees),
        starts=starts_of(p, found, i),
        dwell_minutes=round(p.dwell),
    )
    return with_comparison(bundle, best)


def _remaining_params(balance: dict[str, float]) -> dict[str, object]:
    """What remains; with an inexact fee also the range (max NaN when open-ended)."""
    params: dict[str, object] = {"euros": round(balance["remaining"])}
    if balance["remaining_min"] != balance["remaining_max"]:
        params |= {
            "min": _rounded(balance["remaining_min"]),
            "max": round(balance["remaining_max"]),
        }
    return params


def _fee_range(balance: dict[str, float]) -> dict[str, object]:
    return {"min": round(balance["kita_fees_min"]), "max": _rounded(balance["kita_fees_max"])}


def _rounded(value: float) -> int | None:
    return None if np.isnan(value) else round(value)


def with_comparison(bundle: Bundle, best: Bundle | None) -> Bundle:
    """The bundle with its "compared with the best" reason (none for the best itself)."""
    if best is None:
        return bundle
    reason: Reason = (
        "compared_to_best",
        {
            "extra_minutes": bundle.daily_minutes - best.daily_minutes,
            "extra_euros": extra_euros(bundle, best),
        },
    )
    return replace(bundle, reasons=(*bundle.reasons, reason))


def build_bundles(p: Prepared, found: Found) -> tuple[Bundle, ...]:
    out: list[Bundle] = []
    for i in range(len(found)):
        out.append(bundle_at(p, found, i, out[0] if out else None))
    return tuple(out)
