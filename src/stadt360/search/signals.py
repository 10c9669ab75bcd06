"""Index maintenance after every write: the one place that uses signals.

Write services call ``schedule_reindex(obj)``; the receivers cover writes that bypass them
(admin, shell, imports). Both enqueue the task only after the transaction commits, so a
rolled-back write never reaches the index. A queryset ``update()`` sends no signal:
callers of such bulk writes call ``schedule_reindex`` or ``rebuild_search_index``.
"""

from functools import partial

from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

from .registry import registry


def schedule_reindex(obj: models.Model) -> bool:
    """Enqueues re-indexing of ``obj`` after commit; False when its kind is not indexed."""
    kind = registry.for_model(type(obj))
    if kind is None:
        return False
    transaction.on_commit(partial(_enqueue, kind.name, obj.pk))
    return True


def _enqueue(kind: str, pk: int) -> None:
    from .tasks import reindex_object_task

    reindex_object_task.enqueue(kind, pk)


def _on_write(sender: type[models.Model], instance: models.Model, **kwargs: object) -> None:
    if not kwargs.get("raw"):
        schedule_reindex(instance)


def connect_receivers() -> None:
    for kind in registry:
        uid = f"search-{kind.name}"
        post_save.connect(_on_write, sender=kind.model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_write, sender=kind.model, dispatch_uid=f"{uid}-delete")
