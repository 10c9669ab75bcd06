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

    @property
    def has_next(self) -> bool:
        return self.page * self.per_page < self.total
