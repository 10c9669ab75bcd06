"""Plain German and English sentences from reason codes, for cards, lists and screen readers.

Why here and not in templates: the sentences need the numbers of the codes, and the API
returns them too; the presentation layer may still translate codes itself.
"""

from collections.abc import Callable

from .outputs import Bundle, Reason, Relaxation, Removal

MODE_NAMES = {
    "de": {
        "walk": "zu Fuß",
        "bike": "mit dem Rad",
        "transit": "mit Bus und Bahn",
        "car": "mit dem Auto",
    },
    "en": {"walk": "on foot", "bike": "by bike", "transit": "by bus and train", "car": "by car"},
}


def _euros(value: object, lang: str) -> str:
    amount = f"{abs(round(float(value))):,}"
    return f"{amount.replace(',', '.')} €" if lang == "de" else f"€{amount}"


def _commute(p: dict, lang: str) -> str:
    mode = MODE_NAMES[lang][str(p["mode"])]
    if lang == "de":
        return f"Ihre Fahrzeit pro Tag: {p['minutes']} Minuten {mode}"
    return f"Your travel time per day: {p['minutes']} minutes {mode}"


def _hours(p: dict, lang: str) -> str:
    if p["opens"] is None:
        return (
            "Die Schule passt zu Ihren Arbeitszeiten"
            if lang == "de"
            else "The school fits your working hours"
        )
    if lang == "de":
        return (
            f"Kita öffnet {p['opens']}, Ihr Dienst beginnt {p['shift_start']} — passt. "
            f"Sie holen um {p['back_at']} ab, geöffnet bis {p['closes']}"
        )
    return (
        f"Childcare opens {p['opens']}, your shift starts {p['shift_start']} — fits. "
        f"You pick up at {p['back_at']}, open until {p['closes']}"
    )


def _compared(p: dict, lang: str) -> str:
    minutes, euros = int(p["extra_minutes"]), int(p["extra_euros"])
    de = lang == "de"
    if minutes > 0:
        time = f"{minutes} Minuten mehr Fahrzeit" if de else f"{minutes} more minutes of travel"
    elif minutes < 0:
        time = (
            f"{-minutes} Minuten weniger Fahrzeit" if de else f"{-minutes} fewer minutes of travel"
        )
    else:
        time = "gleiche Fahrzeit" if de else "same travel time"
    if euros == 0:
        return time
    cheaper = euros > 0
    money = (
        f"{_euros(euros, lang)} {'günstiger' if cheaper else 'teurer'}"
        if de
        else f"{_euros(euros, lang)} {'cheaper' if cheaper else 'more expensive'}"
    )
    link = (", dafür " if de else ", but ") if (minutes > 0) == cheaper else ", "
    return (
        f"{time}{link}{money} (im Vergleich zum besten Paket)"
        if de
        else (f"{time}{link}{money} (compared with the best bundle)")
    )


TEXTS: dict[str, Callable[[dict, str], str]] = {
    "daily_commute": _commute,
    "care_covers_hours": _hours,
    "compared_to_best": _compared,
    "rent_share": lambda p, lang: (
        f"Die Warmmiete ist {round(float(p['share']) * 100)} % Ihres Einkommens"
        if lang == "de"
        else f"The warm rent is {round(float(p['share']) * 100)} % of your income"
    ),
    "remaining_money": lambda p, lang: (
        f"Ihnen bleiben im Monat {_euros(p['euros'], lang)}"
        if lang == "de"
        else f"You have {_euros(p['euros'], lang)} left each month"
    ),
    "kita_fee_unknown": lambda p, lang: (
        "Die Kita-Gebühr ist nicht bekannt" if lang == "de" else "The childcare fee is not known"
    ),
    "salary_estimated": lambda p, lang: (
        f"Gehalt nicht angegeben, geschätzt mit Mindestlohn: {_euros(p['gross'], lang)} brutto"
        if lang == "de"
        else f"Salary not stated, estimated at minimum wage: {_euros(p['gross'], lang)} gross"
    ),
    "shift_assumed": lambda p, lang: (
        f"Arbeitszeit nicht angegeben, angenommen {p['start']}–{p['end']}"
        if lang == "de"
        else f"Working hours not stated, assumed {p['start']}–{p['end']}"
    ),
    "remote_share": lambda p, lang: (
        f"{round(float(p['share']) * 100)} % Homeoffice möglich"
        if lang == "de"
        else f"{round(float(p['share']) * 100)} % working from home possible"
    ),
}


