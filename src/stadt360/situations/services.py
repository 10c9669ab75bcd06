"""Writes to the catalogue: loading catalogue files and changing step requirements.

``load_catalogue`` is an idempotent upsert by key: it checks every file first,
then writes all of them in one transaction, so a broken file never leaves a
half-loaded catalogue. Needs and steps of a loaded situation that are no longer
in its file are deleted (the file is the truth for that situation); offices and
anchors are shared between files and are never deleted here.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from .catalogue import (
    CatalogueError,
    ParsedFile,
    SituationIn,
    StepIn,
    Text,
    parse_file,
    reference_errors,
)
from .models import Anchor, Need, Office, Situation, Step, check_requirements

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class LoadReport:
    """What a load did, per model: created / updated / unchanged / deleted counts."""

    files: list[Path] = field(default_factory=list)
    counts: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, model: str, outcome: str, number: int = 1) -> None:
        self.counts.setdefault(model, Counter())[outcome] += number

    @property
    def changed(self) -> bool:
        return any(c["created"] or c["updated"] or c["deleted"] for c in self.counts.values())

    def lines(self) -> list[str]:
        return [
            f"{model}: "
            + ", ".join(f"{counter[o]} {o}" for o in ("created", "updated", "unchanged", "deleted"))
            for model, counter in self.counts.items()
        ]


def load_catalogue(*, paths: Sequence[Path | str] | None = None) -> LoadReport:
    """Check and load catalogue files (default: every ``situations/data/*.json``).

    Raises CatalogueError listing every problem; nothing is written then.
    """
    files = [Path(path) for path in paths] if paths else sorted(DATA_DIR.glob("*.json"))
    parsed, errors = [], []
    for path in files:
        content, problems = parse_file(path)
        errors += problems
        if content:
            parsed.append(content)
    errors += reference_errors(parsed)
    if errors:
        raise CatalogueError(errors)
    report = LoadReport(files=files)
    with transaction.atomic():
        for content in parsed:
            _write_file(content, report)
    return report


def _write_file(parsed: ParsedFile, report: LoadReport) -> None:
    content = parsed.content
    for anchor in content.anchors:
        _, outcome = _upsert(Anchor, lookup={"key": anchor.key}, values=_texts(label=anchor.label))
        report.add("anchors", outcome)
    for office in content.offices:
        values = office.model_dump(exclude={"key", "name", "opening_hours"})
        values |= _texts(name=office.name, opening_hours=office.opening_hours)
        _, outcome = _upsert(Office, lookup={"key": office.key}, values=values)
        report.add("offices", outcome)
    for situation in content.situations:
        _write_situation(situation, report)


def _write_situation(data: SituationIn, report: LoadReport) -> None:
    values: dict[str, Any] = {"is_published": data.is_published, "order": data.order}
    values |= _texts(title=data.title, summary=data.summary, description=data.description)
    situation, outcome = _upsert(Situation, lookup={"slug": data.slug}, values=values)
    report.add("situations", outcome)
    for need in data.needs:
        values = need.model_dump(include={"kind", "per", "condition", "optional", "order"})
        _, outcome = _upsert(
            Need,
            lookup={"situation": situation, "key": need.key},
            values=values | _texts(title=need.title),
        )
        report.add("needs", outcome)
    stale_needs = situation.needs.exclude(key__in=[need.key for need in data.needs])
    report.add("needs", "deleted", stale_needs.delete()[1].get(Need._meta.label, 0))
    stale_steps = situation.steps.exclude(key__in=[step.key for step in data.steps])
    report.add("steps", "deleted", stale_steps.delete()[1].get(Step._meta.label, 0))
    steps = {step.key: _write_step(situation, step, report) for step in data.steps}
    for step in data.steps:
        wanted = {steps[key][0] for key in step.requires}
        current, outcome = steps[step.key]
        if set(current.requires.all()) != wanted:
            current.requires.set(wanted)
            outcome = "created" if outcome == "created" else "updated"
        report.add("steps", outcome)


def _write_step(situation: Situation, data: StepIn, report: LoadReport) -> tuple[Step, str]:
    deadline = data.deadline
    values: dict[str, Any] = {
        "office": Office.objects.get(key=data.office) if data.office else None,
        "legal_basis": data.legal_basis,
        "per": data.per,
        "condition": data.condition,
        "deadline_anchor": Anchor.objects.get(key=deadline.anchor) if deadline else None,
        "deadline_days": deadline.days if deadline else None,
        "deadline_direction": deadline.direction if deadline else "",
        "deadline_is_legal": deadline.legal if deadline else False,
        "online_service_url": data.online_service_url,
        "order": data.order,
        "documents_de": "\n".join(data.documents.de),
        "documents_en": "\n".join(data.documents.en),
    }
    values |= _texts(title=data.title, description=data.description)
    return _upsert(Step, lookup={"situation": situation, "key": data.key}, values=values)


def _texts(**texts: Text) -> dict[str, str]:
    return {
        f"{name}_{lang}": getattr(text, lang)
        for name, text in texts.items()
        for lang in ("de", "en")
    }


def _upsert[M: models.Model](
    model: type[M], *, lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[M, str]:
    """Create or update one row by its key; 'unchanged' when every value is already equal."""
    instance = model._default_manager.filter(**lookup).first()
    outcome = "unchanged"
    if instance is None:
        instance, outcome = model(**lookup), "created"
    changed = {name: value for name, value in values.items() if getattr(instance, name) != value}
    if outcome == "created" or changed:
        for name, value in changed.items():
            setattr(instance, name, value)
        try:
            instance.full_clean()
        except ValidationError as error:
            where = f"{model._meta.model_name} {' '.join(str(v) for v in lookup.values())}"
            raise CatalogueError([f"{where}: {error.messages}; nothing was written"]) from error
        instance.save()
        outcome = "created" if outcome == "created" else "updated"
    return instance, outcome


def set_step_requirements(*, step: Step, requires: Iterable[Step]) -> Step:
    """Replace what ``step`` waits for; rejects other situations' steps and cycles."""
    requires = list(requires)
    with transaction.atomic():
        check_requirements(step=step, requires=requires)
        step.requires.set(requires)
    return step
