"""The newsletter's writes: sign-up (double opt-in), confirmation, unsubscribe, topics,
and sending an issue in batches through background tasks.

Sign-up never tells whether an address is known: a new, pending or confirmed address
gets the same answer (``subscribe`` returns nothing); what differs is only the mail that
goes to that address. Sign-ups are limited per client address
(``NEWSLETTER_SIGNUPS_PER_HOUR``) and mails per recipient address, so the form cannot be
used to flood somebody's mailbox.

Sending: ``send_issue`` creates one ``Delivery`` per recipient (unique per issue and
subscriber) and enqueues batches of ``NEWSLETTER_BATCH_SIZE``. ``send_batch`` locks
each still-queued delivery, sends the mail and marks it sent in the same transaction; a
batch that runs again (worker restart, task retried, enqueued twice) finds the sent rows
and skips them, and a delivery whose transaction died before the mail went out is still
queued and goes out on the next run. Calling ``send_issue`` again on an issue that is
still sending enqueues what is queued (resume).
"""

from collections.abc import Iterable
from functools import partial
from itertools import batched

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from stadt360.accounts.throttle import address_block, hit
from stadt360.core.audit import record

from .consent import CONSENT_TEXT, CONSENT_VERSION
from .links import confirm_max_age, confirm_signer
from .mail import issue_message
from .models import (
    Delivery,
    DeliveryStatus,
    Issue,
    IssueStatus,
    Subscriber,
    SubscriberStatus,
    Topic,
    new_token,
)

SIGNUP_WINDOW_SECONDS = 3600
MAILS_PER_ADDRESS_AND_HOUR = 3


class TooManySignups(ValidationError):
    """The client address sent its hourly share of sign-ups; nothing was stored."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        minutes = max(1, -(-retry_after // 60))
        super().__init__(
            ngettext(
                "Too many sign-ups from your connection. Please try again in %(minutes)s minute.",
                "Too many sign-ups from your connection. Please try again in %(minutes)s minutes.",
                minutes,
            )
            % {"minutes": minutes},
            code="rate_limited",
        )


class LinkInvalid(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _("This link is not valid (any more). Please sign up again."), code="invalid"
        )


class LinkExpired(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "This confirmation link has expired: it was valid for %(hours)s hours. "
                "Please sign up again; we will send you a new link."
            )
            % {"hours": settings.NEWSLETTER_CONFIRM_HOURS},
            code="expired",
        )


def topics_for(slugs: Iterable[str]) -> list[Topic]:
    """The topics named by ``slugs``; an unknown slug is an error, nothing is stored."""
    wanted = list(dict.fromkeys(slugs))
    found = list(Topic.objects.filter(slug__in=wanted))
    unknown = sorted(set(wanted) - {topic.slug for topic in found})
    if unknown:
        raise ValidationError(
            {"topics": _("Unknown topic: %(topics)s") % {"topics": ", ".join(unknown)}},
            code="unknown_topic",
        )
    return found


def _valid_signup(email: str, topic_slugs: Iterable[str], consent: bool) -> tuple[str, list[Topic]]:
    errors: dict[str, str] = {}
    address = email.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        errors["email"] = _("Please enter a valid e-mail address, e.g. name@example.org.")
    if not consent:
        errors["consent"] = _("Please agree to receive the newsletter.")
    try:
        topics = topics_for(topic_slugs)
    except ValidationError as error:
        errors.update({key: value[0] for key, value in error.message_dict.items()})
        topics = []
    if errors:
        raise ValidationError(errors)
    return address, topics or list(Topic.objects.all())


def subscribe(
    *, email: str, topics: Iterable[str], consent: bool, language: str, sender_ip: str
) -> None:
    """Sign-up, or a repeated sign-up: the same answer for every address.

    New, pending or unsubscribed address: pending with this consent and these topics,
    a confirmation mail (a pending address gets the mail again, no second row).
    Confirmed address: unchanged, a mail with the link to manage the topics.
    No topics chosen means all topics.
    """
    address, chosen = _valid_signup(email, topics, consent)
    sent = hit("newsletter-signup", address_block(sender_ip), window=SIGNUP_WINDOW_SECONDS)
    if sent.over(settings.NEWSLETTER_SIGNUPS_PER_HOUR):
        raise TooManySignups(sent.retry_after)
    now = timezone.now()
    consent_fields = {
        "consent_text": str(CONSENT_TEXT),
        "consent_version": CONSENT_VERSION,
        "consented_at": now,
        "language": language,
    }
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email=address, defaults=consent_fields
        )
        kind = "confirm"
        if subscriber.status == SubscriberStatus.CONFIRMED:
            kind = "already"
        elif not created:
            _restart(subscriber, consent_fields)
        if kind == "confirm":
            subscriber.topics.set(chosen)
        _mail_later(subscriber, kind)


def _restart(subscriber: Subscriber, consent_fields: dict[str, object]) -> None:
    """A pending or unsubscribed address signs up again: new consent, pending again."""
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        subscriber.token = new_token()  # links of the old subscription stop working
    for field, value in consent_fields.items():
        setattr(subscriber, field, value)
    subscriber.status = SubscriberStatus.PENDING
    subscriber.confirmed_at = subscriber.unsubscribed_at = None
    subscriber.save()


def _mail_later(subscriber: Subscriber, kind: str) -> None:
    """After commit, unless this address got its hourly share of sign-up mails already."""
    from .tasks import send_signup_mail_task

    mails = hit("newsletter-mail", subscriber.email, window=SIGNUP_WINDOW_SECONDS)
    if mails.over(MAILS_PER_ADDRESS_AND_HOUR):
        return
    Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_sent_at=timezone.now())
    transaction.on_commit(
        lambda: send_signup_mail_task.enqueue(subscriber_id=subscriber.pk, kind=kind)
    )


def subscriber_for_token(token: str) -> Subscriber | None:
    """The subscription of an unsubscribe or manage link (unsubscribed ones included)."""
    return Subscriber.objects.filter(token=token).first() if token else None


def confirm(*, signed: str) -> Subscriber:
    """The confirmation link: pending → confirmed (again: nothing changes)."""
    try:
        token = confirm_signer().unsign(signed, max_age=confirm_max_age())
    except signing.SignatureExpired as error:
        raise LinkExpired() from error
    except signing.BadSignature as error:
        raise LinkInvalid() from error
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(token=token).first()
        if subscriber is None or subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            raise LinkInvalid()
        if subscriber.status == SubscriberStatus.PENDING:
            subscriber.status = SubscriberStatus.CONFIRMED
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["status", "confirmed_at", "updated_at"])
    return subscriber


def unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    """One click, no question (RFC 8058). The address is deleted after the retention period."""
    with transaction.atomic():
        if subscriber.status != SubscriberStatus.UNSUBSCRIBED:
            subscriber.status = SubscriberStatus.UNSUBSCRIBED
            subscriber.unsubscribed_at = timezone.now()
            subscriber.save(update_fields=["status", "unsubscribed_at", "updated_at"])
            subscriber.topics.clear()
    return subscriber


def set_topics(*, subscriber: Subscriber, topics: Iterable[str]) -> Subscriber:
    """The manage page: the topics a subscriber receives (at least one)."""
    chosen = topics_for(topics)
    if not chosen:
        raise ValidationError({"topics": _("Please choose at least one topic.")})
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        raise LinkInvalid()
    with transaction.atomic():
        subscriber.topics.set(chosen)
    return subscriber


# --- sending an issue ------------------------------------------------------------------


def recipients(issue: Issue) -> list[int]:
    """Ids of the confirmed subscribers of the issue's topics (all, when it has none)."""
    confirmed = Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED)
    topic_ids = list(issue.topics.values_list("pk", flat=True))
    if topic_ids:
        confirmed = confirmed.filter(topics__in=topic_ids)
    return sorted(set(confirmed.values_list("pk", flat=True)))


