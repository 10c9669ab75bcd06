"""Writes about who works for an organisation and whether the city trusts it.

Registration, invitations, member removal and the city's verification. Every function
takes the acting person (``by``), runs in one transaction, writes an audit entry and
sends its e-mail only after the commit.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from stadt360.accounts.roles import Role, group
from stadt360.accounts.rules import forget_cached_roles
from stadt360.cooperation.services import hold_back_posts
from stadt360.core import audit
from stadt360.core.data.reference import postcode_centroid
from stadt360.core.geo import district_for_postcode
from stadt360.events.services import hold_back_events
from stadt360.offers.services import hold_back_provider

from .models import Invitation, MemberRole, Membership, Provider
from .services import create_provider


def register_provider(*, by: Any, data: Mapping[str, Any]) -> Provider:
    """An organisation registered by ``by``, who becomes its admin; unverified until the city checks it."""
    with transaction.atomic():
        provider = create_provider(name=data["name"], kind=data["kind"], by=by)
        update_provider(provider=provider, data=data, by=by)
        _add_member(provider=provider, user=by, role=MemberRole.ADMIN, by=by)
    return provider


def _add_member(*, provider: Provider, user: Any, role: str, by: Any) -> Membership:
    membership, created = Membership.objects.get_or_create(
        provider=provider, user=user, defaults={"role": role}
    )
    if not created and membership.role != role:
        old = membership.role
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
        audit.record(membership, "membership.role_changed", by=by, changes={"role": [old, role]})
    elif created:
        audit.record(
            membership,
            "membership.added",
            by=by,
            changes={"user": [None, user.email], "role": [None, role]},
        )
    _sync_provider_groups(user)
    return membership


def _sync_provider_groups(user: Any) -> None:
    """The provider-role groups mirror "has this role in some organisation"."""
    forget_cached_roles(user)
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    for member_role, role in (
        (MemberRole.ADMIN, Role.PROVIDER_ADMIN),
        (MemberRole.EDITOR, Role.PROVIDER_EDITOR),
    ):
        if member_role in roles:
            user.groups.add(group(role))
        else:
            user.groups.remove(group(role))


def invite_member(
    *, provider: Provider, email: str, role: str, by: Any, link: Callable[[Invitation], str]
) -> Invitation:
    """An invitation e-mail with a link valid for ``INVITATION_VALID_DAYS`` days.

    ``link`` builds the absolute accept URL from the invitation (the caller knows the host).
    """
    email = email.strip().lower()
    if Membership.objects.filter(provider=provider, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    with transaction.atomic():
        invitation = Invitation.objects.create(
            provider=provider, email=email, role=role, invited_by=by
        )
        audit.record(
            invitation,
            "invitation.sent",
            by=by,
            changes={"email": [None, email], "role": [None, role]},
        )
        transaction.on_commit(lambda: _mail_invitation(invitation, link(invitation)))
    return invitation


def _mail_invitation(invitation: Invitation, accept_url: str) -> None:
    context = {"invitation": invitation, "accept_url": accept_url}
    send_mail(
        subject=_("Invitation to %(provider)s on Gera 360°")
        % {"provider": invitation.provider.name},
        message=render_to_string("providers/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )


def accept_invitation(*, invitation: Invitation, by: Any) -> Membership:
    """Turns an open invitation into a membership of the signed-in person ``by``.

    The invitation is bound to its e-mail address: someone else who got hold of the link
    cannot use it.
    """
    if not invitation.is_open:
        raise ValidationError(_("This invitation has expired or was already used."))
    if by.email.lower() != invitation.email.lower():
        raise PermissionDenied(_("This invitation was sent to another e-mail address."))
    with transaction.atomic():
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at", "updated_at"])
        audit.record(
            invitation,
            "invitation.accepted",
            by=by,
            changes={"accepted_at": [None, str(invitation.accepted_at)]},
        )
        return _add_member(provider=invitation.provider, user=by, role=invitation.role, by=by)


def revoke_invitation(*, invitation: Invitation, by: Any) -> None:
    with transaction.atomic():
        invitation.revoked = True
        invitation.save(update_fields=["revoked", "updated_at"])
        audit.record(invitation, "invitation.revoked", by=by, changes={"revoked": [False, True]})


def remove_member(*, membership: Membership, by: Any) -> None:
    """Removes a member; the last admin cannot be removed (the organisation would be orphaned)."""
    if membership.role == MemberRole.ADMIN and _admin_count(membership.provider) <= 1:
        raise ValidationError(_("An organisation needs at least one administrator."))
    with transaction.atomic():
        user = membership.user
        audit.record(
            membership,
            "membership.removed",
            by=by,
            changes={"user": [user.email, None], "role": [membership.role, None]},
        )
        membership.delete()
        _sync_provider_groups(user)


def change_member_role(*, membership: Membership, role: str, by: Any) -> Membership:
    """Makes a member editor or administrator; an organisation keeps at least one admin."""
    if role not in MemberRole.values:
        raise ValidationError(_("Choose a valid role."))
    with transaction.atomic():
        admins = Membership.objects.select_for_update().filter(
            provider=membership.provider, role=MemberRole.ADMIN
        )
        last_admin = list(admins.values_list("pk", flat=True)) == [membership.pk]
        if last_admin and role != MemberRole.ADMIN:
            raise ValidationError(_("An organisation needs at least one administrator."))
        return _add_member(provider=membership.provider, user=membership.user, role=role, by=by)


def _admin_count(provider: Provider) -> int:
    return Membership.objects.filter(provider=provider, role=MemberRole.ADMIN).count()


def review_provider(*, provider: Provider, approve: bool, note: str, by: Any) -> Provider:
    """The city's decision on a registered organisation; its admins are told by e-mail."""
    with transaction.atomic():
        before = audit.snapshot(provider, ["verified", "rejected", "review_note"])
        provider.verified, provider.rejected = approve, not approve
        provider.review_note = note
        provider.reviewed_at, provider.reviewed_by = timezone.now(), by
        provider.save(
            update_fields=[
                "verified",
                "rejected",
                "review_note",
                "reviewed_at",
                "reviewed_by",
                "updated_at",
            ]
        )
        after = audit.snapshot(provider, ["verified", "rejected", "review_note"])
        action = "provider.verified" if approve else "provider.rejected"
        audit.record(
            provider, action, by=by, provider=provider, changes=audit.changes_between(before, after)
        )
        if not approve:
            # Nothing of a rejected organisation stays public, also what it published
            # while it was verified (the rule on writes alone would leave it online).
            hold_back_provider(provider=provider, by=by, via="review")
            hold_back_posts(provider=provider, by=by, via="review")
            hold_back_events(provider=provider, by=by, via="review")
        transaction.on_commit(lambda: _mail_review(provider))
    return provider


