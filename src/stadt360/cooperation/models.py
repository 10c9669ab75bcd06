from typing import Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stadt360.core.models import TimeStamped

from .choices import Direction, PostStatus, PostType, RecipientStatus


class PostQuerySet(models.QuerySet):
    def open(self) -> Self:
        """Visible on the board: open and not past its ``valid_until`` day."""
        return self.filter(status=PostStatus.OPEN, valid_until__gte=timezone.localdate())

    def expired(self) -> Self:
        return self.filter(status=PostStatus.OPEN, valid_until__lt=timezone.localdate())

    def for_provider(self, provider: models.Model) -> Self:
        return self.filter(provider=provider)


class Post(TimeStamped):
    """A need or an offer of a company or a city office on the cooperation board."""

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.CASCADE, related_name="cooperation_posts"
    )
    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, null=True, blank=True, related_name="posts"
    )
    post_type = models.CharField(_("type"), max_length=20, choices=PostType.choices)
    direction = models.CharField(_("need or offer"), max_length=5, choices=Direction.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    wz_code = models.CharField(_("industry (WZ 2008 code)"), max_length=8, blank=True)
    wz_label = models.CharField(_("industry"), max_length=300, blank=True, editable=False)
    wz_section = models.CharField(_("industry section"), max_length=1, blank=True, editable=False)
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=6, choices=PostStatus.choices, default=PostStatus.OPEN
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "valid_until"])]
        verbose_name = _("cooperation post")
        verbose_name_plural = _("cooperation posts")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == PostStatus.OPEN and self.valid_until >= timezone.localdate()

    @property
    def is_demo(self) -> bool:
        return self.provider.is_demo


class Interest(TimeStamped):
    """One expression of interest, sent by an organisation to several recipients at once."""

    provider = models.ForeignKey(
        "providers.Provider",
        on_delete=models.CASCADE,
        related_name="sent_interests",
        verbose_name=_("sender"),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    about = models.ForeignKey(
        Post,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interests_sent",
        verbose_name=_("about our post"),
    )
    message = models.TextField(_("message"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")

    def __str__(self) -> str:
        return (
            f"{self.provider} ({self.created_at:%Y-%m-%d})"
            if self.created_at
            else str(self.provider)
        )


class InterestRecipient(TimeStamped):
    """One recipient (a post or a company) of an interest, with its own answer and status.

    ``provider`` is the recipient organisation: the one whose members may answer.
    """

    interest = models.ForeignKey(Interest, on_delete=models.CASCADE, related_name="recipients")
    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.CASCADE, related_name="received_interests"
    )
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="interests"
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="interests",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RecipientStatus.choices, default=RecipientStatus.SENT
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(post__isnull=True, company__isnull=False)
                | models.Q(post__isnull=False, company__isnull=True),
                name="interest_recipient_post_or_company",
            ),
            models.UniqueConstraint(fields=["interest", "post"], name="interest_post_once"),
            models.UniqueConstraint(fields=["interest", "company"], name="interest_company_once"),
        ]
        verbose_name = _("recipient of an interest")
        verbose_name_plural = _("recipients of interests")

    def __str__(self) -> str:
        return str(self.post or self.company)

    @property
    def target_name(self) -> str:
        return self.post.title if self.post else self.company.provider.name  # type: ignore[union-attr]
