"""Response and query shapes of the life-situation API.

Texts come in the active language (Accept-Language); offices carry
``to_verify`` so clients can say when contact data is not yet confirmed.
"""

import datetime
import re
from typing import Any, Self

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import field_validator, model_validator
from pydantic_core import PydanticCustomError

from stadt360.situations.models import Need, Office, Situation, Step
from stadt360.situations.selectors import Child, ConcreteNeed, Household, PlannedStep

MAX_PEOPLE = 12
EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2200, 12, 31)
LIMITS = {"first": EARLIEST.isoformat(), "last": LATEST.isoformat()}
ANCHOR_PATTERN = re.compile(r"^(?P<key>[a-z0-9]+(?:[-_][a-z0-9]+)*):(?P<date>\d{4}-\d{2}-\d{2})$")


def invalid(message: str) -> PydanticCustomError:
    """A 422 item whose msg is exactly ``message`` (no "Value error, " prefix), translated."""
    return PydanticCustomError("value_error", "{message}", {"message": message})


class SituationListItem(Schema):
    slug: str = Field(..., examples=["neu-in-gera"])
    title: str = Field(..., examples=["Neu in Gera: Arbeit, Wohnen, Kinderbetreuung"])
    summary: str

    @classmethod
    def of(cls, situation: Situation) -> Self:
        return cls(slug=situation.slug, title=situation.title, summary=situation.summary or "")


class OfficeOut(Schema):
    key: str = Field(..., examples=["buergeramt-gera"])
    name: str
    address: str = Field(..., examples=["Gagarinstraße 99/101, Gera"])
    phone: str
    email: str
    website: str
    opening_hours: str
    to_verify: bool = Field(
        ..., description="Contact data not yet checked against an official source."
    )

    @classmethod
    def of(cls, office: Office | None) -> Self | None:
        if office is None:
            return None
        return cls(
            key=office.key,
            name=office.name,
            address=office.address_line,
            phone=office.phone,
            email=office.email,
            website=office.website,
            opening_hours=office.opening_hours or "",
            to_verify=office.to_verify,
        )


class DeadlineOut(Schema):
    anchor: str = Field(..., examples=["move_in"])
    days: int = Field(..., examples=[14])
    direction: str = Field(..., examples=["after"])
    is_legal: bool = Field(..., description="Set by law; false means a recommendation.")
    text: str = Field(..., examples=["innerhalb von 14 Tagen nach dem Einzug"])

    @classmethod
    def of(cls, step: Step) -> Self | None:
        if step.deadline_anchor is None or step.deadline_days is None:
            return None
        return cls(
            anchor=step.deadline_anchor.key,
            days=step.deadline_days,
            direction=step.deadline_direction,
            is_legal=step.deadline_is_legal,
            text=step.deadline_text(),
        )


class NeedOut(Schema):
    key: str = Field(..., examples=["kita-place"])
    kind: str = Field(..., examples=["kita_place"])
    title: str
    per: str = Field(..., examples=["child_under_school_age"])
    optional: bool

    @classmethod
    def of(cls, need: Need) -> Self:
        return cls(
            key=need.key, kind=need.kind, title=need.title, per=need.per, optional=need.optional
        )


class StepOut(Schema):
    key: str = Field(..., examples=["anmeldung"])
    title: str
    description: str
    per: str = Field(..., examples=["household"])
    conditional: bool = Field(..., description="Applies only to some households.")
    office: OfficeOut | None
    legal_basis: str = Field(..., examples=["§ 17 Abs. 1 BMG"])
    deadline: DeadlineOut | None
    documents: list[str]
    online_service_url: str
    requires: list[str] = Field(..., examples=[["wohnungsgeberbestaetigung"]])

    @classmethod
    def of(cls, step: Step) -> Self:
        return cls(
            key=step.key,
            title=step.title,
            description=step.description or "",
            per=step.per,
            conditional=bool(step.condition),
            office=OfficeOut.of(step.office),
            legal_basis=step.legal_basis,
            deadline=DeadlineOut.of(step),
            documents=step.document_list,
            online_service_url=step.online_service_url,
            requires=sorted(req.key for req in step.requires.all()),
        )


class SituationDetail(SituationListItem):
    description: str
    needs: list[NeedOut]
    steps: list[StepOut]

    @classmethod
    def of(cls, situation: Situation) -> Self:
        return cls(
            slug=situation.slug,
            title=situation.title,
            summary=situation.summary or "",
            description=situation.description or "",
            needs=[NeedOut.of(need) for need in situation.needs.all()],
            steps=[StepOut.of(step) for step in situation.steps.all()],
        )


