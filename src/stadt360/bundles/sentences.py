"""Plain sentences from the engine's reason codes and numbers, through gettext.

Why here and not in the engine: the engine returns codes and numbers only; every sentence
a person reads is a translatable string (so the translation check sees it and German
lives in the catalogue, docs/i18n/issue8_engine.de.tsv). The API returns these sentences
next to the codes; they read exactly as the engine's German and English sentences did.
Call inside the wanted language (``translation.override``); numbers are grouped as the
language writes them (1.234 / 1,234).
"""

import datetime
from collections.abc import Callable, Mapping

from django.utils import dateformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from . import engine

ReasonParams = Mapping[str, object]


def count(value: object) -> str:
    """A whole number with the language's thousands separator."""
    return number_format(round(float(value)), force_grouping=True)  # type: ignore[arg-type]


def euros(value: object) -> str:
    """An amount in whole euros, without sign (the sentence says which way)."""
    return _("€%(amount)s") % {"amount": count(abs(round(float(value))))}  # type: ignore[arg-type]


def percent(share: object) -> str:
    return str(round(float(share) * 100))  # type: ignore[arg-type]


def clock(minutes: object) -> str:
    """Minutes after midnight as "H:MM" (the next day wraps)."""
    whole = round(float(minutes)) % 1440  # type: ignore[arg-type]
    return f"{whole // 60}:{whole % 60:02d}"


def mode_name(mode: str) -> str:
    names = {
        "walk": pgettext("travel mode", "on foot"),
        "bike": pgettext("travel mode", "by bike"),
        "transit": pgettext("travel mode", "by bus and train"),
        "car": pgettext("travel mode", "by car"),
    }
    return names[mode]


def _commute(p: ReasonParams) -> str:
    minutes = int(p["minutes"])  # type: ignore[call-overload]
    values = {"minutes": minutes, "mode": mode_name(str(p["mode"]))}
    held = 2 * int(p.get("dwell") or 0) * int(p.get("stops") or 0)  # type: ignore[call-overload]
    if held:
        return ngettext(
            "Your travel time per day: %(minutes)s minute %(mode)s, "
            "including %(held)s minutes for dropping off and picking up",
            "Your travel time per day: %(minutes)s minutes %(mode)s, "
            "including %(held)s minutes for dropping off and picking up",
            minutes,
        ) % {**values, "held": held}
    return (
        ngettext(
            "Your travel time per day: %(minutes)s minute %(mode)s",
            "Your travel time per day: %(minutes)s minutes %(mode)s",
            minutes,
        )
        % values
    )


def _is_school(p: ReasonParams) -> bool:
    return str(p.get("place", "")).startswith("school:")


def _by_shift(p: ReasonParams) -> str:
    """Opening hours against the shift (a school is never called a Kita)."""
    values = {
        "opens": clock(p["opens"]),
        "start": clock(p["shift_start"]),
        "back": clock(p["back_at"]),
        "closes": clock(p["closes"]),
    }
    if _is_school(p):
        return (
            _(
                "School and after-school care open %(opens)s, your shift starts %(start)s — fits. "
                "You pick up at %(back)s, open until %(closes)s"
            )
            % values
        )
    return (
        _(
            "Childcare opens %(opens)s, your shift starts %(start)s — fits. "
            "You pick up at %(back)s, open until %(closes)s"
        )
        % values
    )


def _by_care_hours(p: ReasonParams) -> str:
    """Opening hours against the care hours the person stated."""
    values = {
        "opens": clock(p["opens"]),
        "closes": clock(p["closes"]),
        "from": clock(p["care_from"]),
        "until": clock(p["care_until"]),
    }
    if _is_school(p):
        return (
            _(
                "School and after-school care open %(opens)s to %(closes)s; "
                "you need care from %(from)s to %(until)s — fits"
            )
            % values
        )
    return (
        _("Kita open %(opens)s to %(closes)s; you need care from %(from)s to %(until)s — fits")
        % values
    )


def _hours(p: ReasonParams) -> str:
    if p["opens"] is None:
        return _("The school fits your working hours")
    text = _by_shift(p) if p.get("care_from") is None else _by_care_hours(p)
    dwell = int(p.get("dwell") or 0)  # type: ignore[call-overload]
    if not dwell:
        return text
    return ngettext(
        "%(text)s. You arrive at %(arrive)s and need %(dwell)s minute there, morning and evening",
        "%(text)s. You arrive at %(arrive)s and need %(dwell)s minutes there, morning and evening",
        dwell,
    ) % {"text": text, "arrive": clock(p["arrive"]), "dwell": dwell}


