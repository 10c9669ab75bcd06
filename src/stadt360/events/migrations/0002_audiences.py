from django.db import migrations

AUDIENCES = [
    ("everyone", "Alle", "Everyone"),
    ("pupils", "Schülerinnen und Schüler", "Pupils"),
    ("students", "Studierende", "Students"),
    ("companies", "Unternehmen", "Companies"),
]


def seed(apps, schema_editor):
    Audience = apps.get_model("events", "Audience")
    for position, (slug, name_de, name_en) in enumerate(AUDIENCES):
        Audience.objects.update_or_create(
            slug=slug,
            defaults={"name": name_de, "name_de": name_de, "name_en": name_en, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