class PlanQuery(Schema):
    """Who the plan is for. Dates are ISO (YYYY-MM-DD); repeat ``children`` per child."""

    adults: int = Field(1, ge=1, le=MAX_PEOPLE, description="Adults in the household.")
    children: list[datetime.date] = Field(
        [], max_length=MAX_PEOPLE, description="Birth date of each child (expected ones too)."
    )
    move_in: datetime.date | None = Field(None, description="Moving-in day in Gera.")
    job_start: datetime.date | None = Field(None, description="First working day.")
    anchor: list[str] = Field(
        [],
        max_length=20,
        description="Further anchor dates as key:YYYY-MM-DD, e.g. care_start:2027-03-01.",
    )
    on: datetime.date | None = Field(
        None,
        description="Day the household is judged on (school age); default: move_in, else today.",
    )
    seeking_work: int | None = Field(None, ge=0, le=MAX_PEOPLE, description="Default: every adult.")
    non_eu_citizens: int = Field(
        0, ge=0, le=MAX_PEOPLE, description="Adults from outside EU/EEA/CH."
    )
    has_vehicle: bool = False

    @field_validator("children", "move_in", "job_start", "on")
    @classmethod
    def plausible_dates(cls, value: Any) -> Any:
        for day in value if isinstance(value, list) else [value]:
            if day is not None and not EARLIEST <= day <= LATEST:
                raise invalid(_("Dates must lie between %(first)s and %(last)s.") % LIMITS)
        return value

    @field_validator("anchor")
    @classmethod
    def anchor_dates(cls, value: list[str]) -> list[str]:
        for item in value:
            match = ANCHOR_PATTERN.match(item)
            if not match:
                raise invalid(_('"%(item)s" is not written as key:YYYY-MM-DD.') % {"item": item})
            try:
                day = datetime.date.fromisoformat(match["date"])
            except ValueError as error:
                raise invalid(_('"%(item)s" is not a valid date.') % {"item": item}) from error
            if not EARLIEST <= day <= LATEST:
                raise invalid(_("Dates must lie between %(first)s and %(last)s.") % LIMITS)
        return value

    @model_validator(mode="after")
    def people_add_up(self) -> Self:
        if self.seeking_work is not None and self.seeking_work > self.adults:
            raise invalid(_("More people seeking work than adults."))
        if self.non_eu_citizens > self.adults:
            raise invalid(_("More non-EU citizens than adults."))
        return self

    def anchors(self) -> dict[str, datetime.date]:
        given = {"move_in": self.move_in, "job_start": self.job_start}
        for item in self.anchor:
            key, day = item.split(":", 1)
            given[key] = datetime.date.fromisoformat(day)
        return {key: day for key, day in given.items() if day is not None}

    def household(self) -> Household:
        return Household(
            adults=self.adults,
            children=tuple(self.children),
            reference_date=self.on or self.move_in or timezone.localdate(),
            seeking_work=self.seeking_work,
            non_eu_citizens=self.non_eu_citizens,
            has_vehicle=self.has_vehicle,
        )


class ChildOut(Schema):
    number: int = Field(..., description="Position in the request's children list, from 1.")
    birth_date: datetime.date
    school_entry_date: datetime.date = Field(
        ..., description="1 August of school entry (ThürSchulG § 18)."
    )
    under_school_age: bool
    of_school_age: bool

    @classmethod
    def of(cls, child: Child) -> Self:
        return cls(
            number=child.number,
            birth_date=child.birth_date,
            school_entry_date=child.school_entry,
            under_school_age=child.is_under_school_age,
            of_school_age=child.is_of_school_age,
        )


class PlannedNeedOut(Schema):
    ref: str = Field(..., examples=["kita-place:child-2"])
    key: str
    kind: str
    title: str
    optional: bool
    child: int | None = Field(..., description="Number of the child this is for.")
    adult: int | None = Field(..., description="Number of the adult this is for.")

    @classmethod
    def of(cls, need: ConcreteNeed) -> Self:
        return cls(
            ref=need.ref,
            key=need.need.key,
            kind=need.kind,
            title=need.need.title,
            optional=need.need.optional,
            child=need.child.number if need.child else None,
            adult=need.adult_number,
        )


class PlannedStepOut(Schema):
    ref: str = Field(..., examples=["kita-anmeldung:child-1"])
    key: str
    title: str
    description: str
    child: int | None
    adult: int | None
    due_date: datetime.date | None = Field(
        ..., description="Null without a deadline or its anchor date."
    )
    deadline: DeadlineOut | None
    office: OfficeOut | None
    legal_basis: str
    documents: list[str]
    online_service_url: str
    waits_for: list[str] = Field(..., description="Refs of the steps to finish first.")

    @classmethod
    def of(cls, planned: PlannedStep) -> Self:
        step = planned.step
        return cls(
            ref=planned.ref,
            key=step.key,
            title=step.title,
            description=step.description or "",
            child=planned.child.number if planned.child else None,
            adult=planned.adult_number,
            due_date=planned.due_date,
            deadline=DeadlineOut.of(step),
            office=OfficeOut.of(planned.office),
            legal_basis=step.legal_basis,
            documents=step.document_list,
            online_service_url=step.online_service_url,
            waits_for=list(planned.waits_for),
        )


class PlanOut(Schema):
    situation: SituationListItem
    reference_date: datetime.date
    children: list[ChildOut]
    needs: list[PlannedNeedOut]
    steps: list[PlannedStepOut]