def _pupil(p: ReasonParams) -> str:
    minutes = int(p["minutes"])  # type: ignore[call-overload]
    return ngettext(
        "Child %(number)s goes to school alone: %(minutes)s minute from the flat",
        "Child %(number)s goes to school alone: %(minutes)s minutes from the flat",
        minutes,
    ) % {"number": int(p["child"]) + 1, "minutes": minutes}  # type: ignore[call-overload]


def _travel_difference(minutes: int) -> str:
    if minutes > 0:
        return ngettext(
            "%(minutes)s more minute of travel", "%(minutes)s more minutes of travel", minutes
        ) % {"minutes": minutes}
    if minutes < 0:
        return ngettext(
            "%(minutes)s fewer minute of travel", "%(minutes)s fewer minutes of travel", -minutes
        ) % {"minutes": -minutes}
    return _("same travel time")


def _compared(p: ReasonParams) -> str:
    minutes = int(p["extra_minutes"])  # type: ignore[call-overload]
    time = _travel_difference(minutes)
    if p["extra_euros"] is None:
        return _("%(time)s; costs not comparable: a childcare fee is not known") % {"time": time}
    amount = int(p["extra_euros"])  # type: ignore[call-overload]
    if amount == 0:
        return time
    cheaper = amount > 0
    money = (_("%(euros)s cheaper") if cheaper else _("%(euros)s more expensive")) % {
        "euros": euros(amount)
    }
    if (minutes > 0) == cheaper:
        return _("%(time)s, but %(money)s (compared with the best bundle)") % {
            "time": time,
            "money": money,
        }
    return _("%(time)s, %(money)s (compared with the best bundle)") % {
        "time": time,
        "money": money,
    }


def _remaining(p: ReasonParams) -> str:
    if "max" not in p:
        return _("You have %(euros)s left each month") % {"euros": euros(p["euros"])}
    if p["min"] is None:
        return _(
            "You have at most %(max)s left each month, minus a childcare fee not yet known"
        ) % {"max": euros(p["max"])}
    return _("You have %(min)s to %(max)s left each month (childcare fee not yet known)") % {
        "min": euros(p["min"]),
        "max": euros(p["max"]),
    }


def _fee_unknown(p: ReasonParams) -> str:
    if p.get("max") is None:
        return _("The childcare fee is not known")
    return _("The childcare fee is not known: estimated at %(min)s to %(max)s a month") % {
        "min": euros(p["min"]),
        "max": euros(p["max"]),
    }


def long_date(day: object) -> str:
    """An engine day number as the language writes a date ("1. März 2027" / "1 March 2027")."""
    value = datetime.date.fromordinal(int(day))  # type: ignore[call-overload]
    return dateformat.format(value, pgettext("date format of a long date", "j F Y"))


def _starts_later(p: ReasonParams) -> str:
    weeks = int(p["gap_weeks"])  # type: ignore[call-overload]
    return ngettext(
        "Childcare place for child %(child)s free from %(date)s — %(weeks)s week after your start",
        "Childcare place for child %(child)s free from %(date)s — %(weeks)s weeks after your start",
        weeks,
    ) % {"child": int(p["child"]) + 1, "date": long_date(p["from_day"]), "weeks": weeks}  # type: ignore[call-overload]


TEXTS: dict[str, Callable[[ReasonParams], str]] = {
    "care_starts_later": _starts_later,
    "daily_commute": _commute,
    "care_covers_hours": _hours,
    "pupil_travels_alone": _pupil,
    "compared_to_best": _compared,
    "rent_share": lambda p: (
        _("The warm rent is %(percent)s %% of your income") % {"percent": percent(p["share"])}
    ),
    "remaining_money": lambda p: _remaining(p),
    "kita_fee_unknown": lambda p: _fee_unknown(p),
    "salary_estimated": lambda p: (
        _("Salary not stated, estimated at minimum wage: %(euros)s gross")
        % {"euros": euros(p["gross"])}
    ),
    "shift_assumed": lambda p: (
        _("Working hours not stated, assumed %(start)s–%(end)s")
        % {"start": clock(p["start"]), "end": clock(p["end"])}
    ),
    "remote_share": lambda p: (
        _("%(percent)s %% working from home possible") % {"percent": percent(p["share"])}
    ),
}


def reason_text(code: str, params: ReasonParams) -> str:
    """One sentence for one reason code, in the active language."""
    return TEXTS[code](params)


