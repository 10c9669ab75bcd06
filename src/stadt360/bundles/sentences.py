"""Plain sentences from the engine's reason codes and numbers, through gettext.

Why here and not in the engine: the engine returns codes and numbers only; every sentence
a person reads is a translatable string (so the translation check sees it and German
lives in the catalogue, docs/i18n/issue8_engine.de.tsv). The API returns these sentences
next to the codes; they read exactly as the engine's German and English sentences did.
Call inside the wanted language (``translation.override``); numbers are grouped as the
language writes them (1.234 / 1,234).
"""

from collections.abc import Callable, Mapping

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
    return ngettext(
        "Your travel time per day: %(minutes)s minute %(mode)s",
        "Your travel time per day: %(minutes)s minutes %(mode)s",
        minutes,
    ) % {"minutes": minutes, "mode": mode_name(str(p["mode"]))}


def _hours(p: ReasonParams) -> str:
    if p["opens"] is None:
        return _("The school fits your working hours")
    return _(
        "Childcare opens %(opens)s, your shift starts %(start)s — fits. "
        "You pick up at %(back)s, open until %(closes)s"
    ) % {
        "opens": clock(p["opens"]),
        "start": clock(p["shift_start"]),
        "back": clock(p["back_at"]),
        "closes": clock(p["closes"]),
    }


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
    minutes, amount = int(p["extra_minutes"]), int(p["extra_euros"])  # type: ignore[call-overload]
    time = _travel_difference(minutes)
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


TEXTS: dict[str, Callable[[ReasonParams], str]] = {
    "daily_commute": _commute,
    "care_covers_hours": _hours,
    "compared_to_best": _compared,
    "rent_share": lambda p: (
        _("The warm rent is %(percent)s %% of your income") % {"percent": percent(p["share"])}
    ),
    "remaining_money": lambda p: (
        _("You have %(euros)s left each month") % {"euros": euros(p["euros"])}
    ),
    "kita_fee_unknown": lambda p: _("The childcare fee is not known"),
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
    names = {
        "min_salary": pgettext("wish", "minimum salary"),
        "max_warm_rent": pgettext("wish", "maximum rent"),
        "max_rent_share": pgettext("wish", "maximum rent share of income"),
        "min_rooms": pgettext("wish", "minimum number of rooms"),
        "start_day": pgettext("wish", "move-in date"),
        "max_commute_min": pgettext("wish", "longest commute"),
        "modes": pgettext("wish", "means of transport"),
        "hours_tolerance_min": pgettext("wish", "childcare opening hours"),
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
