"""demo_data: seeded, plausible, inside Gera, flagged demo, never duplicated."""

import datetime
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from stadt360.childcare.models import FreePlace, Kita, OpeningHours
from stadt360.core.choices import OfferSource, OfferStatus
from stadt360.core.geo import bounding_box_for, haversine_km
from stadt360.core.models import Region
from stadt360.demo.context import apportion, load_profile, scaled
from stadt360.demo.generator import DemoDataExists, demo_data_exists, generate_demo_data
from stadt360.housing.models import Flat
from stadt360.jobs.models import EmploymentType, Job
from stadt360.providers.models import Provider
from stadt360.schools.models import School, SchoolType
from tests.factories import JobFactory

TODAY = datetime.date(2026, 3, 2)
OFFER_MODELS = (Job, Flat, Kita, School)


def key_fields() -> dict[str, list[tuple]]:
    """What must repeat exactly for the same seed (primary keys may differ)."""
    return {
        "providers": list(
            Provider.objects.filter(is_demo=True).order_by("slug").values_list("slug", "latitude")
        ),
        "jobs": list(
            Job.objects.order_by("external_id").values_list(
                "external_id",
                "title",
                "provider__slug",
                "occupation__code",
                "salary_min",
                "shift_start",
                "latitude",
            )
        ),
        "flats": list(
            Flat.objects.order_by("external_id").values_list(
                "external_id", "rooms", "living_space", "cold_rent", "district__slug", "longitude"
            )
        ),
        "kitas": list(
            Kita.objects.order_by("external_id").values_list("external_id", "name", "capacity")
        ),
        "free_places": list(
            FreePlace.objects.order_by("kita__external_id", "min_age_months").values_list(
                "kita__external_id", "min_age_months", "available_from", "count"
            )
        ),
        "schools": list(
            School.objects.order_by("external_id").values_list("external_id", "name", "grade_to")
        ),
    }


def test_same_seed_gives_the_same_rows_and_another_seed_does_not(gera: Region) -> None:
    generate_demo_data(seed=7, scale=0.05, today=TODAY)
    first = key_fields()

    generate_demo_data(seed=7, scale=0.05, today=TODAY, reset=True)
    assert key_fields() == first

    generate_demo_data(seed=8, scale=0.05, today=TODAY, reset=True)
    other = key_fields()
    assert other["jobs"] != first["jobs"]
    assert other["flats"] != first["flats"]
    assert len(other["jobs"]) == len(first["jobs"])


def test_counts_follow_the_scale_and_the_industry_mix(gera: Region) -> None:
    report = generate_demo_data(seed=1, scale=0.1, today=TODAY)

    assert report.created["jobs"] == Job.objects.count() == 150
    assert Flat.objects.count() == 250
    assert Kita.objects.count() == 6
    assert School.objects.count() == 3
    assert OpeningHours.objects.count() == 6 * 5
    # Health and care is the largest sector (24 %), exactly apportioned at any scale.
    health = Job.objects.filter(occupation__code__regex=r"^(81|82)").count()
    assert health == pytest.approx(0.24 * 150, abs=6)
    assert Job.objects.filter(occupation__code__startswith="43").count() >= 5  # IT
    assert Job.objects.filter(employment_type=EmploymentType.APPRENTICESHIP).exists()
    assert Job.objects.filter(employment_type=EmploymentType.PART_TIME).count() > 15


def test_scale_one_counts_and_school_mix_follow_the_profile() -> None:
    profile = load_profile("gera")
    context_counts = {kind: scaled(count, 1.0) for kind, count in profile["counts"].items()}
    assert (context_counts["jobs"], context_counts["flats"], context_counts["kitas"]) == (
        1500,
        2500,
        60,
    )
    types = profile["schools"]["types"]
    mix = dict(
        zip(
            types,
            apportion(context_counts["schools"], [t["count"] for t in types.values()]),
            strict=True,
        )
    )
    assert sum(mix.values()) == 30
    assert mix[SchoolType.GRUNDSCHULE] == 15
    assert set(mix) == set(SchoolType.values)
    assert all(count >= 1 for count in mix.values())


def test_apportion_is_exact_and_keeps_proportions() -> None:
    assert apportion(10, [1, 1, 1]) == [4, 3, 3]
    assert apportion(150, [0.24, 0.76]) == [36, 114]
    assert sum(apportion(7, [0.3, 0.3, 0.4])) == 7
    assert apportion(0, [1, 2]) == [0, 0]


def test_some_kitas_are_full_and_grundschulen_have_hort(gera: Region) -> None:
    generate_demo_data(seed=1, scale=0.5, today=TODAY)

    assert Kita.objects.count() == 30
    kitas_with_places = Kita.objects.filter(free_places__isnull=False).distinct().count()
    assert 0 < kitas_with_places < 30
    primaries = School.objects.filter(school_type=SchoolType.GRUNDSCHULE)
    assert primaries.count() >= 7
    assert all((s.grade_from, s.grade_to, s.all_day_care) == (1, 4, True) for s in primaries)
    assert all(
        s.grade_from >= 11 for s in School.objects.filter(school_type=SchoolType.BERUFSBILDEND)
    )


