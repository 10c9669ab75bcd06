"""Every permission of the platform, declared once with ``rules``.

Views (portal, back office) and the write API ask ``user.has_perm(name, obj)``; nothing
else decides who may do what. Object permissions take the object they are about:
an offer (job, flat, Kita, school), a provider, or nothing for global ones.

| permission                    | object   | who                                              |
|-------------------------------|----------|--------------------------------------------------|
| portal.access                 | –        | members of any provider                          |
| providers.register            | –        | any signed-in person                             |
| providers.view_provider       | provider | its members                                      |
| providers.change_provider     | provider | its admins                                       |
| providers.manage_members      | provider | its admins                                       |
| providers.view_audit          | provider | its admins, city staff                           |
| offers.add_offer              | provider | its members                                      |
| offers.change_offer           | offer    | members of the offer's provider                  |
| offers.publish_offer          | offer    | members of the offer's provider, once verified   |
| offers.archive_offer          | offer    | members of the offer's provider                  |
| backoffice.access             | –        | city moderators and admins                       |
| backoffice.verify_provider    | provider | city moderators and admins                       |
| backoffice.view_audit         | –        | city moderators and admins                       |
| backoffice.manage_roles       | –        | city admins                                      |
"""

from typing import Any

import rules

from .roles import Role


def _in_group(user: Any, role: Role) -> bool:
    return bool(user.is_authenticated and user.groups.filter(name=role.value).exists())


def provider_roles(user: Any) -> dict[int, str]:
    """``{provider_id: role}`` of the user's memberships, cached on the user object (one request)."""
    if not user.is_authenticated:
        return {}
    if "_provider_roles" not in user.__dict__:
        from stadt360.providers.models import Membership

        pairs = Membership.objects.filter(user=user).values_list("provider_id", "role")
        user.__dict__["_provider_roles"] = dict(pairs)
    return user.__dict__["_provider_roles"]


def _membership_role(user: Any, provider: Any) -> str | None:
    return None if provider is None else provider_roles(user).get(provider.pk)


def _provider_of(obj: Any) -> Any:
    return getattr(obj, "provider", obj)


@rules.predicate
def is_city_admin(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or _in_group(user, Role.CITY_ADMIN)))


@rules.predicate
def is_city_moderator(user: Any) -> bool:
    return _in_group(user, Role.CITY_MODERATOR)


is_city_staff = is_city_admin | is_city_moderator


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user.is_authenticated)


@rules.predicate
def is_provider_member(user: Any) -> bool:
    """Member of at least one organisation: may enter the provider portal."""
    return bool(provider_roles(user))


@rules.predicate
def is_member_of(user: Any, obj: Any) -> bool:
    """Member (admin or editor) of the provider ``obj`` is, or of the provider ``obj`` belongs to."""
    return _membership_role(user, _provider_of(obj)) is not None


@rules.predicate
def is_provider_admin_of(user: Any, obj: Any) -> bool:
    return _membership_role(user, _provider_of(obj)) == "admin"


@rules.predicate
def provider_is_verified(user: Any, obj: Any) -> bool:
    provider = _provider_of(obj)
    return bool(provider is not None and provider.verified)


can_edit_offer = is_member_of
can_publish_offer = is_member_of & provider_is_verified
can_verify_provider = is_city_staff
can_view_audit = is_provider_admin_of | is_city_staff

rules.add_perm("portal.access", is_provider_member)
rules.add_perm("providers.register", is_signed_in)
rules.add_perm("providers.view_provider", is_member_of)
rules.add_perm("providers.change_provider", is_provider_admin_of)
rules.add_perm("providers.manage_members", is_provider_admin_of)
rules.add_perm("providers.view_audit", can_view_audit)
rules.add_perm("offers.add_offer", is_member_of)
rules.add_perm("offers.change_offer", can_edit_offer)
rules.add_perm("offers.publish_offer", can_publish_offer)
rules.add_perm("offers.archive_offer", can_edit_offer)
rules.add_perm("backoffice.access", is_city_staff)
rules.add_perm("backoffice.verify_provider", can_verify_provider)
rules.add_perm("backoffice.view_audit", is_city_staff)
rules.add_perm("backoffice.manage_roles", is_city_admin)


def forget_cached_roles(user: Any) -> None:
    """Drop the per-object cache after memberships of ``user`` changed."""
    user.__dict__.pop("_provider_roles", None)
