"""The backend interface and what a backend returns (ids and counts; the selector builds hits)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from ..models import Document
from ..query import QueryPlan


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    facets: tuple[tuple[str, str], ...] = ()
    today: date | None = None


@dataclass
class RawResults:
    ids: list[int] = field(default_factory=list)
    scores: dict[int, float] = field(default_factory=dict)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    total: int = 0
    total_exact: bool = True  # False: more matched than were counted, ``total`` is a lower bound
    documents: dict[int, Document] = field(
        default_factory=dict
    )  # page rows, when the backend read them


class SearchBackend(Protocol):
    def write(self, documents: Sequence[Document]) -> None:
        """Index these saved documents (replacing what was indexed under their ids)."""

    def delete(self, ids: Sequence[int]) -> None: ...

    def clear(self) -> None: ...

    def similar_terms(self, word: str) -> list[tuple[str, int]]:
        """Vocabulary terms that may be this word mistyped, with their document counts."""
        ...

    def run(self, plan: QueryPlan, filters: Filters, offset: int, limit: int) -> RawResults: ...


def filter_sql(filters: Filters, facet_sql: str) -> tuple[str, list[Any]]:
    """SQL conditions (prefixed with AND) for the filters; ``facet_sql`` reads one facet."""
    parts: list[str] = ["(d.visible_until IS NULL OR d.visible_until >= %s)"]
    params: list[Any] = [filters.today]
    for column, values in (("kind", filters.kinds), ("district", filters.districts)):
        if values:
            parts.append(f"d.{column} IN ({', '.join(['%s'] * len(values))})")
            params.extend(values)
    for name, value in filters.facets:
        parts.append(f"{facet_sql} = %s")
        params.extend([name, value])
    return " AND " + " AND ".join(parts), params


def count_facets(rows: Sequence[tuple[str, str, dict]]) -> dict[str, dict[str, int]]:
    """Facet counts from (kind, district, facets) rows, in Python (the SQLite path)."""
    counts: dict[str, dict[str, int]] = {"kind": {}, "district": {}}
    for kind, district, facets in rows:
        _bump(counts, "kind", kind)
        if district:
            _bump(counts, "district", district)
        for name, value in facets.items():
            _bump(counts, name, str(value))
    return counts


def _bump(counts: dict[str, dict[str, int]], name: str, value: str) -> None:
    bucket = counts.setdefault(name, {})
    bucket[value] = bucket.get(value, 0) + 1
