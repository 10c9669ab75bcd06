"""What every target does for the run loop, and the issue lines they share."""

from typing import Any, Protocol

from django.db import models

from ..adapters.base import Problem, Record
from ..models import ImportIssue, ImportRun, IssueLevel


class Target(Protocol):
    def write(
        self, run: ImportRun, records: list[Record], counts: dict[str, int], *, by: Any
    ) -> list[ImportIssue]:
        """Writes the batch's records (``Action.UPSERT``/``WITHDRAW``), adds to ``counts``
        and returns the issues of what it could not write. Runs inside the batch's
        transaction; a record the services refuse must not undo the others."""
        ...

    def withdraw_missing(self, run: ImportRun, seen: set[str], *, by: Any) -> int:
        """After a whole full feed: withdraws what it imported before and no longer lists."""
        ...

    def taken_over(self, run: ImportRun) -> str:
        """“412 offers taken over (400 new, 12 changed)” — the summary's first part."""
        ...


def issue(
    run: ImportRun, problem: Problem, level: str, record: Record | None = None
) -> ImportIssue:
    return ImportIssue(
        run=run,
        level=level,
        position=record.position[:200] if record else "",
        external_id=record.external_id[:120] if record else "",
        field=problem.field[:80],
        code=problem.code[:40],
        message=problem.message,
    )


def field_issues(
    run: ImportRun, model: type[models.Model], record: Record, errors: dict[str, list[str]]
) -> list[ImportIssue]:
    """One rejected-record line per field error, named by the field's label."""
    return [
        issue(
            run,
            Problem(field_message(model, name, message), name, "invalid"),
            IssueLevel.ERROR,
            record,
        )
        for name, messages in errors.items()
        for message in messages
    ]


def field_message(model: type[models.Model], name: str, message: str) -> str:
    """“Cold rent (€/month): Ensure this value is greater than or equal to 0.”"""
    try:
        label = str(getattr(model._meta.get_field(name), "verbose_name", name))
    except Exception:  # nested rows, __all__
        return message
    return f"{label[:1].upper()}{label[1:]}: {message}"


def held_back_issue(run: ImportRun, message: str) -> ImportIssue:
    return ImportIssue(run=run, level=IssueLevel.WARNING, code="unverified", message=message)


def taken_counts(run: ImportRun) -> dict[str, int]:
    """The numbers of the summary's first part: taken over, of them new and changed."""
    return {"n": run.created + run.updated, "new": run.created, "changed": run.updated}
