import pytest

from stadt360.core.choices import OfferSource, OfferStatus
from stadt360.schools.models import SchoolType
from tests.api.api_helpers import error_fields, ids

pytestmark = pytest.mark.django_db


def test_list_and_detail(api, make_school):
    school = make_school(languages=["en"], description="Mit Schulgarten", source=OfferSource.DEMO)
    make_school(status=OfferStatus.DRAFT)

    body = api("/schools").json()
    detail = api(f"/schools/{school.pk}").json()

    assert body["count"] == 1
    assert body["items"][0]["school_type"] == "grundschule"
    assert body["items"][0]["is_demo"] is True
    assert detail["description"] == "Mit Schulgarten"
    assert detail["grade_to"] == 4
    assert detail["data_label"] == body["items"][0]["data_label"]
    assert detail["data_label"]


def test_unpublished_school_is_404(api, make_school):
    assert api(f"/schools/{make_school(status=OfferStatus.DRAFT).pk}").status_code == 404


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"school_type": "gymnasium"}, {"gym"}),
        ({"grade": "4"}, {"primary"}),
        ({"grade": "5"}, {"gym"}),
        ({"grade": "13"}, set()),
        ({"all_day_care": "true"}, {"primary"}),
        ({"all_day_care": "false"}, {"gym"}),
        ({"district": "lusan"}, {"gym"}),
        ({"district": "nowhere"}, set()),
    ],
)
def test_filters(api, make_school, lusan, params, expected):
    schools = {
        "primary": make_school(all_day_care=True),
        "gym": make_school(
            name="Goethe-Gymnasium",
            school_type=SchoolType.GYMNASIUM,
            grade_from=5,
            grade_to=12,
            district=lusan,
        ),
    }

    assert ids(api("/schools", **params)) == {schools[name].pk for name in expected}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"grade": "0"}, "grade"),
        ({"grade": "14"}, "grade"),
        ({"grade": "fifth"}, "grade"),
        ({"school_type": "Gymnasium"}, "school_type"),
        ({"all_day_care": "yes"}, "all_day_care"),
    ],
)
def test_bad_filter_values_are_422(api, params, field):
    assert error_fields(api("/schools", **params)) == {field}


def test_list_costs_count_plus_page(api, make_school, django_assert_num_queries):
    for number in range(25):
        make_school(name=f"Schule {number}")

    with django_assert_num_queries(2):
        assert len(api("/schools", grade="3").json()["items"]) == 25


def test_detail_costs_one_query(api, make_school, django_assert_num_queries):
    school = make_school()

    with django_assert_num_queries(1):
        assert api(f"/schools/{school.pk}").json()["address"]["district"]["name"] == "Untermhaus"
