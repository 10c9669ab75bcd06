"""The snapshot's dates: free places counted whatever their date, the earliest day per age
group, job start days (0 when not stated) and flats' availability."""

import pytest

from stadt360.bundles.snapshot import build_snapshot
from tests.factories import FlatFactory, FreePlaceFactory, JobFactory, KitaFactory, in_days

pytestmark = pytest.mark.django_db


def test_free_places_count_every_reported_row_and_keep_the_earliest_day() -> None:
    kita = KitaFactory()
    FreePlaceFactory(kita=kita, min_age_months=0, max_age_months=36, count=2,
                     available_from=in_days(40))  # fmt: skip
    FreePlaceFactory(kita=kita, min_age_months=12, max_age_months=36, count=1,
                     available_from=in_days(10))  # fmt: skip
    FreePlaceFactory(kita=kita, min_age_months=30, max_age_months=78, count=4,
                     available_from=in_days(70))  # fmt: skip
    full = KitaFactory()

    kitas = build_snapshot().region.kitas
    row, other = list(kitas.ids).index(kita.pk), list(kitas.ids).index(full.pk)
    # a row spanning both age groups (30–78 months) counts in both
    assert kitas.free_places[row].tolist() == [7, 4]
    assert kitas.free_from[row].tolist() == [in_days(10).toordinal(), in_days(70).toordinal()]
    assert kitas.free_places[other].tolist() == [0, 0]


def test_jobs_carry_their_start_day_and_flats_their_availability() -> None:
    later = JobFactory(start_date=in_days(30))
    now = JobFactory(start_date=None)
    flat = FlatFactory(available_from=in_days(20))

    region = build_snapshot().region
    starts = dict(zip(region.jobs.ids.tolist(), region.jobs.start_day.tolist(), strict=True))
    assert starts == {later.pk: in_days(30).toordinal(), now.pk: 0}
    position = region.flats.ids.tolist().index(flat.pk)
    assert region.flats.available_from[position] == in_days(20).toordinal()
