"""Who writes and sends newsletter issues in /cms/: centre editors write them, centre admins
and city admins also send them (docs/permissions.md)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITE = ("add_issue", "change_issue", "view_issue")
SEND = (*WRITE, "delete_issue", "send_issue")
ROLES = {"centre-editor": WRITE, "centre-admin": SEND, "city-admin": SEND}


def grant(apps, schema_editor):
    config = apps.get_app_config("newsletter")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group = Group.objects.get_or_create(name=name)[0]
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="newsletter", codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [("newsletter", "0002_topics"), ("site", "0002_centre_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
