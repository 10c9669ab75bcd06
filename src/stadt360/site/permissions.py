"""What the centre roles may do on the centre's pages (the groups come from migration 0002).

Centre editors add and change pages below the centre's homepage; they cannot publish, so
"Submit for moderation" sends their drafts through Wagtail's default workflow to centre
admins and city admins. Centre admins publish, schedule, lock and delete there. City
admins hold every page permission on the whole tree (legal pages included).
"""

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from stadt360.accounts.roles import Role

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
ADMIN_PAGE_PERMISSIONS = (
    *EDITOR_PAGE_PERMISSIONS,
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)
GRANTS = {Role.CENTRE_EDITOR: EDITOR_PAGE_PERMISSIONS, Role.CENTRE_ADMIN: ADMIN_PAGE_PERMISSIONS}


def grant_centre_pages(pages: Iterable[Page]) -> None:
    """Gives the centre roles their page permissions on ``pages`` (and so their subtrees)."""
    for role, codenames in GRANTS.items():
        group = Group.objects.get_or_create(name=role.value)[0]
        permissions = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        )
        for page in pages:
            for permission in permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permission
                )
