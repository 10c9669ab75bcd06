from django.core.management.base import BaseCommand

from stadt360.search.indexing import rebuild_index


class Command(BaseCommand):
    help = "Rebuilds the search index from scratch in one transaction and prints counts."

    def handle(self, *args: object, **options: object) -> None:
        counts = rebuild_index()
        for kind, count in sorted(counts.items()):
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(f"total: {sum(counts.values())}")
