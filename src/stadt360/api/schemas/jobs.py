import datetime

from ninja import Field, Schema

from stadt360.jobs.models import EmploymentType

from ..pagination import Page
from .common import OfferOut


class OccupationOut(Schema):
    code: str = Field(..., examples=["81302"])
    title: str = Field(..., examples=["Berufe in der Gesundheits- und Krankenpflege"])


class JobSummary(OfferOut):
    title: str = Field(..., examples=["Pflegefachkraft (m/w/d)"])
    occupation: OccupationOut | None
    employment_type: EmploymentType = Field(..., examples=["full_time"])
    weekly_hours: float = Field(..., examples=[38.5])
    salary_min: int | None = Field(..., description="Gross €/month.", examples=[3400])
    salary_max: int | None = Field(..., description="Gross €/month.", examples=[3900])
    start_date: datetime.date | None = Field(
        ..., description="null: as soon as possible.", examples=["2026-09-01"]
    )
    remote_share: int = Field(..., description="Share of remote work in %.", examples=[0])


class JobDetail(JobSummary):
    description: str
    requirements: str
    skills: list[str] = Field(..., examples=[["Intensivpflege", "Dokumentation"]])
    languages: list[str] = Field(..., examples=[["de"]])
    shift_start: datetime.time | None = Field(..., examples=["06:00:00"])
    shift_end: datetime.time | None = Field(..., examples=["14:30:00"])


class JobPage(Page):
    items: list[JobSummary]
