"""Permissions of events (autodiscovered by ``rules``), built on accounts' predicates.

An organisation's members manage its events; the innovation centre's staff (groups
``centre-editor`` and ``centre-admin``) manage the centre's own events (organiser empty).

| permission            | object               | who                                                 |
|-----------------------|----------------------|-----------------------------------------------------|
| events.access         | –                    | members of any organisation, centre staff           |
| events.add_event      | provider or None     | its members; for None (the centre) centre staff     |
| events.manage_event   | event or series      | members of its organiser; centre staff if none      |
| events.publish_event  | event                | as manage_event (the service refuses unverified)    |
"""

from typing import Any

import rules

from stadt360.accounts.roles import CENTRE_ROLES
from stadt360.accounts.rules import is_member_of, is_provider_member

CENTRE_GROUPS = tuple(role.value for role in CENTRE_ROLES)


@rules.predicate
def is_centre_staff(user: Any) -> bool:
    """Editor or admin of the innovation centre (cached on the user object for one request)."""
    if not user.is_authenticated:
        return False
    if "_centre_staff" not in user.__dict__:
        user.__dict__["_centre_staff"] = user.groups.filter(name__in=CENTRE_GROUPS).exists()
    return bool(user.__dict__["_centre_staff"])


@rules.predicate
def may_organise_as(user: Any, provider: Any) -> bool:
    """``provider`` None stands for the centre."""
    return is_centre_staff(user) if provider is None else is_member_of(user, provider)


@rules.predicate
def may_manage(user: Any, obj: Any) -> bool:
    return bool(may_organise_as(user, getattr(obj, "organiser", None)))


rules.add_perm("events.access", is_provider_member | is_centre_staff)
rules.add_perm("events.add_event", may_organise_as)
rules.add_perm("events.manage_event", may_manage)
rules.add_perm("events.publish_event", may_manage)
