"""Demo Kitas: Mon–Fri opening hours, age groups, free places with dates, Thuringian fees."""

import datetime
import random
from decimal import Decimal
from typing import Any

from stadt360.childcare.models import FreePlace, Kita, OpeningHours, Weekday
from stadt360.core.choices import OfferSource, OfferStatus
from stadt360.providers.models import Provider, ProviderKind

from .context import DemoContext
from .jobs import to_minutes, to_time
from .providers import ProviderNamer, build_providers

WORKING_DAYS = (
    Weekday.MONDAY,
    Weekday.TUESDAY,
    Weekday.WEDNESDAY,
    Weekday.THURSDAY,
    Weekday.FRIDAY,
)
FEE_NOTE = "Das letzte Kita-Jahr vor der Einschulung ist in Thüringen beitragsfrei."
DEMO_NOTE = "Demodaten: Einrichtung und Träger sind erfunden."


def build_kita_operators(ctx: DemoContext, namer: ProviderNamer) -> list[Provider]:
    return build_providers(
        ctx,
        namer,
        kind=ProviderKind.CHILDCARE,
        count=ctx.count("kita_operators"),
        patterns=ctx.profile["kitas"]["operator_names"],
        purpose="kita-operators",
        weight_key="residents",
    )


def build_kitas(ctx: DemoContext, *, operators: list[Provider]) -> list[Kita]:
    rng = ctx.rng("kitas")
    config = ctx.profile["kitas"]
    names = rng.sample(config["names"], len(config["names"]))
    kitas = []
    for index in range(ctx.count("kitas")):
        district = ctx.pick_district(rng, "residents")
        name = names[index % len(names)]
        name = f"Kita {name}" if index < len(names) else f"Kita {name} {district.name}"
        kita = build_kita(
            ctx, rng, config, name, ctx.place_in(rng, district), rng.choice(operators)
        )
        kita.external_id = f"demo-kita-{index + 1:05d}"
        kitas.append(kita)
    return kitas


def build_kita(
    ctx: DemoContext,
    rng: random.Random,
    config: dict[str, Any],
    name: str,
    place: Any,
    operator: Provider,
) -> Kita:
    ranges = config["age_ranges"]
    age_from, age_to, _, label = rng.choices(ranges, weights=[r[2] for r in ranges])[0]
    capacity_key = (
        f"{age_from}-{age_to}" if f"{age_from}-{age_to}" in config["capacity"] else "mixed"
    )
    concept = rng.choices(list(config["concepts"]), weights=list(config["concepts"].values()))[0]
    fee = None
    if rng.random() < config["fee_known_share"]:
        fee = Decimal(5 * round(rng.uniform(*config["fee"]) / 5)).quantize(Decimal("0.01"))
    fee_text = (
        f"Elternbeitrag ca. {fee:.0f} € im Monat (einkommensabhängig)."
        if fee
        else "Elternbeitrag auf Anfrage."
    )
    return Kita(
        provider=operator,
        name=name,
        description=(
            f"{label} für Kinder von {age_from} bis {age_to} Monaten. "
            f"{fee_text} {FEE_NOTE}\n\n{DEMO_NOTE}"
        ),
        capacity=5 * round(rng.randint(*config["capacity"][capacity_key]) / 5),
        age_from_months=age_from,
        age_to_months=age_to,
        concept=concept,
        languages=["de", "en"] if concept == "bilingual" else ["de"],
        inclusive=rng.random() < config["inclusive_share"],
        monthly_fee=fee,
        status=OfferStatus.PUBLISHED,
        source=OfferSource.DEMO,
        valid_until=ctx.date_ahead(rng, 180, 365),
        **place.address_fields(),
    )


def build_opening_hours(ctx: DemoContext, *, kitas: list[Kita]) -> list[OpeningHours]:
    """Monday to Friday; about a third of the Kitas close earlier on Fridays."""
    rng = ctx.rng("opening-hours")
    config = ctx.profile["kitas"]
    patterns = config["opening_hours"]
    rows = []
    for kita in kitas:
        opens, closes = rng.choices([p for p, _ in patterns], weights=[w for _, w in patterns])[0]
        early_friday = rng.random() < config["early_friday_share"]
        for weekday in WORKING_DAYS:
            close = closes
            if early_friday and weekday == Weekday.FRIDAY:
                close = min(closes, config["early_friday_close"], key=to_minutes)
            rows.append(
                OpeningHours(kita=kita, weekday=weekday, opens=parse(opens), closes=parse(close))
            )
    return rows


def build_free_places(ctx: DemoContext, *, kitas: list[Kita]) -> list[FreePlace]:
    """No free place in about a quarter of the Kitas; the others report one or more age groups."""
    rng = ctx.rng("free-places")
    config = ctx.profile["kitas"]
    rows = []
    for kita in kitas:
        if rng.random() < config["full_share"]:
            continue
        groups = [
            (max(low, kita.age_from_months), min(high, kita.age_to_months))
            for low, high in config["age_groups"]
            if low < kita.age_to_months and high > kita.age_from_months
        ]
        chosen = [group for group in groups if rng.random() < 0.6] or [rng.choice(groups)]
        for low, high in chosen:
            rows.append(
                FreePlace(
                    kita=kita,
                    min_age_months=low,
                    max_age_months=high,
                    available_from=free_from(ctx, rng, config["free_place_months_ahead"]),
                    count=rng.randint(1, 5),
                )
            )
    return rows


def free_from(ctx: DemoContext, rng: random.Random, months_ahead: int) -> datetime.date:
    if rng.random() < 0.3:
        return ctx.today
    return ctx.date_ahead(rng, 1, months_ahead * 30, first_of_month=True)


def parse(value: str) -> datetime.time:
    return to_time(to_minutes(value))
