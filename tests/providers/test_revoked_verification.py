"""The city withdraws an organisation's verification: nothing of it stays public.

Issue 8, item 4 moved the publish rule into the write services, but only new writes obeyed
it: an organisation the city verified and later rejected kept its published offers in the
lists, the search and the bundle search, and its open posts on the cooperation board, until
someone happened to edit them. The review service now takes everything public back to
draft (audited), so every channel that reads published offers or open posts obeys.
"""

import pytest

from stadt360.cooperation.choices import PostStatus
from stadt360.cooperation.models import Post
from stadt360.cooperation.services import create_post
from stadt360.core.choices import OfferStatus
from stadt360.core.models import AuditEntry
from stadt360.housing.models import Flat
from stadt360.jobs.models import Job
from stadt360.providers.membership import review_provider
from stadt360.search.models import Document
from tests.cooperation.test_publish_rule import post_data
from tests.factories import CompanyFactory, FlatFactory, JobFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tasks_at_once(immediate_tasks: None) -> None:
    """The search refresh runs inside the request, so the index can be checked at once."""


def test_rejecting_a_verified_organisation_takes_its_offers_and_posts_off_public_view(
    django_capture_on_commit_callbacks,
) -> None:
    company = CompanyFactory(provider__verified=True)
    provider = company.provider
    with django_capture_on_commit_callbacks(execute=True):
        job = JobFactory(provider=provider)
        flat = FlatFactory(provider=provider)
        archived = JobFactory(provider=provider, status=OfferStatus.ARCHIVED)
        post = create_post(provider=provider, data=post_data(), by=None)
        other = JobFactory()  # another organisation's offer stays as it was
    assert post.status == PostStatus.OPEN
    assert Job.objects.published().filter(pk=job.pk).exists()
    staff = UserFactory(is_staff=True)

    with django_capture_on_commit_callbacks(execute=True):
        review_provider(provider=provider, approve=False, note="Register entry lapsed.", by=staff)

    assert not Job.objects.published().filter(pk=job.pk).exists()
    assert not Flat.objects.published().filter(pk=flat.pk).exists()
    assert not Post.objects.open().filter(pk=post.pk).exists()
    assert Job.objects.get(pk=archived.pk).status == OfferStatus.ARCHIVED
    assert Job.objects.get(pk=other.pk).status == OfferStatus.PUBLISHED
    assert not Document.objects.filter(kind="job", object_id=job.pk).exists()
    assert not Document.objects.filter(kind="cooperation_post", object_id=post.pk).exists()
    held = AuditEntry.objects.filter(action__endswith=".held_back", actor=staff)
    assert {entry.object_id for entry in held} == {str(job.pk), str(flat.pk), str(post.pk)}
