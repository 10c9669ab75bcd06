import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from stadt360.core.choices import OfferSource, OfferStatus
from stadt360.jobs.models import EmploymentType
from tests.api.api_helpers import error_fields, ids

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_list_shows_only_published_jobs(api, make_job):
    shown = make_job(title="Pflegefachkraft")
    make_job(status=OfferStatus.DRAFT)
    make_job(status=OfferStatus.ARCHIVED)
    make_job(valid_until=TODAY - datetime.timedelta(days=1))
    still_valid = make_job(valid_until=TODAY)

    assert ids(api("/jobs")) == {shown.pk, still_valid.pk}


def test_list_item_carries_provider_address_and_no_demo_label(api, make_job, nursing):
    job = make_job(title="Pflegefachkraft", occupation=nursing, salary_min=3000, salary_max=3600)

    body = api("/jobs").json()

    assert body["count"] == 1
    assert body["next"] is None
    assert body["previous"] is None
    item = body["items"][0]
    assert item["id"] == job.pk
    assert item["title"] == "Pflegefachkraft"
    assert item["occupation"] == {"code": "81302", "title": "Gesundheits- und Krankenpflege"}
    assert item["weekly_hours"] == 40.0
    assert item["salary_max"] == 3600
    assert item["provider"] == {
        "id": job.provider_id,
        "name": "Gera Wohnen & Arbeiten",
        "verified": True,
    }
    assert item["address"]["district"] == {"slug": "untermhaus", "name": "Untermhaus"}
    assert item["address"]["postcode"] == "07545"
    assert item["address"]["latitude"] == pytest.approx(job.latitude)
    assert item["address"]["longitude"] == pytest.approx(job.longitude)
    assert item["is_demo"] is False
    assert item["data_label"] is None
    assert "description" not in item


def test_demo_job_is_labelled_in_the_request_language(client, make_job):
    job = make_job(source=OfferSource.DEMO)

    for language, expected in (("de", "Demodaten"), ("en", "Demo data")):
        response = client.get(f"/api/v1/jobs/{job.pk}", HTTP_ACCEPT_LANGUAGE=language)
        body = response.json()
        assert body["is_demo"] is True
        assert body["data_label"] == expected
        assert response.headers["Content-Language"] == language
        assert "Accept-Language" in response.headers["Vary"]


def test_job_of_a_demo_provider_counts_as_demo(api, make_job, provider):
    provider.is_demo = True
    provider.save()
    job = make_job()

    assert api(f"/jobs/{job.pk}").json()["is_demo"] is True


def test_detail_has_the_full_text(api, make_job):
    job = make_job(
        description="Wir pflegen.",
        requirements="Examen",
        skills=["Intensivpflege"],
        languages=["de"],
        shift_start=datetime.time(6, 0),
    )

    body = api(f"/jobs/{job.pk}").json()

    assert body["description"] == "Wir pflegen."
    assert body["requirements"] == "Examen"
    assert body["skills"] == ["Intensivpflege"]
    assert body["shift_start"] == "06:00:00"
    assert body["updated_at"].startswith(str(job.updated_at.year))


def test_unpublished_or_unknown_job_is_404(api, make_job):
    draft = make_job(status=OfferStatus.DRAFT)

    for path in (f"/jobs/{draft.pk}", f"/jobs/{draft.pk + 1000}"):
        response = api(path)
        assert response.status_code == 404
        assert response.json()["detail"]


