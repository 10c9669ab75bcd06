import secrets
from datetime import datetime, timedelta
from typing import Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stadt360.core.models import Address, TimeStamped


class ProviderKind(models.TextChoices):
    EMPLOYER = "employer", _("Employer")
    HOUSING = "housing", _("Housing company or landlord")
    CHILDCARE = "childcare", _("Childcare operator")
    SCHOOL = "school", _("School or school operator")
    CITY_OFFICE = "city_office", _("City office")
    OTHER = "other", _("Other")


class ProviderQuerySet(models.QuerySet):
    def verified(self) -> Self:
        return self.filter(verified=True)

    def awaiting_review(self) -> Self:
        """Registered organisations the city has neither verified nor rejected yet."""
        return self.filter(verified=False, rejected=False, memberships__isnull=False).distinct()

    def of_user(self, user: models.Model) -> Self:
        return self.filter(memberships__user=user)


class Provider(Address, TimeStamped):
    """An organisation that publishes offers. Verified providers were checked by the city."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=ProviderKind.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    verified = models.BooleanField(_("verified by the city"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    rejected = models.BooleanField(_("rejected by the city"), default=False)
    review_note = models.TextField(_("note of the city's review"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    objects = ProviderQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    EDITOR = "editor", _("Editor")


class Membership(TimeStamped):
    """A person working for an organisation in the portal, as its admin or editor."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=8, choices=MemberRole.choices)

    class Meta:
        ordering = ["provider__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "provider"], name="membership_once"),
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.provider} ({self.role})"


INVITATION_VALID_DAYS = 7


def new_token() -> str:
    return secrets.token_urlsafe(32)


def invitation_expiry() -> datetime:
    return timezone.now() + timedelta(days=INVITATION_VALID_DAYS)


class InvitationQuerySet(models.QuerySet):
    def open(self) -> Self:
        """Neither accepted nor revoked nor expired."""
        return self.filter(accepted_at__isnull=True, revoked=False, expires_at__gt=timezone.now())


class Invitation(TimeStamped):
    """An e-mail invitation to join a provider; accepting it creates the membership."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=8, choices=MemberRole.choices)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    expires_at = models.DateTimeField(_("valid until"), default=invitation_expiry)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.provider}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and not self.revoked and self.expires_at > timezone.now()


class ApiScope(models.TextChoices):
    """What an API token may write: one scope per offer kind."""

    JOBS = "jobs:write", _("Write jobs")
    FLATS = "flats:write", _("Write flats")
    KITAS = "kitas:write", _("Write Kitas")
    SCHOOLS = "schools:write", _("Write schools")


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> Self:
        return self.filter(revoked_at__isnull=True)


class ApiToken(TimeStamped):
    """A provider's key for the write API. Only the SHA-256 of the secret is stored."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("beginning of the key"), max_length=16, editable=False)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("permissions"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes
