"""Writes about people: their city role (a group), account deletion, storage limits."""

import logging
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from stadt360.core import audit
from stadt360.providers.models import MemberRole, Membership, Provider

from .privacy import Person, data_kinds, retention_rules
from .roles import CITY_ROLES, Role, group
from .rules import forget_cached_roles, is_city_admin

logger = logging.getLogger(__name__)


def set_city_role(*, user: Any, role: str | None, by: Any) -> None:
    """Gives ``user`` exactly this city role (or none); city admins call it in the back office."""
    before = sorted(g.name for g in user.groups.filter(name__in=CITY_ROLES))
    after = [role] if role else []
    if before == after:
        return
    with transaction.atomic():
        for city_role in CITY_ROLES:
            if city_role.value == role:
                user.groups.add(group(Role(role)))
            else:
                user.groups.remove(group(city_role))
        audit.record(
            user,
            "user.city_role_changed",
            by=by,
            provider=None,
            changes={"city_roles": [before, after]},
        )


def organisations_of_sole_admin(user: Any) -> tuple[list[Provider], list[Provider]]:
    """``(blocking, left_alone)``: organisations where ``user`` is the only administrator.

    *blocking* have other members: one of them must become administrator before the account
    can go, or the organisation would have nobody allowed to manage it. *left_alone* have no
    other member: they stay with their offers (they are the organisation's, not the
    person's) and the city can archive them or hand them to someone new.
    """
    administered = Membership.objects.filter(user=user, role=MemberRole.ADMIN)
    admins = Count("memberships", filter=Q(memberships__role=MemberRole.ADMIN))
    sole = (
        Provider.objects.filter(pk__in=administered.values("provider"))
        .annotate(admins=admins, members=Count("memberships"))
        .filter(admins=1)
    )
    blocking: list[Provider] = []
    left_alone: list[Provider] = []
    for provider in sole:
        (blocking if provider.members > 1 else left_alone).append(provider)
    return blocking, left_alone


def is_last_city_admin(user: Any) -> bool:
    """Whether no other active account could verify organisations and manage roles."""
    if not is_city_admin(user):
        return False
    admins = Q(is_superuser=True) | Q(groups__name=Role.CITY_ADMIN.value)
    others = type(user).objects.filter(admins, is_active=True).exclude(pk=user.pk)
    return not others.exists()


def delete_account(*, user: Any, by: Any) -> None:
    """Deletes ``user`` and everything personal linked to it, in one transaction (Art. 17).

    Each app's registered ``erase`` deletes or anonymises its rows (audit entries keep the
    fact, with a placeholder instead of the person); then the user row goes. Refused while
    the person is the only administrator of an organisation that has other members, or
    the city's last administrator.
    """
    if by.pk != user.pk and not is_city_admin(by):
        raise PermissionDenied(_("Only the person themselves can delete this account."))
    with transaction.atomic():
        if is_last_city_admin(user):
            raise ValidationError(
                _(
                    "You are the city's last administrator. Please make another person "
                    "city administrator first, then delete your account."
                )
            )
        blocking, left_alone = organisations_of_sole_admin(user)
        if blocking:
            names = ", ".join(provider.name for provider in blocking)
            raise ValidationError(
                _(
                    "You are the only administrator of %(names)s. Please make another member "
                    "administrator first, then delete your account."
                )
                % {"names": names}
            )
        # Written first so that the erasure below anonymises it like every other entry.
        audit.record(
            user,
            "user.deleted",
            by=by,
            provider=None,
            changes={"organisations_left_without_members": [[p.pk for p in left_alone], []]},
        )
        person = Person.of(user)
        for entry in data_kinds():
            entry.erase(person)
        user.delete()
    forget_cached_roles(user)


def apply_retention(*, now: datetime | None = None) -> dict[str, int]:
    """Applies every registered storage limit; returns how many rows each one changed."""
    now = now or timezone.now()
    counts = {}
    for rule in retention_rules():
        with transaction.atomic():
            counts[rule.key] = rule.apply(now - timedelta(days=rule.days))
        logger.info("retention %s: %d rows (%d days)", rule.key, counts[rule.key], rule.days)
    return counts
