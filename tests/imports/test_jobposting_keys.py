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
