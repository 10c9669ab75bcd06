"""SQLite FTS5 (the embedded default). Texts are stemmed in Python (Snowball German) before
they reach FTS5, compound parts included; BM25 ranks with weights A–D over four columns."""

import json
from collections.abc import Sequence
from itertools import batched
from typing import Any

from django.db import connection

from .. import text
from ..models import Document
from ..query import Alternative, Clause, QueryPlan
from .base import Filters, RawResults, count_facets, filter_sql

BM25 = "bm25(search_fts, 10.0, 4.0, 2.0, 1.0)"
FACET_SQL = "json_extract(d.facets, '$.' || %s)"
MAX_CANDIDATES = 200


class SqliteBackend:
    def write(self, documents: Sequence[Document]) -> None:
        rows: list[tuple[Any, ...]] = [
            (doc.pk, *(text.stemmed(value) for value in doc.texts)) for doc in documents
        ]
        with connection.cursor() as cursor:
            self._delete(cursor, [row[0] for row in rows])
            cursor.executemany(
                "INSERT INTO search_fts (rowid, a, b, c, d) VALUES (%s, %s, %s, %s, %s)", rows
            )

    def delete(self, ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            self._delete(cursor, ids)

    def _delete(self, cursor: object, ids: Sequence[int]) -> None:
        for chunk in batched(ids, 500, strict=False):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", chunk)  # type: ignore[attr-defined]

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")

    def similar_terms(self, word: str) -> list[tuple[str, int]]:
        """Terms sharing the first two letters and of a similar length."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term, doc_count FROM search_term WHERE term >= %s AND term < %s "
                "AND length(term) BETWEEN %s AND %s ORDER BY doc_count DESC LIMIT %s",
                [word[:2], word[:2] + "\uffff", len(word) - 2, len(word) + 2, MAX_CANDIDATES],
            )
            return list(cursor.fetchall())

    def run(self, plan: QueryPlan, filters: Filters, offset: int, limit: int) -> RawResults:
        clauses = [expr for expr in (fts_clause(clause) for clause in plan.clauses) if expr]
        if not plan.clauses:
            return self._browse(filters, offset, limit)
        if not clauses:
            return RawResults()
        rows = self._matches(" AND ".join(clauses), filters)
        if len(rows) < offset + limit and len(clauses) > 1:
            rows = self._with_coverage(clauses, filters)
        rows.sort(key=lambda row: (-row[1], row[0][0]))
        return _results([row[0] for row in rows], [row[1] for row in rows], offset, limit)

    def _matches(self, match: str, filters: Filters) -> list[tuple[tuple, float]]:
        where, params = filter_sql(filters, FACET_SQL)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.id, d.kind, d.district, d.facets, {BM25} FROM search_fts "
                f"JOIN search_document d ON d.id = search_fts.rowid "
                f"WHERE search_fts MATCH %s{where}",
                [match, *params],
            )
            return [(row[:4], _unit(-row[4])) for row in cursor.fetchall()]

    def _with_coverage(self, clauses: list[str], filters: Filters) -> list[tuple[tuple, float]]:
        rows = self._matches(" OR ".join(clauses), filters)
        with connection.cursor() as cursor:
            covered: dict[int, int] = {}
            for clause in clauses:
                cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [clause])
                for (rowid,) in cursor.fetchall():
                    covered[rowid] = covered.get(rowid, 0) + 1
        return [(row, covered.get(row[0], 0) + score) for row, score in rows]

    def _browse(self, filters: Filters, offset: int, limit: int) -> RawResults:
        where, params = filter_sql(filters, FACET_SQL)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.id, d.kind, d.district, d.facets FROM search_document d "
                f"WHERE 1 = 1{where} ORDER BY d.id DESC",
                params,
            )
            rows = cursor.fetchall()
        return _results(rows, [0.0] * len(rows), offset, limit)


def fts_clause(clause: Clause) -> str:
    alternatives = [expr for expr in map(fts_alternative, clause.alternatives) if expr]
    return f"({' OR '.join(dict.fromkeys(alternatives))})" if alternatives else ""


def fts_alternative(alternative: Alternative) -> str:
    stems = [text.stem(word) for word in text.content_words(alternative.text)]
    if not stems:
        return ""
    if alternative.phrase:
        return '"' + " ".join(stems) + '"'
    return "(" + " AND ".join(f'"{stem}"' for stem in stems) + ")"


def _unit(value: float) -> float:
    return value / (1.0 + value) if value > 0 else 0.0


def _results(rows: Sequence[tuple], scores: list[float], offset: int, limit: int) -> RawResults:
    page = rows[offset : offset + limit]
    decoded = [(kind, district, _facets(facets)) for _, kind, district, facets in rows]
    return RawResults(
        ids=[row[0] for row in page],
        scores={row[0]: score for row, score in zip(rows, scores, strict=True)},
        facets=count_facets(decoded),
        total=len(rows),
    )


def _facets(value: object) -> dict:
    return json.loads(value) if isinstance(value, str) else dict(value or {})  # type: ignore[call-overload]
