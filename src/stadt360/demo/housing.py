"""Demo flats: Gera's rent level, prefab estates cheaper, the Gründerzeit centre dearer."""

import random
from decimal import Decimal
from typing import Any

from stadt360.core.choices import OfferSource, OfferStatus
from stadt360.core.models import District
from stadt360.housing.models import Flat
from stadt360.providers.models import Provider, ProviderKind

from .context import DemoContext, money
from .providers import ProviderNamer, build_providers, zipf_weights

LEAD_LANDLORDS = 2
DEMO_NOTE = "Demodaten: Vermieter und Wohnung sind erfunden."


def build_landlords(ctx: DemoContext, namer: ProviderNamer) -> list[Provider]:
    """The first two are the large housing companies that own most prefab flats."""
    patterns = ctx.profile["flats"]["landlord_names"]
    count = max(LEAD_LANDLORDS + 1, ctx.count("landlords"))
    leads = [
        build_providers(
            ctx,
            namer,
            kind=ProviderKind.HOUSING,
            count=1,
            patterns=[pattern],
            purpose=f"landlords:lead{index}",
            weight_key="residents",
        )[0]
        for index, pattern in enumerate(patterns[:LEAD_LANDLORDS])
    ]
    others = build_providers(
        ctx,
        namer,
        kind=ProviderKind.HOUSING,
        count=count - LEAD_LANDLORDS,
        patterns=patterns[LEAD_LANDLORDS:],
        purpose="landlords",
        weight_key="residents",
    )
    return leads + others


def build_flats(ctx: DemoContext, *, landlords: list[Provider]) -> list[Flat]:
    rng = ctx.rng("flats")
    config = ctx.profile["flats"]
    weights = zipf_weights(len(landlords), lead_share=0.3)
    flats = []
    for number in range(1, ctx.count("flats") + 1):
        district = ctx.pick_district(rng, "residents")
        buildings = ctx.profile["districts"][district.slug]["buildings"]
        if buildings == "prefab" and rng.random() < config["prefab_share_of_leads"]:
            landlord = landlords[rng.choices(range(LEAD_LANDLORDS), weights=[0.6, 0.4])[0]]
        else:
            landlord = rng.choices(landlords, weights=weights)[0]
        flat = build_flat(
            ctx,
            rng,
            config,
            district,
            buildings,
            landlord,
            is_lead=landlord in landlords[:LEAD_LANDLORDS],
        )
        flat.external_id = f"demo-flat-{number:05d}"
        flats.append(flat)
    return flats


def build_flat(
    ctx: DemoContext,
    rng: random.Random,
    config: dict[str, Any],
    district: District,
    buildings: str,
    landlord: Provider,
    *,
    is_lead: bool,
) -> Flat:
    rooms = rng.choices([r for r, _ in config["rooms"]], weights=[w for _, w in config["rooms"]])[0]
    low, high = config["living_space"][str(rooms)]
    space = round(rng.uniform(low, high), 2)
    renovated = rng.random() < config["renovated_share"]
    rate = (
        rng.uniform(*config["cold_rent_per_sqm"])
        * ctx.profile["districts"][district.slug]["rent_factor"]
    )
    rate *= config["renovated_factor"] if renovated else 1
    cold = money(space * rate)
    floor = flat_floor(rng, config, buildings)
    lift = floor >= 6 or rng.random() < config["lift_share"][buildings]
    balcony = rng.random() < config["balcony_share"][buildings]
    place = ctx.place_in(rng, district)
    title = flat_title(rooms, balcony, renovated, district.name)
    return Flat(
        provider=landlord,
        title=title,
        description=flat_description(
            rooms, space, config["building_words"][buildings], floor, lift, balcony
        ),
        rooms=Decimal(str(rooms)),
        living_space=Decimal(str(space)),
        cold_rent=cold,
        service_costs=money(space * rng.uniform(*config["service_per_sqm"])),
        heating_costs=money(space * rng.uniform(*config["heating_per_sqm"])),
        deposit=cold * rng.choice((2, 3)),
        available_from=ctx.today
        if rng.random() < 0.3
        else ctx.date_ahead(rng, 7, 120, first_of_month=True),
        floor=floor,
        lift=lift,
        balcony=balcony,
        step_free=(lift and rng.random() < 0.5) or (floor == 0 and rng.random() < 0.3),
        pets=rng.choices(list(config["pets"]), weights=list(config["pets"].values()))[0],
        wbs_required=is_lead and rng.random() < config["wbs_share_of_leads"],
        status=OfferStatus.PUBLISHED,
        source=OfferSource.DEMO,
        valid_until=ctx.date_ahead(rng, 30, 120),
        **place.address_fields(),
    )


def flat_floor(rng: random.Random, config: dict[str, Any], buildings: str) -> int:
    """Most prefab blocks have five or six storeys; a few eleven-storey towers."""
    low, high = config["floors"][buildings]
    if buildings == "prefab" and rng.random() < 0.8:
        high = 5
    return rng.randint(low, high)


def rooms_label(rooms: float) -> str:
    return str(int(rooms)) if rooms == int(rooms) else str(rooms).replace(".", ",")


def flat_title(rooms: float, balcony: bool, renovated: bool, district: str) -> str:
    adjective = "Frisch sanierte" if renovated else "Helle"
    extra = " mit Balkon" if balcony else ""
    return f"{adjective} {rooms_label(rooms)}-Raum-Wohnung{extra} in {district}"


def flat_description(
    rooms: float, space: float, building: str, floor: int, lift: bool, balcony: bool
) -> str:
    storey = "im Erdgeschoss" if floor == 0 else f"im {floor}. Obergeschoss"
    features = ", ".join(
        part for part in ("Aufzug" if lift else "", "Balkon" if balcony else "") if part
    )
    features = f" Ausstattung: {features}." if features else ""
    area = f"{space:.2f}".replace(".", ",")
    return f"{rooms_label(rooms)} Räume, {area} m² {building}, {storey}.{features}\n\n{DEMO_NOTE}"