def _mail_review(provider: Provider) -> None:
    admins = Membership.objects.filter(provider=provider, role=MemberRole.ADMIN)
    recipients = list(admins.values_list("user__email", flat=True))
    if not recipients:
        return
    if provider.verified:
        subject = _("%(provider)s is verified on Gera 360°")
    else:
        subject = _("%(provider)s could not be verified on Gera 360°")
    send_mail(
        subject=subject % {"provider": provider.name},
        message=render_to_string("providers/email/review.txt", {"provider": provider}),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )


def update_provider(*, provider: Provider, data: Mapping[str, Any], by: Any) -> Provider:
    """An admin edits the organisation's contact details (name and kind stay as verified)."""
    fields = [
        name for name in ("street", "postcode", "city", "email", "phone", "website") if name in data
    ]
    with transaction.atomic():
        before = audit.snapshot(provider, fields)
        for name in fields:
            setattr(provider, name, data[name])
        if "postcode" in fields and before["postcode"] != provider.postcode:
            provider.latitude, provider.longitude = postcode_centroid(provider.postcode)
            provider.district = district_for_postcode(provider.postcode)
        provider.full_clean()
        provider.save()
        changes = audit.changes_between(before, audit.snapshot(provider, fields))
        if changes:
            audit.record(provider, "provider.updated", by=by, provider=provider, changes=changes)
    return provider
