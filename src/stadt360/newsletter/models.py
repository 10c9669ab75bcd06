"""The newsletter: topics, subscribers (double opt-in), issues and one delivery per mail.

A subscriber is an e-mail address without an account. It is *pending* until the
confirmation link is used, *confirmed* afterwards (only confirmed subscribers get mail),
*unsubscribed* after the one-click unsubscribe. ``token`` is the secret of the personal
links in every mail (unsubscribe, manage topics); the confirmation link is that token
signed with a timestamp, so it expires (``NEWSLETTER_CONFIRM_HOURS``).

A ``Delivery`` row per (issue, subscriber), unique, is what makes sending idempotent: a
batch sends only rows still *queued* and marks each *sent* in the transaction that
claimed it, so a batch that runs again after a worker restart skips what went out.
"""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

ISSUE_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Topic(models.Model):
    slug = models.SlugField(unique=True)
    title = models.CharField(_("title"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("newsletter topic")
        verbose_name_plural = _("newsletter topics")

    def __str__(self) -> str:
        return str(self.title)


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("waiting for confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    UNSUBSCRIBED = "unsubscribed", _("unsubscribed")


class Subscriber(models.Model):
    email = models.EmailField(unique=True)  # stored in lower case
    topics = models.ManyToManyField(Topic, blank=True, related_name="subscribers")
    language = models.CharField(max_length=8, default="de")
    status = models.CharField(
        max_length=16, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    consent_text = models.TextField()
    consent_version = models.CharField(max_length=32)
    consented_at = models.DateTimeField()
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.email} ({self.status})"


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")


class Issue(models.Model):
    """One edition of the newsletter, written by centre or city staff in /cms/ (a snippet).

    ``topics`` chooses the recipients: confirmed subscribers of at least one of them; an
    issue without topics goes to every confirmed subscriber.
    """

    subject = models.CharField(_("subject"), max_length=200)
    content = RichTextField(_("content"), features=ISSUE_FEATURES)
    topics = models.ManyToManyField(
        Topic,
        blank=True,
        related_name="issues",
        verbose_name=_("topics"),
        help_text=_("Sent to subscribers of at least one of these topics; none: to everyone."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    send_started_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        permissions = [("send_issue", "Can send a newsletter issue")]

    def __str__(self) -> str:
        return self.subject


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENT = "sent", _("sent")
    SKIPPED = "skipped", _("skipped")  # unsubscribed between queueing and sending


class Delivery(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_issue")
        ]
        indexes = [models.Index(fields=["issue", "status"])]

    def __str__(self) -> str:
        return f"{self.issue_id} → {self.subscriber_id}: {self.status}"
