"""Postings without any id that share employer, title and place are still two postings.

Found by the hostile review of issue 8: their derived keys collided and the second was
rejected as a "duplicate" of the first, under a hash the clerk cannot make sense of.
"""

import json

import pytest

from stadt360.imports.models import RunStatus
from stadt360.jobs.models import Job
from tests.imports.conftest import import_bytes

pytestmark = pytest.mark.django_db


def posting(employment_type: str) -> dict:
    return {
        "@type": "JobPosting",
        "title": "Pflegefachkraft (m/w/d)",
        "hiringOrganization": {"name": "Klinikum Gera"},
        "employmentType": employment_type,
        "jobLocation": {
            "address": {
                "postalCode": "07548",
                "addressLocality": "Gera",
                "streetAddress": "Straße des Friedens 122",
            }
        },
        "description": f"Station 4, {employment_type}",
    }


def test_jobpostings_without_id_that_share_employer_title_and_place_are_kept_apart(employer):
    content = json.dumps([posting("FULL_TIME"), posting("PART_TIME")]).encode()
    first = import_bytes(content, employer, file_name="stellen.json")
    assert (first.status, first.created, first.rejected) == (RunStatus.SUCCEEDED, 2, 0)
    assert sorted(Job.objects.values_list("employment_type", flat=True)) == [
        "full_time",
        "part_time",
    ]
    again = import_bytes(content, employer, file_name="stellen.json", full_feed=True)
    assert (again.created, again.updated, again.unchanged, again.withdrawn) == (0, 0, 2, 0)


def test_postings_that_share_only_their_address_are_kept_apart(employer):
    """Real exports often give every posting the careers page as ``url``."""
    shared = "https://klinikum.example/karriere"
    content = json.dumps(
        [
            {**posting("FULL_TIME"), "url": shared, "title": "Pflegefachkraft (m/w/d)"},
            {**posting("FULL_TIME"), "url": shared, "title": "Hebamme (m/w/d)"},
            {**posting("FULL_TIME"), "url": shared, "title": "Arzt (m/w/d)"},
        ]
    ).encode()
    first = import_bytes(content, employer, file_name="stellen.json")
    assert (first.status, first.created, first.rejected) == (RunStatus.SUCCEEDED, 3, 0)
    assert sorted(Job.objects.values_list("title", flat=True)) == [
        "Arzt (m/w/d)",
        "Hebamme (m/w/d)",
        "Pflegefachkraft (m/w/d)",
    ]
    assert first.issues.filter(code="shared_address").count() == 2
    again = import_bytes(content, employer, file_name="stellen.json", full_feed=True)
    assert (again.created, again.updated, again.unchanged, again.withdrawn) == (0, 0, 3, 0)


def test_a_repeated_identifier_is_still_a_duplicate(employer):
    content = json.dumps(
        [
            {**posting("FULL_TIME"), "identifier": "J-1"},
            {**posting("PART_TIME"), "identifier": "J-1"},
        ]
    ).encode()
    run = import_bytes(content, employer, file_name="stellen.json")
    assert (run.created, run.rejected) == (1, 1)
    assert run.issues.get(level="error").code == "duplicate"
