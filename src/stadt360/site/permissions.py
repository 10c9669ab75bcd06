"""What the centre roles may do on the centre's pages (the groups come from migration 0002).

Centre editors add and change pages below the centre's homepage; they cannot publish, so
"Submit for moderation" sends their drafts through Wagtail's default workflow to centre
admins and city admins. Centre admins publish, schedule, lock and delete there. City
admins hold every page permission on the whole tree (legal pages included).
"""

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from stadt360.accounts.roles import Role

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
ADMIN_PAGE_PERMISSIONS = (
    *EDITOR_PAGE_PERMISSIONS,
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)
APPROVERS = (Role.CENTRE_ADMIN, Role.CITY_ADMIN)
GRANTS = {Role.CENTRE_EDITOR: EDITOR_PAGE_PERMISSIONS, Role.CENTRE_ADMIN: ADMIN_PAGE_PERMISSIONS}


def grant_centre_pages(pages: Iterable[Page]) -> None:
    """Gives the centre roles their page permissions on ``pages`` (and so their subtrees)."""
    for role, codenames in GRANTS.items():
        grant(role, codenames, pages)


def grant(role: Role, codenames: Iterable[str], pages: Iterable[Page]) -> None:
    group = Group.objects.get_or_create(name=role.value)[0]
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=codenames
    )
    for page in pages:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def grant_city_admins_the_tree() -> None:
    """City admins hold every page permission from the tree's root (migration 0002 gives
    them too; here again for a tree built after the root page was missing)."""
    root = Page.get_first_root_node()
    if root is not None:
        grant(Role.CITY_ADMIN, ADMIN_PAGE_PERMISSIONS, [root])


def ensure_moderation_workflow() -> None:
    """Drafts of centre editors go to centre admins and city admins for approval.

    Wagtail's migrations create this workflow on the root page (migration 0002 names its
    approvers); a tree built where it is missing (a flushed database) gets it here."""
    root = Page.get_first_root_node()
    if root is None or WorkflowPage.objects.filter(page=root).exists():
        return
    task = GroupApprovalTask.objects.filter(active=True).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Moderators approval")
    approvers = [Group.objects.get_or_create(name=r.value)[0] for r in APPROVERS]
    task.groups.add(*approvers)
    workflow = Workflow.objects.filter(active=True).first()
    if workflow is None:
        workflow = Workflow.objects.create(name="Moderators approval")
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.create(workflow=workflow, page=root)
