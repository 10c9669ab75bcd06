"""Demo schools: Thuringia's school types with their grades; Grundschulen with Hort."""

import random
from typing import Any

from stadt360.core.choices import OfferSource, OfferStatus
from stadt360.providers.models import Provider, ProviderKind
from stadt360.schools.models import School, SchoolType

from .context import DemoContext, apportion
from .providers import ProviderNamer, build_providers

DEMO_NOTE = "Demodaten: Schule und Träger sind erfunden."


def build_school_operators(ctx: DemoContext, namer: ProviderNamer) -> list[Provider]:
    """One operator per pattern: the municipal one, a free school association, a vocational one."""
    patterns = ctx.profile["schools"]["operator_names"]
    return [
        build_providers(
            ctx,
            namer,
            kind=ProviderKind.SCHOOL,
            count=1,
            patterns=[pattern],
            purpose=f"school-operators:{index}",
            weight_key="business",
        )[0]
        for index, pattern in enumerate(patterns)
    ]


def build_schools(ctx: DemoContext, *, operators: list[Provider]) -> list[School]:
    rng = ctx.rng("schools")
    config = ctx.profile["schools"]
    types = config["types"]
    counts = apportion(ctx.count("schools"), [spec["count"] for spec in types.values()])
    schools: list[School] = []
    for (school_type, spec), count in zip(types.items(), counts, strict=True):
        names = rng.sample(config["names"], len(config["names"]))
        for index in range(count):
            school = build_school(
                ctx, rng, school_type, spec, names[index % len(names)], operators[spec["operator"]]
            )
            school.external_id = f"demo-school-{len(schools) + 1:05d}"
            schools.append(school)
    return schools


def build_school(
    ctx: DemoContext,
    rng: random.Random,
    school_type: str,
    spec: dict[str, Any],
    name: str,
    operator: Provider,
) -> School:
    grade_from, grade_to = rng.choice(spec["grades"])
    all_day = rng.random() < spec["all_day_share"]
    care = ""
    if all_day:
        care = (
            " Mit Hort (Betreuung vor und nach dem Unterricht)."
            if school_type == SchoolType.GRUNDSCHULE
            else " Mit Ganztagsangebot."
        )
    return School(
        provider=operator,
        name=f"{spec['label']} {name}",
        description=f"Klassen {grade_from} bis {grade_to}.{care}\n\n{DEMO_NOTE}",
        school_type=school_type,
        grade_from=grade_from,
        grade_to=grade_to,
        all_day_care=all_day,
        languages=list(rng.choice(spec["languages"])),
        status=OfferStatus.PUBLISHED,
        source=OfferSource.DEMO,
        valid_until=ctx.date_ahead(rng, 300, 365),
        **ctx.place_in(rng, ctx.pick_district(rng, "residents")).address_fields(),
    )
