"""Generate, detect and delete demo data, each in one transaction."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from stadt360.childcare.models import FreePlace, Kita, OpeningHours
from stadt360.companies.models import Company, Product
from stadt360.cooperation.models import Post
from stadt360.core.choices import OfferSource
from stadt360.core.models import Offer, Region
from stadt360.housing.models import Flat
from stadt360.jobs.models import Job, Occupation
from stadt360.providers.models import Provider
from stadt360.schools.models import School

from .childcare import build_free_places, build_kita_operators, build_kitas, build_opening_hours
from .companies import build_companies, build_posts, build_products
from .context import DemoContext, load_profile
from .events import delete_demo_events
from .housing import build_flats, build_landlords
from .jobs import build_employers, build_jobs
from .providers import ProviderNamer
from .schools import build_school_operators, build_schools

OFFER_MODELS: tuple[type[Offer], ...] = (Job, Flat, Kita, School)
BATCH_SIZE = 500
MAX_SCALE = 100.0


class DemoDataExists(Exception):
    """Raised instead of generating a second copy of the demo data."""


@dataclass
class DemoReport:
    seed: int
    scale: float
    created: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)


def demo_data_exists() -> bool:
    return Provider.objects.filter(is_demo=True).exists() or any(
        model.objects.filter(source=OfferSource.DEMO).exists() for model in OFFER_MODELS
    )


def delete_demo_data() -> dict[str, int]:
    """Delete demo offers (source=demo) and demo providers with everything hanging off them.

    Demo events go first: an event's organiser is protected from deletion.
    """
    deleted: dict[str, int] = {}
    with transaction.atomic():
        _merge(deleted, delete_demo_events())
        for model in OFFER_MODELS:
            _, per_model = model.objects.filter(source=OfferSource.DEMO).delete()
            _merge(deleted, per_model)
        _, per_model = Provider.objects.filter(is_demo=True).delete()
        _merge(deleted, per_model)
    return deleted


def generate_demo_data(
    *,
    seed: int = 1,
    scale: float = 1.0,
    reset: bool = False,
    region_slug: str = "gera",
    today: datetime.date | None = None,
) -> DemoReport:
    """Create the demo rows for a region; the same seed and day give the same rows.

    Refuses (``DemoDataExists``) when demo rows exist, unless ``reset`` replaces them.
    Needs the region's reference data (``load_gera``) and the KldB occupations.
    """
    if not 0 < scale <= MAX_SCALE:
        raise ValueError(f"scale must be above 0 and at most {MAX_SCALE:g}")
    report = DemoReport(seed=seed, scale=scale)
    with transaction.atomic():
        if reset:
            report.deleted = delete_demo_data()
        elif demo_data_exists():
            raise DemoDataExists("Demo data exists already; use --reset to replace it.")
        ctx = DemoContext(
            region=_region(region_slug),
            profile=load_profile(region_slug),
            seed=seed,
            scale=scale,
            today=today or timezone.localdate(),
        )
        report.created = _create_all(ctx)
    return report


def _create_all(ctx: DemoContext) -> dict[str, int]:
    namer = ProviderNamer(set(Provider.objects.values_list("slug", flat=True)))
    employers = build_employers(ctx, namer)
    landlords = build_landlords(ctx, namer)
    kita_operators = build_kita_operators(ctx, namer)
    school_operators = build_school_operators(ctx, namer)
    providers = (
        [p for group in employers.values() for p in group]
        + landlords
        + kita_operators
        + school_operators
    )
    Provider.objects.bulk_create(providers, batch_size=BATCH_SIZE)
    companies = Company.objects.bulk_create(
        build_companies(ctx, employers=employers), batch_size=BATCH_SIZE
    )
    products = Product.objects.bulk_create(
        build_products(ctx, companies=companies, employers=employers), batch_size=BATCH_SIZE
    )
    posts = Post.objects.bulk_create(
        build_posts(ctx, companies=companies, employers=employers), batch_size=BATCH_SIZE
    )
    jobs = build_jobs(ctx, employers=employers, occupations=_occupations(ctx))
    flats = build_flats(ctx, landlords=landlords)
    kitas = build_kitas(ctx, operators=kita_operators)
    schools = build_schools(ctx, operators=school_operators)
    offers: tuple[Sequence[Offer], ...] = (jobs, flats, kitas, schools)
    for rows in offers:
        type(rows[0])._default_manager.bulk_create(rows, batch_size=BATCH_SIZE)
    opening_hours = build_opening_hours(ctx, kitas=kitas)
    free_places = build_free_places(ctx, kitas=kitas)
    OpeningHours.objects.bulk_create(opening_hours, batch_size=BATCH_SIZE)
    FreePlace.objects.bulk_create(free_places, batch_size=BATCH_SIZE)
    return {
        "providers": len(providers),
        "jobs": len(jobs),
        "flats": len(flats),
        "kitas": len(kitas),
        "opening_hours": len(opening_hours),
        "free_places": len(free_places),
        "schools": len(schools),
        "companies": len(companies),
        "products": len(products),
        "cooperation_posts": len(posts),
    }


def _region(slug: str) -> Region:
    region = Region.objects.filter(slug=slug).first()
    if region is None or not region.districts.exists():
        raise LookupError(
            f"Region {slug!r} has no reference data yet; run `stadt360 load_gera` first."
        )
    return region


def _occupations(ctx: DemoContext) -> dict[str, Occupation]:
    codes = {
        template["kldb"] for industry in ctx.profile["industries"] for template in industry["jobs"]
    }
    found = {o.code: o for o in Occupation.objects.filter(code__in=codes)}
    if missing := sorted(codes - found.keys()):
        raise LookupError(
            f"KldB occupations missing ({', '.join(missing)}); run `stadt360 load_gera` first."
        )
    return found


def _merge(total: dict[str, int], counts: dict[str, int]) -> None:
    for label, count in counts.items():
        total[label] = total.get(label, 0) + count
