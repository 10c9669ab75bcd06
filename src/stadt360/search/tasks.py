"""Background work of the search index."""

from django.tasks import task

from .indexing import reindex_object


@task()
def reindex_object_task(kind: str, pk: int) -> bool:
    """Re-indexes one object (or removes it when it is no longer visible)."""
    return reindex_object(kind, pk)