def constraint_name(name: str) -> str:
    """A wish as the person knows it; engine names and the selector's own pre-filters."""
    if name.startswith("care_hours_child_"):
        name = "hours_tolerance_min"
    if name.startswith("care_child_"):
        child = int(name.rsplit("_", 1)[1]) + 1
        return _("free place for child %(number)s") % {"number": child}
    if name.startswith("care_start_child_"):
        child = int(name.rsplit("_", 1)[1]) + 1
        return _("fixed start date for child %(number)s") % {"number": child}
    names = {
        "min_salary": pgettext("wish", "minimum salary"),
        "max_warm_rent": pgettext("wish", "maximum rent"),
        "max_rent_share": pgettext("wish", "maximum rent share of income"),
        "min_rooms": pgettext("wish", "minimum number of rooms"),
        "move_in_day": pgettext("wish", "move-in date"),
        "max_commute_min": pgettext("wish", "longest commute"),
        "modes": pgettext("wish", "means of transport"),
        "hours_tolerance_min": pgettext("wish", "childcare opening hours"),
        "pupil_school": pgettext("wish", "a school within an hour for children from grade 5"),
        "job_wish": pgettext("wish", "keywords, working hours and occupation"),
        "flat_wish": pgettext("wish", "without a housing certificate (WBS)"),
    }
    return names.get(name, name)


def kind_name(kind: str) -> str:
    names = {
        "jobs": pgettext("offers ruled out", "jobs"),
        "flats": pgettext("offers ruled out", "flats"),
        "kitas": pgettext("offers ruled out", "childcare places"),
        "schools": pgettext("offers ruled out", "schools"),
        "care": pgettext("offers ruled out", "care places"),
    }
    return names[kind]


def removal_text(constraint: str, kind: str, removed: int, of: int) -> str:
    """ "'maximum rent' rules out 1,234 of 20,000 flats"."""
    return _("'%(wish)s' rules out %(removed)s of %(of)s %(kind)s") % {
        "wish": constraint_name(constraint),
        "removed": count(removed),
        "of": count(of),
        "kind": kind_name(kind),
    }


def _number(value: object) -> str:
    return f"{float(value):g}"  # type: ignore[arg-type]


def _by(new: object, old: object) -> float:
    return abs(float(new) - float(old))  # type: ignore[arg-type]


def _more_rent(new: object, old: object) -> str:
    return _("%(euros)s more warm rent (up to %(limit)s)") % {
        "euros": euros(_by(new, old)),
        "limit": euros(new),
    }


def _more_share(new: object, old: object) -> str:
    points = round(_by(new, old) * 100)
    return ngettext(
        "%(points)s percentage point more rent share (up to %(percent)s %%)",
        "%(points)s percentage points more rent share (up to %(percent)s %%)",
        points,
    ) % {"points": points, "percent": percent(new)}


def _more_travel(new: object, old: object) -> str:
    minutes = round(_by(new, old))
    return ngettext(
        "%(minutes)s more minute of travel time (up to %(limit)s minutes)",
        "%(minutes)s more minutes of travel time (up to %(limit)s minutes)",
        minutes,
    ) % {"minutes": minutes, "limit": round(float(new))}  # type: ignore[arg-type]


def _fewer_rooms(new: object, old: object) -> str:
    rooms = _by(new, old)
    return ngettext(
        "%(rooms)s room fewer (%(new)s instead of %(old)s)",
        "%(rooms)s rooms fewer (%(new)s instead of %(old)s)",
        round(rooms),
    ) % {"rooms": _number(rooms), "new": _number(new), "old": _number(old)}


def _less_salary(new: object, old: object) -> str:
    return _("%(euros)s less minimum salary (at least %(limit)s)") % {
        "euros": euros(_by(new, old)),
        "limit": euros(new),
    }


def _more_leeway(new: object, old: object) -> str:
    minutes = round(_by(new, old))
    return ngettext(
        "%(minutes)s more minute of leeway for childcare opening hours",
        "%(minutes)s more minutes of leeway for childcare opening hours",
        minutes,
    ) % {"minutes": minutes}


CHANGES: dict[str, Callable[[object, object], str]] = {
    "max_warm_rent": _more_rent,
    "max_rent_share": _more_share,
    "max_commute_min": _more_travel,
    "min_rooms": _fewer_rooms,
    "min_salary": _less_salary,
    "modes": lambda new, old: _("also by car"),
    "hours_tolerance_min": _more_leeway,
}


def change_text(relaxation: engine.Relaxation) -> str:
    """The change in its unit, with the new value: "€50 more warm rent (up to €950)"."""
    return CHANGES[relaxation.constraint](relaxation.new, relaxation.old)


def relaxation_text(relaxation: engine.Relaxation) -> str:
    """ "With €50 more warm rent (up to €950): 3 bundles"."""
    n = relaxation.bundles
    return ngettext("With %(change)s: %(n)s bundle", "With %(change)s: %(n)s bundles", n) % {
        "change": change_text(relaxation),
        "n": n,
    }
