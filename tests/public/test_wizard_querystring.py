"""The wizard's query string <-> BundleQuery conversion: one module, both directions."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from stadt360.bundles.schemas import BundleQuery, Child, FlatWish, Hours, JobWish, Mode
from stadt360.public.wizard.querystring import Pins, answers_only, decode, encode, relaxed

TODAY = datetime.date.today()
BABY = TODAY.replace(year=TODAY.year - 1)
KID = TODAY.replace(year=TODAY.year - 4)
FAMILY = (
    f"adults=2&child={BABY}&child={KID}&q=Pflege&hours=full_time&min_rooms=3&max_rent=1100"
    "&mode=transit&mode=bike&max_minutes=40&w_commute=3&w_cost=1&w_job=1&w_flat=0"
)

money = st.one_of(st.none(), st.floats(min_value=1, max_value=20_000, allow_nan=False))
children = st.lists(
    st.dates(
        min_value=TODAY.replace(year=TODAY.year - 17),
        max_value=TODAY + datetime.timedelta(days=299),
    ).map(lambda day: Child(birth_date=day)),
    max_size=4,
)
weights = st.fixed_dictionaries(
    {key: st.sampled_from([0.0, 1.0, 3.0]) for key in ("commute", "cost", "job_fit", "flat_fit")}
).filter(lambda w: any(w.values()))
days_ahead = st.dates(TODAY, TODAY + datetime.timedelta(days=400))
starts = st.one_of(
    st.fixed_dictionaries(
        {"window": st.sampled_from(["asap", "three_months"]), "fixed": st.booleans()}
    ),
    st.fixed_dictionaries({"date": days_ahead, "fixed": st.booleans()}),
)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# Stated care hours as the wizard writes them (HH:MM, up to 23:59), and dwell 0–30 minutes.
care_hours = st.one_of(
    st.just({}),
    st.tuples(st.integers(0, 1438), st.integers(1, 1439))
    .filter(lambda pair: pair[0] < pair[1])
    .map(lambda pair: {"hours_from": _clock(pair[0]), "hours_until": _clock(pair[1])}),
)
care_wishes = st.builds(
    lambda hours, dwell: {**hours, **({} if dwell is None else {"dwell_minutes": dwell})},
    care_hours,
    st.one_of(st.none(), st.integers(0, 30)),
)
queries = st.builds(
    lambda adults, kids, income, job, flat, modes, minutes, w, limit, tol, start, care: (
        BundleQuery.model_validate(
            {
                "household": {"adults": adults, "children": kids, "other_net_income": income},
                "job": job,
                "flat": flat,
                "mobility": {"modes": modes, "max_commute_minutes": minutes},
                "weights": w,
                "limit": limit,
                "care": {"hours_tolerance_minutes": tol, **care},
                "start": start,
            }
        )
    ),
    st.integers(1, 6),
    children,
    st.one_of(st.just(0.0), st.floats(min_value=0.5, max_value=50_000, allow_nan=False)),
    st.builds(
        JobWish,
        query=st.text(
            st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=40
        ).map(str.strip),
        occupation=st.one_of(st.none(), st.from_regex(r"^\d{1,5}$", fullmatch=True)),
        hours=st.sampled_from(Hours),
        min_salary_month=st.one_of(st.none(), st.floats(0, 50_000, allow_nan=False)),
    ),
    st.builds(
        FlatWish,
        max_warm_rent=money,
        max_rent_share=st.one_of(st.none(), st.integers(1, 100).map(lambda p: p / 100)),
        min_rooms=st.one_of(st.none(), st.integers(2, 24).map(lambda half: half / 2)),
        balcony=st.booleans(),
        lift=st.booleans(),
        step_free=st.booleans(),
        pets=st.booleans(),
        has_wbs=st.booleans(),
        move_in=st.one_of(st.none(), days_ahead),
    ),
    st.lists(st.sampled_from(Mode), min_size=1, max_size=4, unique=True),
    st.integers(5, 180),
    weights,
    st.integers(1, 50),
    st.integers(0, 240),
    starts,
    care_wishes,
)


@settings(max_examples=100, deadline=None)
@given(query=queries, pin=st.one_of(st.none(), st.integers(1, 10**9)))
def test_every_query_the_wizard_can_express_survives_the_url(
    query: BundleQuery, pin: int | None
) -> None:
    pins = Pins(flat=pin)
    url = encode(query, pins).urlencode()
    decoded = decode(QueryDict(url))
    assert decoded.first_open_step is None, [form.errors for form in decoded.forms]
    assert decoded.query == query
    assert decoded.pins == pins


def test_a_family_query_string_becomes_the_query_the_engine_gets() -> None:
    decoded = decode(QueryDict(FAMILY))
    query = decoded.query
    assert query is not None
    assert query.household.adults == 2
    assert [child.birth_date.year for child in query.household.children] == [
        TODAY.year - 1,
        TODAY.year - 4,
    ]
    assert query.job.query == "Pflege"
    assert query.job.hours is Hours.FULL_TIME
    assert query.flat.max_warm_rent == 1100
    assert query.flat.min_rooms == 3
    assert query.mobility.modes == [Mode.TRANSIT, Mode.BIKE]
    assert query.weights.commute == 3
    assert query.weights.flat_fit == 0


def test_the_household_start_defaults_to_the_next_three_months() -> None:
    query = decode(QueryDict(FAMILY)).query
    assert query is not None
    assert (query.start.date, query.start.window.value, query.start.fixed) == (
        None,
        "three_months",
        False,
    )
    assert query.flat.move_in is None


def test_a_start_date_and_a_move_in_day_reach_the_query() -> None:
    later = TODAY + datetime.timedelta(days=60)
    url = f"{FAMILY}&when=date&start={later}&fixed=on&move_in={later}"
    query = decode(QueryDict(url)).query
    assert query is not None
    assert (query.start.date, query.start.fixed, query.flat.move_in) == (later, True, later)
    # an older link with only a start date means "from that date"
    older = decode(QueryDict(f"{FAMILY}&start={later}")).query
    assert older is not None
    assert older.start.date == later
    # a date counts only with "from a date"
    asap = decode(QueryDict(f"{FAMILY}&when=asap&start={later}")).query
    assert asap is not None
    assert (asap.start.date, asap.start.window.value) == (None, "asap")


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ("&when=date&start=2020-01-01", "start", "This date lies in the past"),
        ("&when=date", "start", "Enter the start date"),
        ("&move_in=2020-01-01", "move_in", "This date lies in the past"),
    ],
)
def test_a_past_or_missing_date_keeps_its_step_open_with_a_clear_message(
    answers: str, field: str, message: str
) -> None:
    decoded = decode(QueryDict(FAMILY + answers))
    assert decoded.query is None
    step = 2 if field == "start" else 3
    assert decoded.first_open_step == step
    with translation.override("en"):
        assert any(message in error for error in decoded.forms[step - 1].errors[field])


def test_the_rent_share_travels_in_whole_percent() -> None:
    query = decode(QueryDict(FAMILY + "&max_share=30")).query
    assert query is not None
    assert query.flat.max_rent_share == pytest.approx(0.3)
    assert encode(query)["max_share"] == "30"


@pytest.mark.parametrize(
    ("remove", "step"),
    [("adults", 1), ("hours", 2), ("min_rooms", 3), ("max_minutes", 4)],
)
def test_a_missing_step_is_the_first_open_one(remove: str, step: int) -> None:
    params = QueryDict(FAMILY, mutable=True)
    params.pop(remove)
    decoded = decode(params)
    assert decoded.first_open_step == step
    assert decoded.query is None


def test_an_invalid_answer_keeps_its_step_open_with_the_error_on_the_field() -> None:
    decoded = decode(QueryDict(FAMILY.replace("max_minutes=40", "max_minutes=500")))
    assert decoded.first_open_step == 4
    assert "max_minutes" in decoded.forms[3].errors


def test_bad_pins_are_ignored_not_errors() -> None:
    decoded = decode(QueryDict(FAMILY + "&pin_job=abc&pin_kita=-3&pin_flat=7"))
    assert decoded.pins == Pins(flat=7)
    assert decoded.query is not None


def test_presentation_keys_are_not_answers() -> None:
    params = QueryDict(FAMILY + "&sort=cost&nav=next&bundle=1-2&pin_job=4")
    kept = answers_only(params)
    assert {"sort", "nav", "bundle"}.isdisjoint(kept)
    assert kept["pin_job"] == "4"
    assert kept.getlist("mode") == ["transit", "bike"]


def test_a_relaxation_patch_changes_only_its_part() -> None:
    query = decode(QueryDict(FAMILY)).query
    assert query is not None
    loosened = relaxed(query, {"flat": {"max_warm_rent": 1400}})
    assert loosened.flat.max_warm_rent == 1400
    assert loosened.flat.min_rooms == query.flat.min_rooms
    assert loosened.household == query.household
    assert decode(encode(loosened)).query == loosened


def test_care_hours_and_dwell_travel_in_the_url() -> None:
    params = QueryDict(FAMILY + "&care=hours&care_from=06:30&care_until=17:00&dwell=0")
    query = decode(params).query
    assert query is not None
    assert (query.care.hours_from, query.care.hours_until) == ("06:30", "17:00")
    assert query.care.care_hours == (390, 1020)
    assert query.care.dwell_minutes == 0
    by_work = decode(QueryDict(FAMILY + "&care=work&care_from=06:30&care_until=17:00")).query
    assert by_work is not None
    assert by_work.care.care_hours is None
    assert by_work.care.dwell_minutes == 5  # an old URL without "dwell": the default


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ("&care=hours&care_from=17:00&care_until=06:30", "care_until", "later than its start"),
        ("&care=hours&care_from=08:00&care_until=08:00", "care_until", "later than its start"),
        ("&care=hours&care_from=25:00&care_until=26:00", "care_from", "between 0:00 and 23:59"),
        ("&care=hours&care_from=06:30", "care_until", "from when to when"),
        ("&dwell=45", "dwell", "less than or equal to 30"),
    ],
)
def test_bad_care_hours_keep_the_step_open_with_a_clear_message(
    extra: str, field: str, message: str
) -> None:
    with translation.override("en"):
        decoded = decode(QueryDict(FAMILY + extra))
        assert decoded.query is None
        assert decoded.first_open_step == 4
        assert any(message in error for error in decoded.forms[3].errors[field])
