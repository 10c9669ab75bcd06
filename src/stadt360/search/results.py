"""The one results contract of every backend."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Hit:
    kind: str
    kind_label: str
    id: int
    title: str
    url: str | None
    snippet: str  # HTML: escaped text, matches in <mark>
    score: float
    district: str


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    total: int
    page: int
    per_page: int
    suggestions: list[str] = field(default_factory=list)
    facet_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    # False when only the best candidates were counted (PostgreSQL, very broad queries):
    # ``total`` and the facet counts are then lower bounds ("more than …").
    total_exact: bool = True

    @property
    def has_next(self) -> bool:
        return self.page * self.per_page < self.total
