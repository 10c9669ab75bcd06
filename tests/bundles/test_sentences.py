"""The sentences of the bundle answer come from gettext (``bundles.sentences``) and read as
the engine's German and English sentences did before the engine stopped wording them."""

import pytest
from django.utils import translation

from stadt360.bundles import sentences
from stadt360.bundles.engine import Relaxation

HOURS = {
    "place": "kita:1", "children": (0,), "opens": 390, "closes": 1020, "leave_by": 405,
    "back_at": 1010, "shift_start": 420, "shift_end": 990,
}  # fmt: skip


def test_plain_language_examples() -> None:
    with translation.override("de"):
        assert sentences.reason_text("care_covers_hours", HOURS).startswith(
            "Kita öffnet 6:30, Ihr Dienst beginnt 7:00 — passt. Sie holen um 16:50 ab"
        )
        trade = {"extra_minutes": 9, "extra_euros": 180}
        assert sentences.reason_text("compared_to_best", trade) == (
            "9 Minuten mehr Fahrzeit, dafür 180 € günstiger (im Vergleich zum besten Paket)"
        )
        commute = {"minutes": 52, "one_way": 26, "mode": "bike"}
        assert sentences.reason_text("daily_commute", commute) == (
            "Ihre Fahrzeit pro Tag: 52 Minuten mit dem Rad"
        )
        assert sentences.reason_text("remaining_money", {"euros": 1234}) == (
            "Ihnen bleiben im Monat 1.234 €"
        )
    with translation.override("en"):
        assert sentences.reason_text("compared_to_best", trade) == (
            "9 more minutes of travel, but €180 cheaper (compared with the best bundle)"
        )
        assert sentences.reason_text("shift_assumed", {"start": 480, "end": 990}) == (
            "Working hours not stated, assumed 8:00–16:30"
        )


@pytest.mark.parametrize(
    ("lang", "removal", "relaxation"),
    [
        ("de", "„Höchstmiete“ schließt 1.234 von 20.000 Wohnungen aus", "Mit 50 € mehr Warmmiete (bis 950 €): 3 Pakete"),
        ("en", "'maximum rent' rules out 1,234 of 20,000 flats", "With €50 more warm rent (up to €950): 3 bundles"),
    ],
)  # fmt: skip
def test_removal_and_relaxation_sentences(lang: str, removal: str, relaxation: str) -> None:
    with translation.override(lang):
        assert sentences.removal_text("max_warm_rent", "flats", 1234, 20000) == removal
        change = Relaxation("max_warm_rent", 900.0, 950.0, 1, 3)
        assert sentences.relaxation_text(change) == relaxation


def test_a_care_place_free_later_names_child_date_and_gap() -> None:
    later = {"child": 0, "place": "kita:7", "from_day": 739_676, "gap_weeks": 9}  # 2026-03-01
    with translation.override("de"):
        assert sentences.reason_text("care_starts_later", later) == (
            "Kita-Platz für Kind 1 frei ab 1. März 2026 — 9 Wochen nach Ihrem Start"
        )
        assert sentences.removal_text("care_start_child_1", "kitas", 3, 40) == (
            "„fester Starttermin für Kind 2“ schließt 3 von 40 Kitas aus"
        )
        assert sentences.removal_text("move_in_day", "flats", 2, 9).startswith("„Einzugstermin“")
    with translation.override("en"):
        assert sentences.reason_text("care_starts_later", {**later, "gap_weeks": 1}) == (
            "Childcare place for child 1 free from 1 March 2026 — 1 week after your start"
        )


def test_every_reason_code_has_a_sentence_in_both_languages() -> None:
    examples = {
        "daily_commute": {"minutes": 1, "one_way": 1, "mode": "walk"},
        "care_covers_hours": {**HOURS, "opens": None, "closes": None},
        "pupil_travels_alone": {"child": 1, "place": "school:4", "minutes": 25},
        "compared_to_best": {"extra_minutes": -3, "extra_euros": 0},
        "rent_share": {"share": 0.3},
        "remaining_money": {"euros": -20},
        "kita_fee_unknown": {},
        "salary_estimated": {"gross": 2409.3},
        "shift_assumed": {"start": 480, "end": 990},
        "remote_share": {"share": 0.4},
        "care_starts_later": {"child": 0, "place": "kita:1", "from_day": 739_676, "gap_weeks": 1},
    }
    assert set(examples) == set(sentences.TEXTS)
    for code, params in examples.items():
        with translation.override("de"):
            german = sentences.reason_text(code, params)
        with translation.override("en"):
            english = sentences.reason_text(code, params)
        assert german, code
        assert english, code
        assert german != english, code


SCHOOL = {**HOURS, "place": "school:7", "opens": 360, "closes": 1020}


@pytest.mark.parametrize("care_hours", [{}, {"care_from": 390, "care_until": 960}])
def test_a_school_stop_is_never_worded_as_a_kita(care_hours: dict) -> None:
    with translation.override("de"):
        text = sentences.reason_text("care_covers_hours", {**SCHOOL, **care_hours})
    assert text.startswith("Schule/Hort")
    assert "Kita" not in text


def test_stated_care_hours_and_dwell_in_words() -> None:
    params = {**HOURS, "care_from": 390, "care_until": 960, "dwell": 5, "arrive": 395}
    with translation.override("de"):
        assert sentences.reason_text("care_covers_hours", params) == (
            "Kita geöffnet 6:30 bis 17:00; Sie brauchen Betreuung von 6:30 bis 16:00 — passt. "
            "Sie sind um 6:35 dort und brauchen 5 Minuten zum Bringen, abends ebenso zum Abholen"
        )
        commute = {"minutes": 62, "one_way": 31, "mode": "bike", "dwell": 5, "stops": 1}
        assert sentences.reason_text("daily_commute", commute) == (
            "Ihre Fahrzeit pro Tag: 62 Minuten mit dem Rad, davon 10 Minuten zum Bringen und "
            "Abholen"
        )
        pupil = {"child": 1, "place": "school:4", "minutes": 25}
        assert sentences.reason_text("pupil_travels_alone", pupil) == (
            "Kind 2 fährt allein zur Schule: 25 Minuten von der Wohnung"
        )
        assert sentences.constraint_name("care_child_2") == "freier Platz für Kind 3"


CHANGES = [
    (Relaxation("max_rent_share", 0.3, 0.35, 1, 2), "5 Prozentpunkte mehr Mietanteil (bis 35 %)",
     "5 percentage points more rent share (up to 35 %)"),
    (Relaxation("max_commute_min", 45.0, 50.0, 1, 2), "5 Minuten mehr Fahrzeit (bis 50 Minuten)",
     "5 more minutes of travel time (up to 50 minutes)"),
    (Relaxation("min_rooms", 3.0, 2.0, 1, 2), "1 Zimmer weniger (2 statt 3)",
     "1 room fewer (2 instead of 3)"),
    (Relaxation("min_salary", 2600.0, 2400.0, 2, 2), "200 € weniger Mindestgehalt (mindestens 2.400 €)",
     "€200 less minimum salary (at least €2,400)"),
    (Relaxation("hours_tolerance_min", 0.0, 15.0, 1, 2),
     "15 Minuten mehr Spielraum bei den Öffnungszeiten der Betreuung",
     "15 more minutes of leeway for childcare opening hours"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "german", "english"), CHANGES)
def test_a_relaxation_states_its_change_in_its_unit(
    change: Relaxation, german: str, english: str
) -> None:
    with translation.override("de"):
        assert sentences.change_text(change) == german
    with translation.override("en"):
        assert sentences.change_text(change) == english
