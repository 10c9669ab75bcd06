"""PostgreSQL: a generated, weighted tsvector (``stadt360_german``: unaccent + german_stem)
with a GIN index, ``ts_rank_cd`` for ranking and pg_trgm on the vocabulary for typos.

Compound parts are already in the document texts (added in Python when indexing).
"""

from collections.abc import Sequence

from django.db import connection

from ..models import Document
from ..query import Alternative, Clause, QueryPlan
from .base import Filters, RawResults, filter_sql

CONFIG = "stadt360_german"
RANK = "ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.document, %s::tsquery, 32)"
FACET_SQL = "d.facets ->> %s"
TRIGRAM_THRESHOLD = 0.25
MAX_CANDIDATES = 30


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
        if not plan.clauses:
            return self._query("TRUE", "0.0", [], filters, offset, limit, order="d.id DESC")
        clauses = [query for query in self.tsqueries(plan.clauses) if query]
        if not clauses:
            return RawResults()
        every = " & ".join(f"({query})" for query in clauses)
        results = self._query(
            "d.document @@ %s::tsquery", RANK, [every, every], filters, offset, limit
        )
        if results.total >= offset + limit or len(clauses) == 1:
            return results
        return self._any(clauses, filters, offset, limit)

    def _any(self, clauses: list[str], filters: Filters, offset: int, limit: int) -> RawResults:
        """Documents matching some clauses; more clauses matched rank higher."""
        some = " | ".join(f"({query})" for query in clauses)
        coverage = " + ".join(["(d.document @@ %s::tsquery)::int"] * len(clauses))
        return self._query(
            "d.document @@ %s::tsquery",
            f"{coverage} + {RANK}",
            [*clauses, some, some],
            filters,
            offset,
            limit,
        )

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

    def _query(
        self,
        match: str,
        score: str,
        params: list[object],
        filters: Filters,
        offset: int,
        limit: int,
        order: str = "score DESC, d.id",
    ) -> RawResults:
        where, filter_params = filter_sql(filters, FACET_SQL)
        *score_params, match_param = params or [None]
        sql = f"""
            WITH m AS MATERIALIZED (
                SELECT d.id, d.kind, d.district, d.facets, {score} AS score
                FROM search_document d WHERE {match}{where}
            )
            SELECT 'hit', id::text, NULL, score::float8 FROM (
                SELECT d.id, d.score FROM m d ORDER BY {order} LIMIT %s OFFSET %s) h
            UNION ALL SELECT 'kind', kind, NULL, count(*)::float8 FROM m GROUP BY kind
            UNION ALL SELECT 'district', district, NULL, count(*)::float8 FROM m
                WHERE district <> '' GROUP BY district
            UNION ALL SELECT 'facet', e.key, e.value, count(*)::float8
                FROM m, jsonb_each_text(m.facets) e GROUP BY e.key, e.value
        """
        values = [*score_params, *([match_param] if params else []), *filter_params, limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            return _collect(cursor.fetchall())


def _alternative_sql(alternative: Alternative) -> str:
    function = "phraseto_tsquery" if alternative.phrase else "plainto_tsquery"
    return f"{function}('{CONFIG}', %s)"


def _collect(rows: Sequence[tuple]) -> RawResults:
    results = RawResults(facets={"kind": {}, "district": {}})
    for section, key, value, number in rows:
        if section == "hit":
            results.ids.append(int(key))
            results.scores[int(key)] = float(number)
        elif section == "facet":
            results.facets.setdefault(key, {})[value] = int(number)
        else:
            results.facets[section][key] = int(number)
    results.total = sum(results.facets["kind"].values())
    return results
