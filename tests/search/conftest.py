"""The fixed judged corpus, saved once per module as real offers and indexed."""

from collections.abc import Iterator

import pytest
from django.db import transaction

from stadt360.providers.models import ProviderKind
from stadt360.search.indexing import rebuild_index
from tests.factories import (
    GERA_DISTRICTS,
    DistrictFactory,
    FlatFactory,
    JobFactory,
    KitaFactory,
    ProviderFactory,
    SchoolFactory,
)
from tests.search.corpus import DISTRICTS, OfferSpec, offers

FACTORIES = {
    "job": (JobFactory, ProviderKind.EMPLOYER, {"skills": [], "occupation": None}),
    "flat": (FlatFactory, ProviderKind.HOUSING, {}),
    "kita": (KitaFactory, ProviderKind.CHILDCARE, {"opening_hours": []}),
    "school": (SchoolFactory, ProviderKind.SCHOOL, {}),
}


def make_districts() -> dict:
    entries = {entry["name"]: entry for entry in GERA_DISTRICTS}
    return {slug: DistrictFactory(entry=entries[name], slug=slug) for slug, name in DISTRICTS}


def save(spec: OfferSpec, districts: dict, providers: dict) -> tuple[str, int]:
    factory, _, defaults = FACTORIES[spec.kind]
    obj = factory(
        provider=providers[spec.kind], district=districts[spec.district], **defaults, **spec.fields
    )
    return spec.kind, obj.pk


@pytest.fixture(scope="module")
def judged_corpus(
    django_db_setup: None, django_db_blocker: pytest.FixtureRequest
) -> Iterator[dict]:
    """key → (kind, pk) of the 480 offers of the judged corpus, indexed."""
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        districts = make_districts()
        # Named: each test restarts the factories' sequences, and its own providers must not
        # clash with these (module-scoped) ones.
        providers = {
            kind: ProviderFactory(kind=pk_kind, name=f"Korpus {kind}")
            for kind, (_, pk_kind, _) in FACTORIES.items()
        }
        keys = {spec.key: save(spec, districts, providers) for spec in offers(480)}
        rebuild_index()
        yield keys
        transaction.set_rollback(True)
