"""The data migration takes back what unverified organisations published before issue 8.

Feed imports published offers of unverified organisations and their posts went on the
board at once; the write services refuse that now, but rows written through the old paths
stayed public. The migration's function runs here on the current models.
"""

import importlib

import pytest
from django.apps import apps

from stadt360.cooperation.choices import PostStatus
from stadt360.cooperation.models import Post
from stadt360.core.choices import OfferStatus
from stadt360.core.models import AuditEntry
from stadt360.jobs.models import Job
from stadt360.search.models import Document
from tests.factories import CompanyFactory, FlatFactory, JobFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("stadt360.providers.migrations.0004_hold_back_unverified")


def test_offers_and_posts_published_by_unverified_organisations_go_back_to_draft(
    immediate_tasks, django_capture_on_commit_callbacks
) -> None:
    unverified = CompanyFactory(provider__verified=False).provider
    with django_capture_on_commit_callbacks(execute=True):
        legacy_job = JobFactory(provider=unverified)  # published by an old import
        legacy_flat = FlatFactory(provider=unverified)
        verified_job = JobFactory()
        post = Post.objects.create(
            provider=unverified, post_type="spare_capacity", direction="offer", title="Lager",
            text="Frei.", status=PostStatus.OPEN, valid_until=legacy_job.valid_until,
        )  # fmt: skip
    assert Document.objects.filter(kind="job", object_id=legacy_job.pk).exists()

    assert migration.hold_back_unverified(apps) == 3

    assert Job.objects.get(pk=legacy_job.pk).status == OfferStatus.DRAFT
    assert type(legacy_flat).objects.get(pk=legacy_flat.pk).status == OfferStatus.DRAFT
    assert Post.objects.get(pk=post.pk).status == PostStatus.DRAFT
    assert Job.objects.get(pk=verified_job.pk).status == OfferStatus.PUBLISHED
    assert not Document.objects.filter(kind="job", object_id=legacy_job.pk).exists()
    assert Document.objects.filter(kind="job", object_id=verified_job.pk).exists()
    held = AuditEntry.objects.filter(via="migration", provider=unverified)
    assert sorted(held.values_list("action", flat=True)) == [
        "cooperation_post.held_back", "flat.held_back", "job.held_back",
    ]  # fmt: skip
    assert migration.hold_back_unverified(apps) == 0  # runs once, changes nothing after