ALREADY_SENT = gettext_lazy("This issue has been sent already; it is not sent twice.")


def send_issue(*, issue: Issue, by: object) -> int:
    """Queue the issue for its recipients and enqueue the batches; returns how many queued.

    A draft gets its deliveries now (the recipients at this moment); an issue that is
    still sending gets its queued deliveries enqueued again (resume after a lost worker).
    """
    from .tasks import send_batch_task

    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status == IssueStatus.SENT:
            raise ValidationError(ALREADY_SENT, code="already_sent")
        if issue.status == IssueStatus.DRAFT:
            Delivery.objects.bulk_create(
                [Delivery(issue=issue, subscriber_id=pk) for pk in recipients(issue)],
                ignore_conflicts=True,
            )
            issue.status = IssueStatus.SENDING
            issue.send_started_at = timezone.now()
            issue.save(update_fields=["status", "send_started_at", "updated_at"])
            record(issue, "newsletter_issue.send", by=by)
        queued = list(
            issue.deliveries.filter(status=DeliveryStatus.QUEUED)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        batches = [
            list(batch)
            for batch in batched(queued, max(1, settings.NEWSLETTER_BATCH_SIZE), strict=False)
        ]
        issue_id = issue.pk
        for batch in batches:
            transaction.on_commit(
                partial(send_batch_task.enqueue, issue_id=issue_id, delivery_ids=batch)
            )
        if not queued:
            _finish(issue_id)
    return len(queued)


def _send_one(issue: Issue, delivery_id: int) -> bool:
    """Lock the delivery if still queued, send, mark sent: all or nothing."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update()
            .select_related("subscriber")
            .filter(pk=delivery_id, issue=issue, status=DeliveryStatus.QUEUED)
            .first()
        )
        if delivery is None:
            return False
        if delivery.subscriber.status != SubscriberStatus.CONFIRMED:
            delivery.status = DeliveryStatus.SKIPPED
            delivery.save(update_fields=["status"])
            return False
        issue_message(issue, delivery).send()
        delivery.status = DeliveryStatus.SENT
        delivery.sent_at = timezone.now()
        delivery.save(update_fields=["status", "sent_at"])
    return True


def send_batch(*, issue_id: int, delivery_ids: list[int]) -> int:
    """Send one batch; returns how many mails went out now (sent ones are skipped)."""
    issue = Issue.objects.filter(pk=issue_id).first()
    if issue is None:
        return 0
    sent = sum(_send_one(issue, pk) for pk in delivery_ids)
    _finish(issue_id)
    return sent


def _finish(issue_id: int) -> None:
    """The issue is sent once no delivery is queued any more."""
    if not Delivery.objects.filter(issue_id=issue_id, status=DeliveryStatus.QUEUED).exists():
        Issue.objects.filter(pk=issue_id).exclude(status=IssueStatus.SENT).update(
            status=IssueStatus.SENT, sent_at=timezone.now()
        )


def expire_pending(cutoff: object) -> int:
    """Retention: sign-ups never confirmed since ``cutoff``."""
    old = Subscriber.objects.filter(status=SubscriberStatus.PENDING, consented_at__lt=cutoff)
    return old.delete()[1].get("newsletter.Subscriber", 0)


def delete_unsubscribed(cutoff: object) -> int:
    """Retention: addresses unsubscribed before ``cutoff`` go with their deliveries."""
    old = Subscriber.objects.filter(
        status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at__lt=cutoff
    )
    return old.delete()[1].get("newsletter.Subscriber", 0)
