from django.db import migrations

TOPICS = [
    ("innovationszentrum", "Innovationszentrum & Veranstaltungen", "Innovation centre & events"),
    ("wirtschaft", "Wirtschaft in Gera", "Business in Gera"),
    ("foerderprogramme", "Förderprogramme", "Funding programmes"),
    ("ki-daten", "KI & Daten", "AI & data"),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("newsletter", "Topic")
    for position, (slug, title_de, title_en) in enumerate(TOPICS):
        Topic.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title_de,
                "title_de": title_de,
                "title_en": title_en,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("newsletter", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
