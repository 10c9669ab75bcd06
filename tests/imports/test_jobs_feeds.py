"""JobPosting JSON-LD (pages, files) and the Federal Employment Agency's job search JSON."""

import datetime

import pytest
from django.utils import translation

from stadt360.imports.models import RunStatus
from stadt360.jobs.models import Job
from tests.imports.conftest import DATA, SHARED, import_file

pytestmark = pytest.mark.django_db
JSONLD = SHARED / "jsonld"


def test_jobposting_page_with_graph_comments_and_html(employer) -> None:
    with translation.override("en"):
        run = import_file(DATA / "jobposting-page.html", employer)
    assert (run.status, run.format) == (RunStatus.PARTIAL, "jobposting"), run.message
    assert (run.total, run.created, run.rejected) == (3, 2, 1)
    nurse = Job.objects.get(external_id="KG-2026-017")
    assert nurse.description == "Wir suchen Verstärkung.\nTarif TVöD"
    assert (nurse.salary_min, nurse.salary_max) == (3500, 4250)  # per year → per month
    assert nurse.valid_until == datetime.date(2026, 12, 31)
    assert (nurse.employment_type, str(nurse.weekly_hours)) == ("full_time", "38.5")
    assert (nurse.latitude, nurse.postcode) == (50.865, "07548")
    mini = Job.objects.get(external_id="KG-2026-018")
    assert mini.employment_type == "mini_job"
    assert mini.salary_min == round(13.5 * 10 * 52 / 12)  # 10 h/week assumed, per hour
    rejected = run.issues.get(level="error")
    assert rejected.position == "script[2]/@graph[3]"
    assert "location" in rejected.message


def test_jobposting_json_array(employer) -> None:
    run = import_file(DATA / "jobpostings.json", employer)
    assert (run.created, run.rejected) == (2, 0)
    assert Job.objects.get(external_id="E-1").salary_max == 2900
    assert Job.objects.get(external_id="E-2").salary_max is None  # USD: noted, not taken
    assert run.issues.filter(code="currency").exists()


@pytest.mark.parametrize(
    "name",
    [
        "extruct-songkick__elysianfields.html",
        "extruct-songkick__tovestyrke.html",
        "extruct-custom.invalid__JSONLD_with_JS_comment.html",
        "extruct-custom.invalid__JSONLD_with_control_characters.html",
        "extruct-custom.invalid__JSONLD_with_control_characters_comment.html",
        "extruct-schema.org__Event.001.html",
    ],
)
def test_pages_without_job_postings_are_reported_by_what_they_hold(employer, name: str) -> None:
    with translation.override("en"):
        run = import_file(JSONLD / name, employer, format="jobposting")
    assert run.status == RunStatus.REJECTED
    assert run.issues.get().code == "no_jobposting"
    assert "No job posting" in run.message
    if "songkick" in name:
        assert "MusicEvent" in run.message
    if "JS_comment" in name:
        assert "NewsArticle" in run.message  # the broken JSON-LD was repaired and read


def test_ba_search_response(employer) -> None:
    with translation.override("en"):
        run = import_file(DATA / "ba-jobsuche-response.json", employer)
    assert run.format == "ba"
    assert (run.created, run.rejected) == (2, 1)
    job = Job.objects.get(external_id="10000-1184867112-S")
    assert (job.title, job.postcode, job.latitude) == (
        "Elektroinstallateur/in",
        "90537",
        52.4926832,
    )
    assert job.start_date == datetime.date(2021, 7, 26)
    gera = Job.objects.get(external_id="10000-1184867113-S")
    assert gera.postcode == "07548"
    assert run.issues.filter(code="postcode_centroid", external_id=gera.external_id).exists()
    assert run.issues.get(level="error").position == "/stellenangebote[3]"


def test_ba_job_details(employer) -> None:
    run = import_file(DATA / "ba-jobdetails.json", employer, format="ba")
    job = Job.objects.get()
    assert (run.created, job.employment_type, job.weekly_hours) == (1, "part_time", 20)
    assert job.description == "Wir bieten eine Stelle mit Entgeltgruppe 13 TV-L."
