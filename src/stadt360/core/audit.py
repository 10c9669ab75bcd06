"""The audit log: every write records who, when, what and which fields changed.

Services call ``record`` inside their transaction, so an audit entry exists exactly when
the write it describes was committed.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete field values of ``obj`` (foreign keys as ids), for ``changes_between``."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    return {name: getattr(obj, name) for name in names}


def changes_between(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value differs (JSON-safe strings)."""
    return {
        name: [_plain(before.get(name)), _plain(value)]
        for name, value in after.items()
        if before.get(name) != value
    }


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


def record(
    obj: models.Model,
    action: str,
    *,
    by: Any = None,
    via: str = "",
    provider: Any = None,
    changes: Mapping[str, list[Any]] | None = None,
) -> AuditEntry:
    """Writes one audit entry for ``action`` on ``obj``.

    ``by`` is the acting user (None for the system), ``via`` names the channel when it is
    not a person in the portal ("api-token:3", "import-run:12"), ``provider`` the
    organisation whose admins may read the entry (defaults to ``obj.provider``).
    """
    user = by if getattr(by, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        via=via,
        provider=provider if provider is not None else getattr(obj, "provider", None),
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action=action,
        changes=dict(changes or {}),
    )
