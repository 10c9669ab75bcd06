"""The real run_import_task through the database backend's worker and through RQ + Redis."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from stadt360.housing.models import Flat
from stadt360.imports.models import RunStatus
from stadt360.imports.services import start_import
from tests.factories import ProviderFactory
from tests.imports.conftest import openimmo

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/15", "DEFAULT_TIMEOUT": 600}}


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_database_backend_worker_runs_the_import_and_the_refresh(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    call_command("load_gera", stdout=StringIO())
    provider = ProviderFactory(kind="housing")
    run = start_import(provider=provider, content=openimmo(12), file_name="feed.xml")
    assert run.status == RunStatus.QUEUED
    call_command("db_worker", "--batch", "--queue-name", "*", stdout=StringIO(), stderr=StringIO())
    run.refresh_from_db()
    assert (run.status, run.created) == (RunStatus.SUCCEEDED, 12)
    # the refresh task enqueued by the write services ran too: every flat has its district
    assert Flat.objects.filter(district__isnull=True).count() == 0


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=RQ_TASKS, RQ_QUEUES=RQ_QUEUES)
def test_rq_backend_runs_the_real_import_task(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    queue = django_rq.get_queue("default", job_class=Job)
    queue.empty()
    provider = ProviderFactory(kind="housing")
    run = start_import(provider=provider, content=openimmo(8), file_name="feed.xml")
    assert queue.count == 1
    worker = SimpleWorker([queue], connection=queue.connection, job_class=Job)
    worker.work(burst=True)
    run.refresh_from_db()
    assert (run.status, run.created) == (RunStatus.SUCCEEDED, 8)
    assert Flat.objects.filter(provider=provider).count() == 8
    queue.empty()
