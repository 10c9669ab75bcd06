"""Nothing one test leaves behind in the process reaches the next (issue 8, item 11).

Each pair below runs the same steps twice; whichever of the two runs second on a worker
(in any order, as pytest-randomly shuffles them) fails when state leaks between tests.
The live-count pair is the CI failure itself and fails in file order.
"""

import datetime
from importlib import import_module

import pytest
from django.apps import apps
from django.core.cache import cache
from django.tasks import Task
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import module_has_submodule

from stadt360.bundles.schemas import BundleQuery
from stadt360.bundles.services import count_candidates
from tests.factories import OCCUPATIONS, JobFactory, ProviderFactory

pytestmark = pytest.mark.django_db
NURSING = OCCUPATIONS[0][0]


def test_an_earlier_test_makes_one_job() -> None:
    JobFactory()
    assert count_candidates(BundleQuery.model_validate({}))["jobs"] == 1


def test_the_journeys_live_count_does_not_depend_on_earlier_jobs() -> None:
    """The browser journey's data: four nursing jobs, two bookkeepers; "Pflege" finds four.

    Run after the test above (file order), this counted 5 before the fix: the job
    factory's occupation iterator had moved on, so a bookkeeper got the nursing occupation.
    """
    day = {"shift_start": datetime.time(8, 0), "shift_end": datetime.time(15, 30)}
    JobFactory.create_batch(4, title="Pflegefachkraft (m/w/d)", skills=["Pflege"], **day)
    JobFactory.create_batch(2, title="Buchhalter (m/w/d)", description="Buchhaltung", **day)
    query = BundleQuery.model_validate({"job": {"query": "Pflege", "hours": "full_time"}})
    assert count_candidates(query)["jobs"] == 4


def first_jobs_and_provider() -> None:
    jobs = JobFactory.create_batch(2)
    assert [job.occupation.code for job in jobs] == [NURSING, OCCUPATIONS[1][0]]
    assert ProviderFactory().name == f"Testanbieter {len(jobs)} GmbH"


def test_factories_start_over_in_each_test() -> None:
    first_jobs_and_provider()


def test_factories_start_over_in_each_test_too() -> None:
    first_jobs_and_provider()


def cache_starts_empty() -> None:
    assert cache.get("isolation-probe") is None
    cache.set("isolation-probe", "left behind", 600)


def test_the_cache_starts_empty() -> None:
    cache_starts_empty()


def test_the_cache_starts_empty_too() -> None:
    cache_starts_empty()


def language_is_the_default() -> None:
    assert translation.get_language() == "de"
    assert reverse("public:home") == "/"
    translation.activate("en")  # as a request to an /en/ page leaves it in this thread


def test_the_language_starts_as_german() -> None:
    language_is_the_default()


def test_the_language_starts_as_german_too() -> None:
    language_is_the_default()


def test_task_objects_stay_django_tasks_when_a_test_switches_to_rq(settings) -> None:
    """``@task`` uses the class of the backend configured at import time; the root conftest
    imports every tasks module first, so a test under RQ cannot turn them into the
    django_tasks backport's Task (which the database backend then refuses)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    modules = [
        import_module(f"{app.name}.tasks")
        for app in apps.get_app_configs()
        if module_has_submodule(app.module, "tasks") and app.name.startswith("stadt360.")
    ]
    found = [obj for module in modules for obj in vars(module).values() if hasattr(obj, "enqueue")]
    assert len(found) >= 8
    assert all(isinstance(obj, Task) for obj in found), found
