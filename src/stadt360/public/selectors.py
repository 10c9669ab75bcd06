"""Reads for the public pages: the simple keyword search and the demo-data check.

The search is deliberately plain (``icontains`` over titles and names, published
offers only); the search app replaces it. Results of several kinds are paged as one
sequence without loading them all: ``GroupedResults`` slices each kind's queryset.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from stadt360.childcare.models import Kita
from stadt360.core.choices import OfferSource
from stadt360.housing.models import Flat
from stadt360.jobs.models import Job
from stadt360.providers.models import Provider
from stadt360.schools.models import School


@dataclass(frozen=True)
class OfferKind:
    key: str
    model: type[models.Model]
    name_field: str
    plural: Promise


OFFER_KINDS: tuple[OfferKind, ...] = (
    OfferKind("job", Job, "title", _("Jobs")),
    OfferKind("flat", Flat, "title", _("Flats")),
    OfferKind("kita", Kita, "name", _("Kitas")),
    OfferKind("school", School, "name", _("Schools")),
)


@dataclass(frozen=True)
class SearchHit:
    kind: OfferKind
    name: str
    provider: str
    address: str
    is_demo: bool


def kind_by_key(key: str) -> OfferKind | None:
    return next((kind for kind in OFFER_KINDS if kind.key == key), None)


def matching_offers(kind: OfferKind, query: str) -> models.QuerySet:
    """Published offers of one kind whose title/name contains the query (all when empty)."""
    queryset = kind.model.objects.published().select_related("provider")
    if query:
        queryset = queryset.filter(**{f"{kind.name_field}__icontains": query})
    return queryset.order_by(kind.name_field, "pk")


def to_hit(kind: OfferKind, offer: models.Model) -> SearchHit:
    return SearchHit(
        kind=kind,
        name=getattr(offer, kind.name_field),
        provider=offer.provider.name,
        address=offer.address_line,
        is_demo=offer.is_demo or offer.provider.is_demo,
    )


class GroupedResults(Sequence[SearchHit]):
    """Hits of several kinds, one kind after the other, sliceable for ``Paginator``."""

    def __init__(self, groups: list[tuple[OfferKind, models.QuerySet]]) -> None:
        self.groups = [(kind, queryset, queryset.count()) for kind, queryset in groups]

    def counts(self) -> list[tuple[OfferKind, int]]:
        return [(kind, count) for kind, _queryset, count in self.groups]

    def __len__(self) -> int:
        return sum(count for _kind, _queryset, count in self.groups)

    @overload
    def __getitem__(self, index: int) -> SearchHit: ...
    @overload
    def __getitem__(self, index: slice) -> list[SearchHit]: ...
    def __getitem__(self, index: int | slice) -> SearchHit | list[SearchHit]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        hits: list[SearchHit] = []
        offset = 0
        for kind, queryset, count in self.groups:
            low, high = max(start - offset, 0), min(stop - offset, count)
            if low < high:
                hits.extend(to_hit(kind, offer) for offer in queryset[low:high])
            offset += count
        return hits


def search_offers(query: str, kind_key: str = "") -> GroupedResults:
    """The offers matching a keyword, grouped by kind in a fixed order."""
    kind = kind_by_key(kind_key)
    kinds = (kind,) if kind else OFFER_KINDS
    return GroupedResults([(each, matching_offers(each, query)) for each in kinds])


def published_counts() -> list[tuple[OfferKind, int]]:
    """How many offers of each kind the public can see (the start page shows it)."""
    return [(kind, kind.model.objects.published().count()) for kind in OFFER_KINDS]


def demo_data_present() -> bool:
    """Whether any demo provider or demo offer exists, so pages must say "Demodaten"."""
    if Provider.objects.filter(is_demo=True).exists():
        return True
    return any(kind.model.objects.filter(source=OfferSource.DEMO).exists() for kind in OFFER_KINDS)
