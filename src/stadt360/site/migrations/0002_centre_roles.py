"""The centre roles as groups, with what they may do in /cms/ (docs/permissions.md).

Page permissions on the whole tree go to city admins here (the tree root exists). The
centre roles get theirs on the centre's pages when those are created
(``site.permissions.grant_centre_pages``, run by ``setup_demo``). Wagtail's default
moderation workflow is approved by centre admins and city admins instead of Wagtail's
own "Moderators" group, so a centre editor's draft goes to them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CENTRE_EDITOR, CENTRE_ADMIN, CITY_ADMIN = "centre-editor", "centre-admin", "city-admin"
ALL = (CENTRE_EDITOR, CENTRE_ADMIN, CITY_ADMIN)
IMAGES = ("add_image", "change_image", "choose_image", "delete_image")
DOCUMENTS = ("add_document", "change_document", "choose_document", "delete_document")
TOPICS = ("add_newstopic", "change_newstopic", "delete_newstopic", "view_newstopic")
PAGE = ("add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page")


def _permissions(apps, app_label, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


def create_roles(apps, schema_editor):
    for label in ("site", "wagtailimages", "wagtaildocs", "wagtailadmin", "wagtailcore"):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ALL}
    admin_access = _permissions(apps, "wagtailadmin", ["access_admin"])
    topics = _permissions(apps, "site", TOPICS)
    for name, group in groups.items():
        group.permissions.add(*admin_access)
        if name != CENTRE_EDITOR:
            group.permissions.add(*topics)
    _grant_collections(apps, groups.values())
    _grant_tree(apps, groups[CITY_ADMIN])
    _moderators(apps, [groups[CENTRE_ADMIN], groups[CITY_ADMIN]])


def _grant_collections(apps, groups):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    wanted = [*_permissions(apps, "wagtailimages", IMAGES)]
    wanted += [*_permissions(apps, "wagtaildocs", DOCUMENTS)]
    for group in groups:
        for permission in wanted:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


def _grant_tree(apps, group):
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()
    if root is None:  # a flushed test database: site.seed grants it when it builds the tree
        return
    for permission in _permissions(apps, "wagtailcore", PAGE):
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def _moderators(apps, groups):
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    for task in GroupApprovalTask.objects.all():
        task.groups.add(*groups)
        task.groups.remove(*task.groups.filter(name="Moderators"))


class Migration(migrations.Migration):
    dependencies = [
        ("site", "0001_initial"),
        ("accounts", "0002_role_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
