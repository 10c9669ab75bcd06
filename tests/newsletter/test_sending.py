"""Sending an issue: recipients by topic, batches through tasks, nothing sent twice."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command

from stadt360.core.models import AuditEntry
from stadt360.newsletter.models import (
    Delivery,
    DeliveryStatus,
    Issue,
    IssueStatus,
    Subscriber,
    SubscriberStatus,
    Topic,
)
from stadt360.newsletter.services import send_batch, send_issue

pytestmark = pytest.mark.django_db

CONTENT = (
    '<h2>KI im Mittelstand</h2><p>Neue <b>Vortragsreihe</b> im <a href="/innovationszentrum/">TGZ</a>.'
    '<script>alert(1)</script><img src=x onerror="alert(2)"></p>'
)


def subscribers(topics: dict[str, Topic], count: int, slug: str = "ki-daten") -> list[Subscriber]:
    made = []
    for number in range(count):
        subscriber = Subscriber.objects.create(
            email=f"s{number}-{slug}@example.org",
            status=SubscriberStatus.CONFIRMED,
            consent_text="…",
            consent_version="t",
            consented_at="2026-12-01T10:00:00+00:00",
        )
        subscriber.topics.set([topics[slug]])
        made.append(subscriber)
    return made


def make_issue(topics: dict[str, Topic], *slugs: str) -> Issue:
    issue = Issue.objects.create(subject="Neues aus dem TGZ", content=CONTENT)
    issue.topics.set([topics[slug] for slug in slugs])
    return issue


def recipients_of(outbox: list) -> list[str]:
    return sorted(address for message in outbox for address in message.to)


def test_issue_goes_once_to_each_confirmed_subscriber_of_its_topics(
    topics: dict[str, Topic], immediate_tasks: None, django_capture_on_commit_callbacks, settings
) -> None:
    settings.NEWSLETTER_BATCH_SIZE = 2
    wanted = subscribers(topics, 5, "ki-daten")
    subscribers(topics, 2, "wirtschaft")
    Subscriber.objects.create(
        email="pending@example.org",
        consent_text="…",
        consent_version="t",
        consented_at="2026-12-01T10:00:00+00:00",
    ).topics.set([topics["ki-daten"]])
    issue = make_issue(topics, "ki-daten")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        queued = send_issue(issue=issue, by=None)
    assert queued == 5
    assert len(callbacks) == 3  # batches of 2, 2 and 1
    assert recipients_of(mail.outbox) == sorted(s.email for s in wanted)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert issue.sent_at is not None
    assert AuditEntry.objects.filter(action="newsletter_issue.send").count() == 1

    message = mail.outbox[0]
    assert message.subject == "[Gera 360°] Neues aus dem TGZ"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith(
        f"<{settings.SITE_URL}/newsletter/abmelden/"
    )
    html = message.alternatives[0][0]
    assert "<script" not in html
    assert "onerror" not in html
    assert f'href="{settings.SITE_URL}/innovationszentrum/"' in html  # absolute in a mail
    assert "<h2>KI im Mittelstand</h2>" in html
    assert "Vortragsreihe" in html
    assert "KI im Mittelstand" in message.body
    assert "alert" not in message.body
    assert "/newsletter/abmelden/" in message.body

    with pytest.raises(ValidationError, match="bereits versendet"):
        send_issue(issue=issue, by=None)


def test_an_issue_without_topics_goes_to_every_confirmed_subscriber(
    topics: dict[str, Topic], immediate_tasks: None, django_capture_on_commit_callbacks
) -> None:
    everyone = subscribers(topics, 2, "ki-daten") + subscribers(topics, 2, "wirtschaft")
    with django_capture_on_commit_callbacks(execute=True):
        send_issue(issue=make_issue(topics), by=None)
    assert recipients_of(mail.outbox) == sorted(s.email for s in everyone)


class CrashAfter(EmailBackend):
    """The worker dies while sending: the n-th mail of this connection never goes out."""

    crash_at = 3
    attempts = 0

    def send_messages(self, messages):  # type: ignore[no-untyped-def]
        CrashAfter.attempts += 1
        if CrashAfter.attempts == CrashAfter.crash_at:
            raise ConnectionError("worker lost")
        return super().send_messages(messages)


def test_a_batch_run_again_after_a_crash_sends_each_mail_exactly_once(
    topics: dict[str, Topic], settings, django_capture_on_commit_callbacks
) -> None:
    """Claim and send in one transaction: the crash rolls the claim back; re-run, no doubles."""
    people = subscribers(topics, 6)
    issue = make_issue(topics, "ki-daten")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_issue(issue=issue, by=None)  # the batches are enqueued but no worker ran yet
    assert len(callbacks) == 1
    batch = list(Delivery.objects.filter(issue=issue).order_by("pk").values_list("pk", flat=True))

    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.CrashAfter"}}
    CrashAfter.attempts = 0
    with pytest.raises(ConnectionError):
        send_batch(issue_id=issue.pk, delivery_ids=batch)
    assert len(mail.outbox) == 2  # two went out, the third crashed mid-send
    states = list(
        Delivery.objects.filter(issue=issue).order_by("pk").values_list("status", flat=True)
    )
    assert states == [DeliveryStatus.SENT] * 2 + [DeliveryStatus.QUEUED] * 4  # claim rolled back
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENDING

    # The worker restarts and runs the same batch again – twice, for good measure.
    assert send_batch(issue_id=issue.pk, delivery_ids=batch) == 4
    assert send_batch(issue_id=issue.pk, delivery_ids=batch) == 0
    assert recipients_of(mail.outbox) == sorted(s.email for s in people)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT


def test_resuming_a_sending_issue_enqueues_only_what_is_left(
    topics: dict[str, Topic], immediate_tasks: None, django_capture_on_commit_callbacks
) -> None:
    people = subscribers(topics, 4)
    issue = make_issue(topics, "ki-daten")
    with django_capture_on_commit_callbacks(execute=False):
        send_issue(issue=issue, by=None)
    first_two = list(
        Delivery.objects.filter(issue=issue).order_by("pk").values_list("pk", flat=True)
    )[:2]
    send_batch(issue_id=issue.pk, delivery_ids=first_two)  # a worker got this far, then died
    with django_capture_on_commit_callbacks(execute=True):
        assert send_issue(issue=issue, by=None) == 2  # resume: the other two only
    assert recipients_of(mail.outbox) == sorted(s.email for s in people)
    assert Delivery.objects.filter(issue=issue).count() == 4  # unique per subscriber


def test_someone_who_unsubscribes_before_their_batch_gets_nothing(
    topics: dict[str, Topic], immediate_tasks: None, django_capture_on_commit_callbacks
) -> None:
    people = subscribers(topics, 3)
    issue = make_issue(topics, "ki-daten")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_issue(issue=issue, by=None)
    Subscriber.objects.filter(pk=people[0].pk).update(status=SubscriberStatus.UNSUBSCRIBED)
    callbacks[0]()
    assert people[0].email not in recipients_of(mail.outbox)
    assert len(mail.outbox) == 2
    assert Delivery.objects.get(subscriber=people[0]).status == DeliveryStatus.SKIPPED


def test_management_command_queues_and_refuses_a_second_send(
    topics: dict[str, Topic], immediate_tasks: None, django_capture_on_commit_callbacks, capsys
) -> None:
    subscribers(topics, 2)
    issue = make_issue(topics)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_newsletter_issue", str(issue.pk))
    assert "2 mails queued" in capsys.readouterr().out
    assert len(mail.outbox) == 2
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="bereits versendet"):
        call_command("send_newsletter_issue", str(issue.pk))