def sentence(reason: Reason, lang: str = "de") -> str:
    """One sentence for one reason code ("de" or "en")."""
    code, params = reason
    return TEXTS[code](params, lang)


def explain_bundle(bundle: Bundle, lang: str = "de") -> list[str]:
    """All sentences of a bundle, in the order of its reasons."""
    return [sentence(reason, lang) for reason in bundle.reasons]


CONSTRAINTS = {
    "min_salary": ("Mindestgehalt", "minimum salary"),
    "max_warm_rent": ("Höchstmiete", "maximum rent"),
    "max_rent_share": ("höchster Mietanteil am Einkommen", "maximum rent share of income"),
    "min_rooms": ("Mindestzahl Zimmer", "minimum number of rooms"),
    "start_day": ("Einzugstermin", "move-in date"),
    "max_commute_min": ("längste Fahrzeit", "longest commute"),
    "modes": ("Verkehrsmittel", "means of transport"),
    "hours_tolerance_min": ("Öffnungszeiten der Betreuung", "childcare opening hours"),
}
KINDS = {
    "jobs": ("Stellen", "jobs"),
    "flats": ("Wohnungen", "flats"),
    "kitas": ("Kitas", "childcare places"),
    "schools": ("Schulen", "schools"),
    "care": ("Betreuungsplätze", "care places"),
}


def _constraint_name(name: str, lang: str) -> str:
    if name.startswith("care_hours_child_"):
        name = "hours_tolerance_min"
    if name.startswith("care_child_"):
        child = int(name.rsplit("_", 1)[1]) + 1
        return f"freier Platz für Kind {child}" if lang == "de" else f"free place for child {child}"
    de, en = CONSTRAINTS.get(name, (name, name))
    return de if lang == "de" else en


def _count(value: int, lang: str) -> str:
    return f"{value:,}".replace(",", ".") if lang == "de" else f"{value:,}"


def explain_removal(removal: Removal, lang: str = "de") -> str:
    """ "Ihr Wunsch „Höchstmiete“ schließt 1.234 von 20.000 Wohnungen aus"."""
    name = _constraint_name(removal.constraint, lang)
    kind = KINDS[removal.kind][0 if lang == "de" else 1]
    removed, of = _count(removal.removed, lang), _count(removal.of, lang)
    if lang == "de":
        return f"„{name}“ schließt {removed} von {of} {kind} aus"
    return f"'{name}' rules out {removed} of {of} {kind}"


def _change(relaxation: Relaxation, lang: str) -> str:
    name, new, old = relaxation.constraint, relaxation.new, relaxation.old
    de = lang == "de"
    if name == "max_warm_rent":
        return f"Höchstmiete {_euros(new, lang)}" if de else f"maximum rent {_euros(new, lang)}"
    if name == "max_rent_share":
        share = round(float(new) * 100)
        return f"Mietanteil bis {share} %" if de else f"rent share up to {share} %"
    if name == "max_commute_min":
        return f"Fahrzeit bis {int(new)} Minuten" if de else f"commute up to {int(new)} minutes"
    if name == "min_rooms":
        return f"{new:g} statt {old:g} Zimmer" if de else f"{new:g} instead of {old:g} rooms"
    if name == "min_salary":
        return f"Mindestgehalt {_euros(new, lang)}" if de else f"minimum salary {_euros(new, lang)}"
    if name == "modes":
        return "auch mit dem Auto" if de else "also by car"
    minutes = int(new)
    return (
        f"Betreuung darf {minutes} Minuten von Ihren Arbeitszeiten abweichen"
        if de
        else f"childcare may differ by {minutes} minutes from your working hours"
    )


def explain_relaxation(relaxation: Relaxation, lang: str = "de") -> str:
    """ "Mit Höchstmiete 950 € finden wir 3 Pakete"."""
    change, n = _change(relaxation, lang), relaxation.bundles
    if lang == "de":
        return f"Mit {change}: {n} {'Paket' if n == 1 else 'Pakete'}"
    return f"With {change}: {n} {'bundle' if n == 1 else 'bundles'}"