@pytest.mark.parametrize("junk", ["abc", "-1", "0", "1.5", str(2**63), "9" * 40])
def test_junk_job_id_is_422(api, junk):
    assert error_fields(api(f"/jobs/{junk}")) == {"job_id"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "PFLEGE"}, {"title"}),
        ({"q": "wundversorgung"}, {"description"}),
        ({"q": "gabelstapler"}, {"skills"}),
        ({"occupation": "813"}, {"title"}),
        ({"occupation": "81302"}, {"title"}),
        ({"employment_type": "part_time"}, {"description"}),
        ({"min_salary": "3500"}, {"title"}),
        ({"max_hours": "30"}, {"description"}),
        ({"min_hours": "35"}, {"title", "skills"}),
        ({"start_before": "2030-01-31"}, {"title", "skills"}),
        ({"district": "lusan"}, {"skills"}),
        ({"postcode": "07549"}, {"skills"}),
        ({"remote": "true"}, {"description"}),
        ({"remote": "false"}, {"title", "skills"}),
        ({"min_salary": "3500", "min_hours": "35"}, {"title"}),
    ],
)
def test_filters(api, make_job, nursing, lusan, params, expected):
    jobs = {
        "title": make_job(
            title="Pflegefachkraft", occupation=nursing, salary_max=3800, start_date=None
        ),
        "description": make_job(
            title="Praxishilfe",
            description="Wundversorgung und Empfang",
            employment_type=EmploymentType.PART_TIME,
            weekly_hours=Decimal("20"),
            salary_max=1500,
            remote_share=20,
            start_date=datetime.date(2030, 3, 1),
        ),
        "skills": make_job(
            title="Lagerhilfe",
            skills=["Gabelstapler"],
            district=lusan,
            postcode="07549",
            start_date=datetime.date(2030, 1, 1),
        ),
    }

    found = ids(api("/jobs", **params))

    assert found == {jobs[name].pk for name in expected}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"min_salary": "-5"}, "min_salary"),
        ({"min_salary": "lots"}, "min_salary"),
        ({"min_salary": "1e400"}, "min_salary"),
        ({"min_salary": "NaN"}, "min_salary"),
        ({"max_hours": "1000"}, "max_hours"),
        ({"employment_type": "boss"}, "employment_type"),
        ({"start_before": "tomorrow"}, "start_before"),
        ({"start_before": "2026-02-30"}, "start_before"),
        ({"remote": "maybe"}, "remote"),
        ({"postcode": "0754"}, "postcode"),
        ({"occupation": "81x"}, "occupation"),
        ({"district": "unter haus"}, "district"),
        ({"q": "x" * 101}, "q"),
        ({"page": "0"}, "page"),
        ({"page": "-3"}, "page"),
        ({"page": "two"}, "page"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
    ],
)
def test_bad_filter_values_are_422_naming_the_parameter(api, make_job, params, field):
    make_job()

    assert error_fields(api("/jobs", **params)) == {field}


def test_all_bad_filters_are_reported_at_once(api):
    response = api("/jobs", min_salary="-1", remote="perhaps", employment_type="x")

    assert error_fields(response) == {"min_salary", "remote", "employment_type"}
    assert all(item["loc"][0] == "query" for item in response.json()["detail"])


def test_pages_link_to_each_other_and_keep_the_filters(api, make_job):
    for number in range(30):
        make_job(title=f"Job {number}")

    first = api("/jobs", page_size="25", q="job").json()
    second = api("/jobs", page="2", page_size="25", q="job").json()

    assert first["count"] == second["count"] == 30
    assert len(first["items"]) == 25
    assert len(second["items"]) == 5
    assert {item["id"] for item in first["items"]}.isdisjoint(
        item["id"] for item in second["items"]
    )
    assert "page=2" in first["next"]
    assert "q=job" in first["next"]
    assert first["next"].startswith("http://testserver/api/v1/jobs?")
    assert first["previous"] is None
    assert second["next"] is None
    assert "page=1" in second["previous"]


def test_page_past_the_end_is_empty_not_an_error(api, make_job):
    make_job()

    for page in ("2", str(10**30)):
        body = api("/jobs", page=page).json()
        assert body["count"] == 1
        assert body["items"] == []
        assert body["next"] is None
        assert "page=1" in body["previous"]


def test_list_of_25_jobs_costs_count_plus_page(api, make_job, nursing, django_assert_num_queries):
    for number in range(25):
        make_job(title=f"Job {number}", occupation=nursing)

    with django_assert_num_queries(2):
        body = api("/jobs", page_size="25", district="untermhaus").json()

    assert len(body["items"]) == 25
    assert all(item["occupation"]["code"] == "81302" for item in body["items"])


def test_page_past_the_end_costs_only_the_count(api, make_job, django_assert_num_queries):
    make_job()

    with django_assert_num_queries(1):
        assert api("/jobs", page="5").json()["items"] == []


def test_detail_costs_one_query(api, make_job, nursing, django_assert_num_queries):
    job = make_job(occupation=nursing)

    with django_assert_num_queries(1):
        assert api(f"/jobs/{job.pk}").json()["occupation"]["code"] == "81302"
