from django.core.management.base import BaseCommand

from stadt360.imports.retention import purge_import_files


class Command(BaseCommand):
    help = (
        "Deletes uploaded feed files of runs finished more than IMPORT_FILE_RETENTION_DAYS "
        "ago; the runs and their reports stay (run daily)."
    )

    def handle(self, *args: object, **options: object) -> None:
        purged = purge_import_files()
        self.stdout.write(f"{purged} import files deleted")
