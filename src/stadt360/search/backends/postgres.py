"""PostgreSQL: a generated, weighted tsvector (``stadt360_german``: unaccent + german_stem)
with a GIN index, ``ts_rank_cd`` for ranking and pg_trgm on the vocabulary for typos.

Compound parts are already in the document texts (added in Python when indexing).

A search ranks a bounded candidate set, not every match: at most ``CANDIDATES`` documents
are read from the GIN index tier by tier (every word, then – for several words – some
words only), scored with ``ts_rank_cd`` and sorted. Facets
and ``total`` are counted over that set; when it is full, ``total_exact`` is False and
``total`` is a lower bound. Page, counts and the page's document rows come back in one
statement.
"""

from collections.abc import Sequence
from typing import Any

from django.db import connection

from ..models import Document
from ..query import Alternative, Clause, QueryPlan
from .base import Filters, RawResults, filter_sql

CONFIG = "stadt360_german"
RANK = "ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.document, %s::tsquery, 32)"
FACET_SQL = "d.facets ->> %s"
TRIGRAM_THRESHOLD = 0.25
MAX_CANDIDATES = 30
CANDIDATES = 2000  # documents ranked per search at most (more for deep pages)


class Tier:
    """One slice of the candidates: a match condition, its score and an optional order."""

    def __init__(
        self,
        match: str,
        match_params: list[object],
        score: str,
        score_params: list[object],
        order: str = "",
    ) -> None:
        self.match, self.match_params = match, match_params
        self.score, self.score_params = score, score_params
        self.order = order


class PostgresBackend:
    def write(self, documents: Sequence[Document]) -> None:
        """Nothing to do: the tsvector column is generated from the texts."""

    def delete(self, ids: Sequence[int]) -> None:
        """Nothing to do: the document rows carry the tsvector."""

    def clear(self) -> None:
        """Nothing to do (see ``write``)."""

    def similar_terms(self, word: str) -> list[tuple[str, int]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.similarity_threshold', %s, false)",
                [str(TRIGRAM_THRESHOLD)],
            )
            cursor.execute(
                "SELECT term, doc_count FROM search_term WHERE term %% %s "
                "ORDER BY similarity(term, %s) DESC, doc_count DESC LIMIT %s",
                [word, word, MAX_CANDIDATES],
            )
            return list(cursor.fetchall())

    def run(self, plan: QueryPlan, filters: Filters, offset: int, limit: int) -> RawResults:
        cap = max(CANDIDATES, offset + limit + 1)
        if not plan.clauses:
            browse = Tier("TRUE", [], "0.0", [], order=" ORDER BY d.id DESC")
            return self._candidates([browse], 1, filters, cap, offset, limit, "id DESC")
        clauses = [query for query in self.tsqueries(plan.clauses) if query]
        if not clauses:
            return RawResults()
        every = " & ".join(f"({query})" for query in clauses)
        tiers = [Tier("d.document @@ %s::tsquery", [every], RANK, [every])]
        if len(clauses) > 1:
            some = " | ".join(f"({query})" for query in clauses)
            coverage = " + ".join(["(d.document @@ %s::tsquery)::int"] * len(clauses))
            tiers.append(
                Tier(
                    "d.document @@ %s::tsquery AND NOT d.document @@ %s::tsquery",
                    [some, every],
                    f"{coverage} + {RANK}",
                    [*clauses, some],
                )
            )
        order = "tier >= 1, score DESC, id"  # every word first, then by words matched
        return self._candidates(tiers, 1, filters, cap, offset, limit, order)

    def tsqueries(self, clauses: Sequence[Clause]) -> list[str]:
        """Each clause as tsquery text, analysed by PostgreSQL itself (one round trip)."""
        expressions: list[str] = []
        params: list[str] = []
        for clause in clauses:
            parts = [_alternative_sql(alternative) for alternative in clause.alternatives]
            expressions.append(f"({' || '.join(parts)})::text")
            params.extend(alternative.text for alternative in clause.alternatives)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(expressions)}", params)
            return list(cursor.fetchone())

    def _candidates(
        self,
        tiers: list[Tier],
        complete: int,
        filters: Filters,
        cap: int,
        offset: int,
        limit: int,
        order: str,
    ) -> RawResults:
        """Ranks at most ``cap`` candidates, tier after tier. Rows of tiers from
        ``complete`` on (documents matching some words) count only when the tiers before
        them hold less than a page."""
        where, filter_params = filter_sql(filters, FACET_SQL)
        selects: list[str] = []
        params: list[Any] = []
        for number, tier in enumerate(tiers):
            selects.append(
                f"(SELECT d.id, d.kind, d.district, d.facets, {number} AS tier, "
                f"({tier.score})::float8 AS score FROM search_document d "
                f"WHERE {tier.match}{where}{tier.order} LIMIT %s)"
            )
            params += [*tier.score_params, *tier.match_params, *filter_params, cap]
        sql = f"""
            WITH c AS MATERIALIZED (
                SELECT * FROM ({" UNION ALL ".join(selects)}) t LIMIT %s
            ), k AS MATERIALIZED (
                SELECT * FROM c WHERE tier < %s OR (SELECT count(*) FROM c WHERE tier < %s) < %s
            )
            SELECT 'hit', h.id::text, h.n::text, h.score, d.kind, d.object_id, d.title, d.snippet,
                d.district
            FROM (SELECT id, score, row_number() OVER (ORDER BY {order}) AS n
                FROM k ORDER BY {order} LIMIT %s OFFSET %s) h
            JOIN search_document d ON d.id = h.id
            UNION ALL SELECT 'size', NULL, NULL, count(*)::float8, NULL, NULL, NULL, NULL, NULL
                FROM c
            UNION ALL SELECT 'kind', kind, NULL, count(*)::float8, NULL, NULL, NULL, NULL, NULL
                FROM k GROUP BY kind
            UNION ALL SELECT 'district', district, NULL, count(*)::float8, NULL, NULL, NULL,
                NULL, NULL FROM k WHERE district <> '' GROUP BY district
            UNION ALL SELECT 'facet', e.key, e.value, count(*)::float8, NULL, NULL, NULL, NULL,
                NULL FROM k, jsonb_each_text(k.facets) e GROUP BY e.key, e.value
        """
        params += [cap, complete, complete, offset + limit, limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return _collect(cursor.fetchall(), cap)


def _alternative_sql(alternative: Alternative) -> str:
    function = "phraseto_tsquery" if alternative.phrase else "plainto_tsquery"
    return f"{function}('{CONFIG}', %s)"


def _collect(rows: Sequence[tuple], cap: int) -> RawResults:
    results = RawResults(facets={"kind": {}, "district": {}})
    hits: list[tuple[int, int, float]] = []
    for section, key, value, number, kind, object_id, title, snippet, district in rows:
        if section == "hit":
            pk = int(key)
            hits.append((int(value), pk, float(number)))
            results.documents[pk] = Document(
                pk=pk,
                kind=kind,
                object_id=object_id,
                title=title,
                snippet=snippet,
                district=district,
            )
        elif section == "size":
            results.total_exact = int(number) < cap
        elif section == "facet":
            results.facets.setdefault(key, {})[value] = int(number)
        else:
            results.facets[section][key] = int(number)
    hits.sort()
    results.ids = [pk for _, pk, _ in hits]
    results.scores = {pk: score for _, pk, score in hits}
    results.total = sum(results.facets["kind"].values())
    return results
