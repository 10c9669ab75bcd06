"""Demo jobs: Gera's industry mix, real KldB codes, East Thuringian salaries, shift times."""

import datetime
import random
from decimal import Decimal
from typing import Any

from stadt360.core.choices import OfferSource, OfferStatus
from stadt360.jobs.models import EmploymentType, Job, Occupation
from stadt360.providers.models import Provider, ProviderKind

from .context import DemoContext, Place, apportion
from .providers import ProviderNamer, build_providers, zipf_weights

PART_TIME_HOURS = (20, 25, 30, 32)
MINI_JOB_HOURS = (6, 8, 10)
WEEKS_PER_MONTH = 4.33
DEMO_NOTE = "Demodaten: Arbeitgeber und Stelle sind erfunden."


def build_employers(ctx: DemoContext, namer: ProviderNamer) -> dict[str, list[Provider]]:
    """Employers per industry key; every industry with jobs gets at least one."""
    industries = ctx.profile["industries"]
    counts = apportion(ctx.count("employers"), [industry["employers"] for industry in industries])
    return {
        industry["key"]: build_providers(
            ctx,
            namer,
            kind=ProviderKind.EMPLOYER,
            count=max(1, count),
            patterns=industry["employer_names"],
            purpose=f"employers:{industry['key']}",
            weight_key="business",
        )
        for industry, count in zip(industries, counts, strict=True)
    }


def build_jobs(
    ctx: DemoContext, *, employers: dict[str, list[Provider]], occupations: dict[str, Occupation]
) -> list[Job]:
    industries = ctx.profile["industries"]
    per_industry = apportion(ctx.count("jobs"), [industry["share"] for industry in industries])
    jobs: list[Job] = []
    for industry, count in zip(industries, per_industry, strict=True):
        rng = ctx.rng(f"jobs:{industry['key']}")
        staff = employers[industry["key"]]
        weights = zipf_weights(len(staff), lead_share=industry["lead_share"])
        templates = industry["jobs"]
        per_template = apportion(count, [template["weight"] for template in templates])
        for template, template_count in zip(templates, per_template, strict=True):
            for _ in range(template_count):
                employer = rng.choices(staff, weights=weights)[0]
                job = build_job(
                    ctx, rng, industry, template, employer, occupations[template["kldb"]]
                )
                job.external_id = f"demo-job-{len(jobs) + 1:05d}"
                jobs.append(job)
    return jobs


def build_job(
    ctx: DemoContext,
    rng: random.Random,
    industry: dict[str, Any],
    template: dict[str, Any],
    employer: Provider,
    occupation: Occupation,
) -> Job:
    employment_type = rng.choices(
        list(template["types"]), weights=list(template["types"].values())
    )[0]
    hours = weekly_hours(rng, employment_type, industry["full_time_hours"])
    salary_min, salary_max = salary_range(
        ctx, rng, template, employment_type, hours / industry["full_time_hours"]
    )
    shift_start, shift_end = working_time(rng, template["starts"], hours, employment_type)
    place = employer_or_branch_place(ctx, rng, industry, employer)
    title = template["title"]
    if template.get("specialisations") and rng.random() < 0.5:
        title = f"{title} – {rng.choice(template['specialisations'])}"
    start_date = None if rng.random() < 0.4 else ctx.date_ahead(rng, 14, 90, first_of_month=True)
    return Job(
        provider=employer,
        title=title,
        description=job_description(employer, place.district.name, title, template, start_date),
        occupation=occupation,
        employment_type=employment_type,
        weekly_hours=Decimal(str(hours)),
        shift_start=shift_start,
        shift_end=shift_end,
        salary_min=salary_min,
        salary_max=salary_max,
        start_date=start_date,
        remote_share=rng.choice(template.get("remote", [0])),
        requirements=template["requirements"],
        skills=rng.sample(template["skills"], min(len(template["skills"]), rng.randint(2, 4))),
        languages=["de", "en"] if industry["key"] == "it" and rng.random() < 0.6 else ["de"],
        status=OfferStatus.PUBLISHED,
        source=OfferSource.DEMO,
        valid_until=ctx.date_ahead(rng, 21, 90),
        **place.address_fields(),
    )


def weekly_hours(rng: random.Random, employment_type: str, full_time: float) -> float:
    if employment_type == EmploymentType.PART_TIME:
        return float(rng.choice(PART_TIME_HOURS))
    if employment_type == EmploymentType.MINI_JOB:
        return float(rng.choice(MINI_JOB_HOURS))
    return float(full_time)


def salary_range(
    ctx: DemoContext,
    rng: random.Random,
    template: dict[str, Any],
    employment_type: str,
    share: float,
) -> tuple[int | None, int | None]:
    """Monthly gross in euros; part-time pro rata; one in ten postings names no salary."""
    low, high = template["salary"]
    if employment_type == EmploymentType.APPRENTICESHIP:
        return low, high
    if employment_type == EmploymentType.MINI_JOB:
        hours = share * 40
        pay = min(
            ctx.profile["mini_job_limit"],
            round(hours * WEEKS_PER_MONTH * ctx.profile["minimum_wage"]),
        )
        return pay, min(ctx.profile["mini_job_limit"], round(pay * 1.1))
    if rng.random() < 0.1:
        return None, None
    start = rng.uniform(low, high - 200)
    end = start + rng.uniform(150, min(700, high - start))
    return round_to(start * share, 50), max(round_to(start * share, 50), round_to(end * share, 50))


def round_to(value: float, step: int) -> int:
    return int(round(value / step) * step)


def working_time(
    rng: random.Random, starts: list[str], hours: float, employment_type: str
) -> tuple[datetime.time | None, datetime.time | None]:
    """Usual start and end: daily hours plus the statutory break, rounded to a quarter hour.

    Full-time nursing at 38.5 h starts 6:00 and ends 14:15 (7.7 h + 30 min break).
    """
    if not starts:
        return None, None
    days = 2 if employment_type == EmploymentType.MINI_JOB else 5
    daily = hours / days
    duration = daily + (0.75 if daily > 9 else 0.5 if daily > 6 else 0)
    start_minutes = to_minutes(rng.choice(starts))
    end_minutes = start_minutes + round(duration * 60 / 15) * 15
    latest_end = 23 * 60 + 30
    if end_minutes > latest_end:
        start_minutes, end_minutes = start_minutes - (end_minutes - latest_end), latest_end
    return to_time(start_minutes), to_time(end_minutes)


def to_minutes(value: str) -> int:
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


def to_time(minutes: int) -> datetime.time:
    return datetime.time(minutes // 60, minutes % 60)


def employer_or_branch_place(
    ctx: DemoContext, rng: random.Random, industry: dict[str, Any], employer: Provider
) -> Place:
    """Most jobs are at the employer's address; shops, care services, restaurants have branches."""
    if rng.random() < industry.get("branch_share", 0):
        return ctx.place_in(rng, ctx.pick_district(rng, "business"))
    return Place.of(employer)


def job_description(
    employer: Provider,
    district: str,
    title: str,
    template: dict[str, Any],
    start: datetime.date | None,
) -> str:
    when = f"zum {start:%d.%m.%Y}" if start else "ab sofort"
    shifts = " Die Arbeit ist im Schichtdienst." if template["shift_work"] else ""
    return f"{employer.name} sucht {when} in Gera-{district}: {title}.{shifts}\n\n{DEMO_NOTE}"
