"""Bundle search through the database: candidates, ranking, explanations, relaxations."""

import datetime

import pytest
from django.core.cache import cache

from stadt360.bundles.engine import budget
from stadt360.bundles.schemas import BundleQuery
from stadt360.bundles.services import reference_date, search_bundles, start_window_days
from stadt360.core.choices import OfferStatus
from tests.bundles.worlds import PRESCHOOLER, PUPIL, TODAY, TODDLER
from tests.factories import FlatFactory, JobFactory

pytestmark = pytest.mark.django_db


def family_query(**overrides) -> BundleQuery:
    body = {
        "household": {"adults": 2, "children": [{"birth_date": TODDLER}, {"birth_date": PRESCHOOLER}]},
        "job": {"query": "Pflege", "hours": "full_time", "min_salary_month": 2800},
        "flat": {"max_warm_rent": 1100, "min_rooms": 3},
        "mobility": {"modes": ["transit", "bike", "car", "walk"], "max_commute_minutes": 40},
        "limit": 10,
    }  # fmt: skip
    for section, values in overrides.items():
        body[section] = {**body.get(section, {}), **values} if isinstance(values, dict) else values
    return BundleQuery.model_validate(body)


def test_family_gets_ranked_bundles_with_a_kita_place_per_child(family_world) -> None:
    result = search_bundles(family_query(), language="de", today=TODAY)

    assert len(result.bundles) >= 3
    scores = [b.score for b in result.bundles]
    assert scores == sorted(scores, reverse=True)
    kita_ids = {k.pk for k in family_world["kitas"]}
    for bundle in result.bundles:
        assert [c.child.index for c in bundle.care] == [0, 1]
        assert all(c.kita is not None and c.kita.id in kita_ids for c in bundle.care)
        assert bundle.flat.rooms >= 3
        assert bundle.flat.warm_rent <= 1100
        assert "Pflege" in bundle.job.name
        assert bundle.commute.legs
        assert bundle.commute.one_way_minutes <= 40
        assert bundle.money.remaining == pytest.approx(
            bundle.money.net_income + bundle.money.child_benefit - bundle.money.warm_rent
            - bundle.money.kita_fees, abs=0.02,
        )  # fmt: skip
        assert any("Fahrzeit" in r.text for r in bundle.reasons)


def test_job_keyword_excludes_unrelated_jobs(family_world) -> None:
    result = search_bundles(family_query(), today=TODAY)
    assert {b.job.name for b in result.bundles} <= {j.title for j in family_world["jobs"]}


def test_school_age_child_gets_a_school_place(family_world) -> None:
    query = family_query(household={"adults": 1, "children": [{"birth_date": PUPIL}]})
    result = search_bundles(query, today=TODAY)

    assert result.bundles
    assert all(b.care[0].school and b.care[0].school.id == family_world["school"].pk
               for b in result.bundles)  # fmt: skip


def test_english_reasons(family_world) -> None:
    result = search_bundles(family_query(), language="en", today=TODAY)
    assert any("travel time" in r.text for r in result.bundles[0].reasons)


def test_unpublished_and_expired_offers_never_appear(family_world) -> None:
    draft = FlatFactory(status=OfferStatus.DRAFT, cold_rent=100, rooms=5)
    expired = FlatFactory(valid_until=TODAY - datetime.timedelta(days=400), cold_rent=100, rooms=5)
    result = search_bundles(family_query(), today=TODAY)
    assert {b.flat.id for b in result.bundles}.isdisjoint({draft.pk, expired.pk})


def test_new_offer_is_found_by_the_next_search(family_world) -> None:
    search_bundles(family_query(), today=TODAY)
    cheap = FlatFactory(title="Sehr günstig", rooms=4, living_space=90, cold_rent=200,
                        service_costs=50, heating_costs=40)  # fmt: skip
    result = search_bundles(family_query(weights={"cost": 10, "commute": 0}), today=TODAY)
    assert result.bundles[0].flat.id == cheap.pk


def test_nothing_fits_says_why_and_offers_a_relaxation_that_works(family_world) -> None:
    query = family_query(flat={"max_warm_rent": 300})
    result = search_bundles(query, language="de", today=TODAY)

    assert result.bundles == []
    eliminated = {e.constraint: e for e in result.eliminated}
    assert eliminated["max_warm_rent"].removed > 0
    rent = next(r for r in result.relaxations if r.constraint == "max_warm_rent")
    assert rent.patch["flat"]["max_warm_rent"] > 300
    relaxed = family_query(flat={"max_warm_rent": rent.patch["flat"]["max_warm_rent"]})
    assert len(search_bundles(relaxed, today=TODAY).bundles) == rent.bundles > 0


