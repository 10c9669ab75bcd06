"""Feed files move from public media to the private storage, under random names.

Files an older install stored under ``MEDIA_ROOT`` are moved (not copied): afterwards no
``/media/`` address serves them. A file already gone is left as it is.
"""

from django.core.files.storage import FileSystemStorage
from django.db import migrations, models

import stadt360.imports.storage
from stadt360.imports.storage import private_storage, random_name

FIELDS = (("FeedSource", "file", "imports/sources"), ("ImportRun", "upload", "imports/runs"))


def move_to_private_storage(apps, schema_editor):
    public, private = FileSystemStorage(), private_storage()
    for model_name, field, folder in FIELDS:
        model = apps.get_model("imports", model_name)
        for obj in model.objects.exclude(**{field: ""}):
            old = getattr(obj, field).name
            if not public.exists(old):
                continue
            with public.open(old, "rb") as stream:
                new = private.save(random_name(folder, old), stream)
            model.objects.filter(pk=obj.pk).update(**{field: new})
            public.delete(old)


class Migration(migrations.Migration):

    dependencies = [
        ('imports', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='feedsource',
            name='file',
            field=models.FileField(blank=True, storage=stadt360.imports.storage.private_storage, upload_to=stadt360.imports.storage.source_file_name, verbose_name='uploaded file'),
        ),
        migrations.AlterField(
            model_name='importrun',
            name='upload',
            field=models.FileField(blank=True, storage=stadt360.imports.storage.private_storage, upload_to=stadt360.imports.storage.run_upload_name, verbose_name='uploaded file'),
        ),
        migrations.RunPython(move_to_private_storage, migrations.RunPython.noop),
    ]
