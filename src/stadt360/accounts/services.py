"""Writes about people: their city role (a group), audited."""

from typing import Any

from django.db import transaction

from stadt360.core import audit

from .roles import CITY_ROLES, Role, group


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
