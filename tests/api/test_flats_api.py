import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from stadt360.core.choices import OfferSource, OfferStatus
from stadt360.housing.models import PetPolicy
from tests.api.api_helpers import error_fields, ids

pytestmark = pytest.mark.django_db


def test_list_shows_only_published_flats_with_warm_rent(api, make_flat):
    flat = make_flat(cold_rent=Decimal("400.50"))
    make_flat(status=OfferStatus.DRAFT)
    make_flat(valid_until=timezone.localdate() - datetime.timedelta(days=1))

    body = api("/flats").json()

    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == flat.pk
    assert item["cold_rent"] == 400.5
    assert item["warm_rent"] == 550.5
    assert item["rooms"] == 2.0
    assert item["pets"] == "on_request"
    assert item["address"]["district"]["slug"] == "untermhaus"
    assert item["provider"]["verified"] is True


def test_detail_with_costs_and_demo_label(api, make_flat):
    flat = make_flat(source=OfferSource.DEMO, deposit=Decimal("1050"), floor=3, description="Hell")

    body = api(f"/flats/{flat.pk}").json()

    assert body["deposit"] == 1050.0
    assert body["floor"] == 3
    assert body["service_costs"] == 90.0
    assert body["description"] == "Hell"
    assert body["is_demo"] is True
    assert body["data_label"]


def test_unpublished_flat_is_404(api, make_flat):
    assert api(f"/flats/{make_flat(status=OfferStatus.ARCHIVED).pk}").status_code == 404
    assert api("/flats/424242").status_code == 404


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"min_rooms": "3"}, {"big"}),
        ({"max_rooms": "2"}, {"small", "plain"}),
        ({"max_warm_rent": "500"}, {"small"}),
        ({"max_warm_rent": "500.00"}, {"small"}),
        ({"max_warm_rent": "499.99"}, set()),
        ({"min_space": "80"}, {"big"}),
        ({"balcony": "true"}, {"big"}),
        ({"balcony": "false"}, {"small", "plain"}),
        ({"lift": "1"}, {"big"}),
        ({"step_free": "TRUE"}, {"small"}),
        ({"pets": "true"}, {"big", "plain"}),
        ({"pets": "false"}, {"small"}),
        ({"wbs_required": "false"}, {"big", "plain"}),
        ({"wbs_required": "true"}, {"small"}),
        ({"available_by": "2030-06-30"}, {"small", "plain"}),
        ({"district": "lusan"}, {"plain"}),
        ({"postcode": "07549"}, {"plain"}),
        ({"min_rooms": "2", "max_warm_rent": "700", "pets": "true"}, {"plain"}),
    ],
)
def test_filters(api, make_flat, lusan, params, expected):
    flats = {
        "small": make_flat(
            rooms=Decimal("1.5"),
            cold_rent=Decimal("350"),
            service_costs=Decimal("90"),
            heating_costs=Decimal("60"),
            step_free=True,
            pets=PetPolicy.NOT_ALLOWED,
            wbs_required=True,
            available_from=None,
        ),
        "big": make_flat(
            rooms=Decimal("4"),
            living_space=Decimal("95"),
            cold_rent=Decimal("800"),
            balcony=True,
            lift=True,
            pets=PetPolicy.ALLOWED,
            available_from=datetime.date(2030, 9, 1),
        ),
        "plain": make_flat(
            cold_rent=Decimal("450"),
            district=lusan,
            postcode="07549",
            available_from=datetime.date(2030, 6, 30),
        ),
    }

    assert ids(api("/flats", **params)) == {flats[name].pk for name in expected}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"min_rooms": "-1"}, "min_rooms"),
        ({"max_rooms": "three"}, "max_rooms"),
        ({"max_warm_rent": "-100"}, "max_warm_rent"),
        ({"max_warm_rent": "9" * 30}, "max_warm_rent"),
        ({"max_warm_rent": "Infinity"}, "max_warm_rent"),
        ({"min_space": "1.234"}, "min_space"),
        ({"balcony": "ja"}, "balcony"),
        ({"pets": "cats"}, "pets"),
        ({"available_by": "2026-13-01"}, "available_by"),
        ({"postcode": "ABCDE"}, "postcode"),
    ],
)
def test_bad_filter_values_are_422(api, params, field):
    assert error_fields(api("/flats", **params)) == {field}


def test_list_costs_count_plus_page(api, make_flat, django_assert_num_queries):
    for _ in range(25):
        make_flat()

    with django_assert_num_queries(2):
        assert len(api("/flats", max_warm_rent="800").json()["items"]) == 25


def test_detail_costs_one_query(api, make_flat, django_assert_num_queries):
    flat = make_flat()

    with django_assert_num_queries(1):
        assert api(f"/flats/{flat.pk}").json()["provider"]["name"]