def test_no_jobs_matching_the_keyword_is_explained(family_world) -> None:
    result = search_bundles(family_query(job={"query": "Astronaut"}), language="de", today=TODAY)
    assert result.bundles == []
    assert result.eliminated[0].constraint == "job_wish"
    assert result.eliminated[0].removed == len(family_world["jobs"]) + 1


def test_wbs_flats_only_for_holders(family_world) -> None:
    wbs = FlatFactory(wbs_required=True, rooms=4, living_space=90, cold_rent=150)
    cost_first = {"cost": 10, "commute": 0}
    without = search_bundles(family_query(weights=cost_first), today=TODAY)
    holder = search_bundles(family_query(weights=cost_first, flat={"has_wbs": True}), today=TODAY)
    assert wbs.pk not in {b.flat.id for b in without.bundles}
    assert holder.bundles[0].flat.id == wbs.pk


def test_demo_flag_follows_the_data(family_world) -> None:
    assert search_bundles(family_query(), today=TODAY).is_demo is False
    JobFactory(source="demo", title="Pflegehelfer Demo")
    assert search_bundles(family_query(), today=TODAY).is_demo is True


def test_household_start_is_today_or_the_named_date() -> None:
    """Default "in the next three months": today with 91 days' slack; "as soon as
    possible": today without; a named date (or the older ``job.start``): that day."""
    default = family_query()
    assert (reference_date(default, TODAY), start_window_days(default)) == (TODAY, 91)
    asap = family_query(start={"window": "asap"})
    assert (reference_date(asap, TODAY), start_window_days(asap)) == (TODAY, 0)
    for named in (
        family_query(start={"date": "2027-03-15"}),
        family_query(job={"start": "2027-03-15"}),
    ):
        assert (reference_date(named, TODAY), start_window_days(named)) == (
            datetime.date(2027, 3, 15),
            0,
        )


def test_query_counts_cold_warm_and_cached(family_world, django_assert_num_queries) -> None:
    cache.clear()
    search_bundles(family_query(), today=TODAY)  # builds this process's snapshot
    cache.clear()
    # fingerprint + one query per offer kind in the bundles (jobs, flats, Kitas; no school)
    with django_assert_num_queries(4):
        search_bundles(family_query(), today=TODAY)
    # the same query again: the fingerprint only, the answer comes from the cache
    with django_assert_num_queries(1):
        search_bundles(family_query(), today=TODAY)


def test_pins_fix_that_part_of_every_bundle(family_world) -> None:
    job, flat = family_world["jobs"][2], family_world["flats"][3]
    kita = family_world["kitas"][1]
    query = family_query(pins={"job": job.pk, "flat": flat.pk, "kita": kita.pk})
    result = search_bundles(query, today=TODAY)

    assert result.bundles
    for bundle in result.bundles:
        assert bundle.job.id == job.pk
        assert bundle.flat.id == flat.pk
        assert {care.kita.id for care in bundle.care} == {kita.pk}


def test_pinning_an_unknown_offer_finds_nothing(family_world) -> None:
    result = search_bundles(family_query(pins={"flat": 999_999}), today=TODAY)
    assert result.bundles == []


def test_a_search_cut_short_by_its_ceiling_is_flagged(family_world, monkeypatch) -> None:
    """The answer says when the work ceiling cut the search short; the bundles are real."""
    assert search_bundles(family_query(), today=TODAY).truncated is False
    cache.clear()
    monkeypatch.setattr(budget, "SEARCH_WORK", 1)
    monkeypatch.setattr(budget, "MAX_GROUP_COMBOS", 1)
    result = search_bundles(family_query(), today=TODAY)
    assert result.truncated is True
    assert result.bundles
    assert all(b.flat.warm_rent <= 1100 for b in result.bundles)


def test_relaxations_cut_short_are_flagged(family_world, monkeypatch) -> None:
    monkeypatch.setattr(budget, "RELAX_WORK", 1)
    result = search_bundles(family_query(flat={"max_warm_rent": 100}), today=TODAY)
    assert result.bundles == []
    assert result.relaxations_truncated is True
