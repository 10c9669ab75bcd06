"""The catalogue file format (JSON) and its checks, before anything touches the database.

A file holds anchors, offices and situations; keys are stable identifiers, so
loading the same file twice changes nothing. Offices and anchors are shared:
a situation in one file may use an office defined in another file or already
in the database. Every problem is reported with its file and JSON path, all at
once, so an editor can fix a file in one go. See docs/situations.md.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import conditions
from .graph import find_cycle
from .models import CHILD_ANCHORS, Anchor, Office, Per

type Key = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", max_length=60)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in both languages; German is the default, English must be complete too."""

    de: str
    en: str


class RequiredText(Text):
    de: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]


class Documents(Strict):
    de: list[Annotated[str, Field(min_length=1)]] = []
    en: list[Annotated[str, Field(min_length=1)]] = []


class AnchorIn(Strict):
    key: Key
    label: RequiredText


class OfficeIn(Strict):
    key: Key
    name: RequiredText
    street: str = ""
    postcode: Annotated[str, Field(pattern=r"^(\d{5})?$")] = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    opening_hours: Text = Text(de="", en="")
    to_verify: bool = True
    verification_note: str = ""


class DeadlineIn(Strict):
    anchor: Key
    days: Annotated[int, Field(ge=1, le=3660)]
    direction: Literal["after", "before"] = "after"
    legal: bool = False


class NeedIn(Strict):
    key: Key
    kind: Key
    title: RequiredText
    per: Per = Per.HOUSEHOLD
    condition: dict[str, Any] | None = None
    optional: bool = False
    order: int = 0


class StepIn(Strict):
    key: Key
    title: RequiredText
    description: Text = Text(de="", en="")
    office: Key | None = None
    legal_basis: str = ""
    per: Per = Per.HOUSEHOLD
    condition: dict[str, Any] | None = None
    deadline: DeadlineIn | None = None
    documents: Documents = Documents()
    online_service_url: str = ""
    order: int = 0
    requires: list[Key] = []


class SituationIn(Strict):
    slug: Key
    title: RequiredText
    summary: Text
    description: Text = Text(de="", en="")
    is_published: bool = False
    order: int = 0
    needs: list[NeedIn] = []
    steps: list[StepIn] = []

    @field_validator("summary")
    @classmethod
    def summary_fits(cls, value: Text) -> Text:
        if max(len(value.de), len(value.en)) > 400:
            raise ValueError("at most 400 characters per language")
        return value


class CatalogueFile(Strict):
    format: Literal[1]
    anchors: list[AnchorIn] = []
    offices: list[OfficeIn] = []
    situations: list[SituationIn] = []


@dataclass(frozen=True)
class ParsedFile:
    path: Path
    content: CatalogueFile


class CatalogueError(Exception):
    """A catalogue that cannot be loaded; ``errors`` lists every problem found."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


def parse_file(path: Path) -> tuple[ParsedFile | None, list[str]]:
    """The file's content, or the reasons it is not a catalogue file."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        return None, [f"{path.name}: cannot read the file ({error.strerror or error})"]
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, [f"{path.name}: not valid UTF-8 JSON ({error})"]
    try:
        return ParsedFile(path=path, content=CatalogueFile.model_validate(raw)), []
    except ValidationError as error:
        return None, [
            f"{path.name}: {_location(problem['loc'])}: {problem['msg']}"
            for problem in error.errors()
        ]


def _location(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def reference_errors(files: list[ParsedFile]) -> list[str]:
    """Problems across files: duplicates, unknown offices/anchors/steps, bad rules, cycles."""
    anchors = set(Anchor.objects.values_list("key", flat=True))
    offices = set(Office.objects.values_list("key", flat=True))
    errors: list[str] = []
    seen_slugs: dict[str, str] = {}
    for parsed in files:
        name, content = parsed.path.name, parsed.content
        errors += _duplicates(name, "anchors", [anchor.key for anchor in content.anchors])
        errors += _duplicates(name, "offices", [office.key for office in content.offices])
        anchors |= {anchor.key for anchor in content.anchors}
        offices |= {office.key for office in content.offices}
    for parsed in files:
        for index, situation in enumerate(parsed.content.situations):
            where = f"{parsed.path.name}: situations[{index}] ({situation.slug})"
            if situation.slug in seen_slugs:
                errors.append(f"{where}: slug also defined in {seen_slugs[situation.slug]}")
            seen_slugs[situation.slug] = parsed.path.name
            errors += _situation_errors(where, situation, anchors=anchors, offices=offices)
    return errors


def _duplicates(where: str, field: str, keys: list[str]) -> list[str]:
    doubles = sorted({key for key in keys if keys.count(key) > 1})
    return [f"{where}: {field}: key {key!r} appears more than once" for key in doubles]


def _situation_errors(
    where: str, situation: SituationIn, *, anchors: set[str], offices: set[str]
) -> list[str]:
    errors = _duplicates(where, "needs", [need.key for need in situation.needs])
    errors += _duplicates(where, "steps", [step.key for step in situation.steps])
    for index, need in enumerate(situation.needs):
        errors += _condition_errors(
            f"{where}.needs[{index}] ({need.key})", need.condition, per=need.per
        )
    step_keys = {step.key for step in situation.steps}
    for index, step in enumerate(situation.steps):
        at = f"{where}.steps[{index}] ({step.key})"
        errors += _condition_errors(at, step.condition, per=step.per)
        if step.office and step.office not in offices:
            errors.append(f"{at}: office {step.office!r} is not defined")
        if step.deadline and step.deadline.anchor not in anchors:
            errors.append(f"{at}: deadline anchor {step.deadline.anchor!r} is not defined")
        if (
            step.deadline
            and step.deadline.anchor in CHILD_ANCHORS
            and step.per not in Per.per_child()
        ):
            errors.append(
                f"{at}: anchor {step.deadline.anchor!r} needs a step that repeats per child"
            )
        if len(step.documents.de) != len(step.documents.en):
            errors.append(f"{at}: documents: German and English lists differ in length")
        errors += [
            f"{at}: requires unknown step {key!r}" for key in step.requires if key not in step_keys
        ]
    edges = {step.key: set(step.requires) for step in situation.steps}
    if cycle := find_cycle(edges):
        errors.append(f"{where}: steps depend on each other in a cycle: {' → '.join(cycle)}")
    return errors


def _condition_errors(where: str, rule: dict[str, Any] | None, *, per: Per) -> list[str]:
    facts = conditions.ALL_FACTS if per in Per.per_child() else conditions.HOUSEHOLD_FACTS
    return [f"{where}: {message}" for message in conditions.rule_errors(rule, facts=facts)]