def test_every_demo_offer_is_published_flagged_and_inside_gera(gera: Region) -> None:
    generate_demo_data(seed=3, scale=0.1)  # today: published() compares with the real date
    box = bounding_box_for(gera)
    today = timezone.localdate()

    providers = Provider.objects.all()
    assert providers.exists()
    assert all(p.is_demo and p.verified and p.name.endswith("(Demo)") for p in providers)
    assert all(p.email.endswith(".example") for p in providers)
    for model in OFFER_MODELS:
        offers = model.objects.select_related("district")
        assert offers.exists()
        for offer in offers:
            assert offer.source == OfferSource.DEMO
            assert offer.status == OfferStatus.PUBLISHED
            assert offer.valid_until > today
            assert box.contains(offer.latitude, offer.longitude)
            assert offer.postcode == offer.district.postcode
            distance = haversine_km(
                offer.latitude, offer.longitude, offer.district.latitude, offer.district.longitude
            )
            assert distance <= 1.2 + 1e-6
            assert re.fullmatch(r".+ \d+[abc]?", offer.street)
            assert "Demodaten" in offer.description
        assert model.objects.published().count() == model.objects.demo().count() == offers.count()


def test_jobs_are_plausible(gera: Region) -> None:
    generate_demo_data(seed=1, scale=0.2, today=TODAY)
    jobs = Job.objects.select_related("occupation")

    assert all(job.occupation.level == 5 for job in jobs)
    paid = jobs.exclude(salary_min=None)
    assert all(job.salary_min <= job.salary_max for job in paid)
    full_time = paid.filter(employment_type=EmploymentType.FULL_TIME)
    assert all(2300 <= job.salary_min <= 7500 for job in full_time)
    assert all(
        job.salary_max <= 603 for job in jobs.filter(employment_type=EmploymentType.MINI_JOB)
    )
    nursing_early = jobs.filter(
        occupation__code="81302",
        employment_type=EmploymentType.FULL_TIME,
        shift_start=datetime.time(6, 0),
    )
    assert nursing_early.exists()
    assert {job.shift_end for job in nursing_early} == {datetime.time(14, 15)}
    timed = jobs.exclude(shift_start=None)
    assert all(job.shift_start < job.shift_end for job in timed)


def test_rents_match_gera_and_the_prefab_estates_are_cheaper(gera: Region) -> None:
    generate_demo_data(seed=1, scale=0.2, today=TODAY)
    rates: dict[str, list[Decimal]] = {}
    for flat in Flat.objects.select_related("district"):
        rates.setdefault(flat.district.slug, []).append(flat.cold_rent / flat.living_space)

    def mean(*slugs: str) -> Decimal:
        values = [rate for slug in slugs for rate in rates.get(slug, [])]
        return sum(values) / len(values)

    assert Decimal("5.5") <= mean(*rates) <= Decimal("7.5")
    assert mean("lusan", "bieblach") < Decimal("6.3") < mean("innenstadt", "untermhaus")
    for flat in Flat.objects.all():
        assert Decimal("1.5") <= flat.service_costs / flat.living_space <= Decimal("2.5")
        assert Decimal("0.8") <= flat.heating_costs / flat.living_space <= Decimal("1.6")
        assert flat.deposit <= 3 * flat.cold_rent


def test_kitas_open_weekdays_and_report_free_places(gera: Region) -> None:
    generate_demo_data(seed=1, scale=0.1, today=TODAY)

    for kita in Kita.objects.prefetch_related("opening_hours", "free_places"):
        assert [hours.weekday for hours in kita.opening_hours.all()] == [0, 1, 2, 3, 4]
        assert all(
            datetime.time(5, 30) <= h.opens < h.closes <= datetime.time(18, 0)
            for h in kita.opening_hours.all()
        )
        for place in kita.free_places.all():
            assert (
                kita.age_from_months
                <= place.min_age_months
                < place.max_age_months
                <= kita.age_to_months
            )
            assert place.available_from >= TODAY
    assert FreePlace.objects.exists()
    assert Kita.objects.with_free_places(
        age_months=24, date=TODAY + datetime.timedelta(days=200)
    ).exists() or (
        Kita.objects.with_free_places(
            age_months=48, date=TODAY + datetime.timedelta(days=200)
        ).exists()
    )


def test_a_second_run_refuses_and_reset_replaces_only_demo_rows(gera: Region) -> None:
    real_job = JobFactory()
    call_command("demo_data", "--scale", "0.05", stdout=StringIO())
    counts = {model: model.objects.demo().count() for model in OFFER_MODELS}

    with pytest.raises(CommandError, match="--reset"):
        call_command("demo_data", "--scale", "0.05", stdout=StringIO())
    with pytest.raises(DemoDataExists):
        generate_demo_data(scale=0.05)
    assert {model: model.objects.demo().count() for model in OFFER_MODELS} == counts

    out = StringIO()
    call_command("demo_data", "--scale", "0.05", "--reset", stdout=out)
    assert "Deleted:" in out.getvalue()
    assert {model: model.objects.demo().count() for model in OFFER_MODELS} == counts
    assert Job.objects.filter(pk=real_job.pk).exists()
    assert Provider.objects.filter(is_demo=False).count() == 1


def test_without_reference_data_the_command_says_what_to_run(db: None) -> None:
    with pytest.raises(CommandError, match="load_gera"):
        call_command("demo_data", "--scale", "0.05", stdout=StringIO())
    assert not demo_data_exists()


def test_scale_must_be_positive(gera: Region) -> None:
    with pytest.raises(CommandError, match="scale"):
        call_command("demo_data", "--scale", "0", stdout=StringIO())


def test_setup_demo_loads_once_and_then_leaves_the_data_alone(db: None) -> None:
    first = StringIO()
    call_command("setup_demo", "--scale", "0.05", stdout=first)
    assert "Occupations (KldB 2010): 2195 in all" in first.getvalue()
    assert "Created demo data" in first.getvalue()
    jobs = list(Job.objects.values_list("pk", flat=True))

    second = StringIO()
    call_command("setup_demo", "--scale", "0.05", stdout=second)

    assert "left unchanged" in second.getvalue()
    assert list(Job.objects.values_list("pk", flat=True)) == jobs
