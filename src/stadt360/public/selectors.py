"""Reads for the public pages: the site search (via ``stadt360.search``) and the demo-data check.

The search itself (German stemming, compounds, synonyms, typos, ranking, facets) is the
search app's; this module only turns its results into what the page offers as filters.
"""

from dataclasses import dataclass

from django.utils import translation

from stadt360.core.choices import OfferSource
from stadt360.offers.registry import OfferKind
from stadt360.offers.registry import registry as offer_kinds
from stadt360.providers.models import Provider
from stadt360.search.registry import registry
from stadt360.search.results import Hit, SearchResults
from stadt360.search.selectors import search


@dataclass(frozen=True)
class FacetOption:
    """One value of a search filter: checkbox/radio on the page, with its hit count."""

    value: str
    label: str
    count: int | None
    checked: bool


@dataclass(frozen=True)
class SearchPage:
    """What the public search page shows: the search app's results plus the filter choices."""

    results: SearchResults
    kinds: list[FacetOption]
    districts: list[FacetOption]

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.results.total // self.results.per_page))

    @property
    def rows(self) -> list[tuple[Hit, str]]:
        """Each hit with the readable name of its district ("" when it has none)."""
        names = self.results.facet_labels.get("district", {})
        return [(hit, names.get(hit.district, hit.district)) for hit in self.results.hits]


def site_search(
    *, query: str, kinds: list[str], district: str, page: int, per_page: int, language: str
) -> SearchPage:
    """One search over every indexed kind (``stadt360.search``); raises ``ValidationError``."""
    results = search(
        query=query,
        kinds=kinds or None,
        filters={"district": district} if district else None,
        page=page,
        per_page=per_page,
        language=language,
    )
    # Facet counts are over the filtered set, so a chosen kind hides the others' counts:
    # every registered kind stays offered, with a count where the search app gave one.
    kind_counts: dict[str, int | None] = dict(results.facets.get("kind", {}))
    if not kinds:  # unfiltered: a kind without a count has no hits
        kind_counts = {each.name: kind_counts.get(each.name, 0) for each in registry}
    with translation.override(language):
        kind_options = [
            FacetOption(each.name, str(each.label), kind_counts.get(each.name), each.name in kinds)
            for each in registry
        ]
    district_labels = results.facet_labels.get("district", {})
    district_options = [
        FacetOption(slug, district_labels.get(slug, slug), count, slug == district)
        for slug, count in sorted(
            results.facets.get("district", {}).items(),
            key=lambda item: district_labels.get(item[0], item[0]),
        )
    ]
    if district and not any(option.checked for option in district_options):
        # Chosen but without hits: keep it visible and checked so it can be unchosen.
        district_options.append(FacetOption(district, district, 0, True))
    return SearchPage(results=results, kinds=kind_options, districts=district_options)


def search_kinds() -> list[tuple[str, str]]:
    """(name, label) of every kind the search app indexes, in registration order."""
    return [(each.name, str(each.label)) for each in registry]


def published_counts() -> list[tuple[OfferKind, int]]:
    """How many offers of each kind the public can see (the start page shows it)."""
    return [(kind, kind.model.objects.published().count()) for kind in offer_kinds]


def demo_data_present() -> bool:
    """Whether any demo provider or demo offer exists, so pages must say "Demodaten"."""
    if Provider.objects.filter(is_demo=True).exists():
        return True
    return any(kind.model.objects.filter(source=OfferSource.DEMO).exists() for kind in offer_kinds)
