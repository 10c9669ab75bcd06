"""Roles are Django groups; their names live here and nowhere else.

City roles are plain group memberships. Provider roles are per organisation
(``providers.Membership``); the matching groups only mirror "has this role somewhere",
so the admin and reports can list provider staff without joining memberships.
"""

from django.contrib.auth.models import Group
from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class Role(TextChoices):
    CITY_ADMIN = "city-admin", _("City administrator")
    CITY_MODERATOR = "city-moderator", _("City moderator")
    PROVIDER_ADMIN = "provider-admin", _("Provider administrator")
    PROVIDER_EDITOR = "provider-editor", _("Provider editor")
    RESIDENT = "resident", _("Resident")
    # Editorial pages in /cms/ (Wagtail page permissions: site.permissions, docs/permissions.md).
    CENTRE_EDITOR = "centre-editor", _("Innovation centre editor")
    CENTRE_ADMIN = "centre-admin", _("Innovation centre administrator")


CITY_ROLES = (Role.CITY_ADMIN, Role.CITY_MODERATOR)
PROVIDER_ROLES = (Role.PROVIDER_ADMIN, Role.PROVIDER_EDITOR)
CENTRE_ROLES = (Role.CENTRE_EDITOR, Role.CENTRE_ADMIN)


def group(role: Role) -> Group:
    """The group of ``role``, created on first use (the data migration creates them too)."""
    return Group.objects.get_or_create(name=role.value)[0]
