"""Issues are edited as Wagtail snippets in /cms/ and sent from there."""

import pytest
from django.core import mail
from django.test import Client

from stadt360.newsletter.models import Issue, IssueStatus, Subscriber, SubscriberStatus, Topic

pytestmark = pytest.mark.django_db


def test_staff_writes_an_issue_in_cms_and_sends_it(
    admin_client: Client,
    topics: dict[str, Topic],
    immediate_tasks: None,
    django_capture_on_commit_callbacks,
) -> None:
    Subscriber.objects.create(
        email="reader@example.org",
        status=SubscriberStatus.CONFIRMED,
        consent_text="…",
        consent_version="t",
        consented_at="2026-12-01T10:00:00+00:00",
    ).topics.set([topics["wirtschaft"]])
    listing = admin_client.get("/cms/snippets/newsletter/issue/")
    assert listing.status_code == 200
    issue = Issue.objects.create(subject="Wirtschaft im Dezember", content="<p>Hallo Gera</p>")
    issue.topics.set([topics["wirtschaft"]])
    listing = admin_client.get("/cms/snippets/newsletter/issue/").content.decode()
    assert f"/cms/newsletter/send/{issue.pk}/" in listing
    confirm = admin_client.get(f"/cms/newsletter/send/{issue.pk}/")
    assert confirm.status_code == 200
    assert "1" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/cms/newsletter/send/{issue.pk}/")
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT


def test_sending_needs_the_send_permission(client: Client, topics, django_user_model) -> None:
    from django.contrib.auth.models import Permission

    from tests.accounts.sessions import sign_in_with_second_factor

    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw-long-enough-1")
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_issue"),
    )
    sign_in_with_second_factor(client, editor)
    issue = Issue.objects.create(subject="x", content="<p>x</p>")
    assert client.get("/cms/snippets/newsletter/issue/").status_code == 200  # may edit
    listing = client.get("/cms/snippets/newsletter/issue/").content.decode()
    assert f"/cms/newsletter/send/{issue.pk}/" not in listing
    response = client.post(f"/cms/newsletter/send/{issue.pk}/")
    # Wagtail's admin turns PermissionDenied into a redirect to its dashboard with a message.
    assert (response.status_code, response["Location"]) == (302, "/cms/")
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT
