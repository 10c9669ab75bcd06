"""Import runs remember who started them. Registered with ``accounts.privacy``.

Uploaded feed files and their retention belong to the imports' own storage rules.
"""

from stadt360.accounts.privacy import PersonalData, forget, register, rows

from .models import ImportRun

register(
    PersonalData(
        key="import_runs",
        models=("imports.ImportRun",),
        export=lambda person: rows(
            ImportRun.objects.filter(started_by=person.user),
            ["provider__name", "format", "file_name", "url", "status", "queued_at"],
        ),
        erase=lambda person: forget(ImportRun, "started_by", person),
    )
)
