"""A small fixed world of companies and posts in Gera for directory, suggestion and matching tests.

| key       | WZ    | size   | text (short)                           | where                |
|-----------|-------|--------|----------------------------------------|----------------------|
| precision | 25.62 | small  | CNC-Fräsen, Zerspanung, Aluminium      | Innenstadt           |
| metalwork | 25.62 | medium | CNC-Drehen, Zerspanung, Stahl          | ~1 km from precision |
| wholesale | 46.69 | small  | Werkzeuge und Maschinen im Großhandel  | ~3 km                |
| haulier   | 49.41 | small  | Transporte, Lagerlogistik              | ~5 km                |
| bakery    | 10.71 | micro  | Brot, Brötchen, Kuchen                 | ~2 km                |
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from stadt360.companies.choices import SizeClass
from stadt360.companies.models import Company, Site
from stadt360.companies.services import create_company
from stadt360.cooperation.choices import Direction, PostType
from stadt360.cooperation.models import Post
from stadt360.cooperation.services import create_post
from stadt360.core.geo import offset_point
from stadt360.providers.models import MemberRole, Provider
from tests.factories import (
    CompanyFactory,
    DistrictFactory,
    ProductFactory,
    ProviderFactory,
    add_member,
    make_user,
)

__all__ = ["CompanyFactory", "CompanyWorld", "add_people", "make_company", "make_company_world"]


PROFILES = {
    "precision": (
        "Elster Präzision GmbH",
        "25.62",
        SizeClass.SMALL,
        (0, 0),
        "CNC-Fräsen und Zerspanung von Aluminium in Kleinserie.",
        "Frästeile",
    ),
    "metalwork": (
        "Ostthüringer Metallbau GmbH",
        "25.62",
        SizeClass.MEDIUM,
        (0.6, 0.8),
        "CNC-Drehen und Zerspanung von Stahl, Drehteile nach Zeichnung.",
        "Drehteile",
    ),
    "wholesale": (
        "Werkzeughandel Osterland GmbH",
        "46.69",
        SizeClass.SMALL,
        (3, 0),
        "Großhandel für Werkzeuge, Maschinen und Spannmittel.",
        "Spannmittel",
    ),
    "haulier": (
        "Spedition Wolf",
        "49.41",
        SizeClass.SMALL,
        (0, 5),
        "Transporte in Ostthüringen und Lagerlogistik.",
        "Teilladungen",
    ),
    "bakery": (
        "Bäckerei Krause",
        "10.71",
        SizeClass.MICRO,
        (-2, 0),
        "Brot, Brötchen und Kuchen aus eigener Backstube.",
        "Brot",
    ),
}


@dataclass
class CompanyWorld:
    companies: dict[str, Company]
    posts: dict[str, Post] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)
    city: Provider | None = None


def make_company(key: str) -> Company:
    name, code, size, (north, east), text, product = PROFILES[key]
    district = DistrictFactory(entry={"name": "Innenstadt", "postcode": "07545"})
    lat, lon = offset_point(district.latitude, district.longitude, north_km=north, east_km=east)
    provider = ProviderFactory(name=name, district=district, latitude=lat, longitude=lon)
    company = create_company(
        provider=provider,
        data={
            "description": text,
            "wz_code": code,
            "size_class": size,
            "apprenticeships": ["Zerspanungsmechaniker/in"] if key == "precision" else [],
        },
        by=None,
    )
    ProductFactory(
        company=company,
        name=product,
        description=text,
        category="food" if key == "bakery" else "metal_parts",
    )
    return company


def make_company_world() -> CompanyWorld:
    world = CompanyWorld(companies={key: make_company(key) for key in PROFILES})
    Site.objects.create(
        company=world.companies["haulier"],
        name="Lager Langenberg",
        postcode="07552",
        latitude=world.companies["precision"].provider.latitude + 0.01,
        longitude=world.companies["precision"].provider.longitude,
    )
    until = timezone.localdate() + datetime.timedelta(days=60)

    def post(key: str, company: str, **data: object) -> None:
        world.posts[key] = create_post(
            provider=world.companies[company].provider, data={"valid_until": until, **data}, by=None
        )

    post(
        "cnc_need",
        "precision",
        post_type=PostType.SUPPLIER_WANTED,
        direction=Direction.NEED,
        title="Zulieferer für CNC-Zerspanung gesucht",
        wz_code="25.62",
        text="Wir suchen einen Partner für CNC-Zerspanung von Aluminiumteilen in Kleinserie.",
    )
    post(
        "cnc_offer",
        "metalwork",
        post_type=PostType.SPARE_CAPACITY,
        direction=Direction.OFFER,
        title="Freie CNC-Kapazität",
        text="Freie Kapazität an CNC-Drehmaschinen für Zerspanung.",
    )
    post(
        "oven_offer",
        "bakery",
        post_type=PostType.SPARE_CAPACITY,
        direction=Direction.OFFER,
        title="Backofen frei am Wochenende",
        text="Unser Backofen ist am Wochenende frei.",
    )
    return world


def add_people(world: CompanyWorld) -> None:
    """An admin per company (``<key>_admin``) and a member of no company (``outsider``)."""
    for key, company in world.companies.items():
        user = make_user(f"{key}@firma.example", mfa=True)
        add_member(user, company.provider, MemberRole.ADMIN)
        world.users[key] = user
    world.users["outsider"] = make_user("outsider@example.org", mfa=True)
