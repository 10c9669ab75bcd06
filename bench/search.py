"""Full-text search benchmark: Stadt360 (PostgreSQL backend) vs plain PostgreSQL FTS vs tantivy.

200,000 generated German offers (fixed seed, ``tests/search/corpus.py``) carry topic labels;
the judged queries of ``tests/data/search_judgements.json`` grade them by their rules, so
nDCG@10 is measured on the same data for all three. Queries run alternately (A B C A B C …)
after a warm-up; p50/p95 of each are reported. Needs PostgreSQL on 127.0.0.1:5432; the
database ``stadt360_search_bench_<pid>`` is created and dropped.

    .venv/bin/python bench/search.py [--scale 1.0] [--rounds 3]
"""

import argparse
import json
import math
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PG_DSN = "host=127.0.0.1 port=5432 user=postgres"
DATABASE = f"stadt360_search_bench_{os.getpid()}"
FULL_SIZE = 200_000
K = 10


def setup_django() -> None:
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stadt360.config.settings")
    import django

    django.setup()


def instance(spec: object, pk: int, districts: dict, providers: dict) -> object:
    """An unsaved offer carrying the spec's fields: the registry reads it like a saved one."""
    from stadt360.childcare.models import Kita
    from stadt360.housing.models import Flat
    from stadt360.jobs.models import Job
    from stadt360.schools.models import School

    model = {"job": Job, "flat": Flat, "kita": Kita, "school": School}[spec.kind]  # type: ignore[attr-defined]
    obj = model(
        pk=pk,
        city="Gera",
        provider=providers[spec.kind],
        district=districts[spec.district],
        **spec.fields,
    )  # type: ignore[attr-defined]
    return obj


def build(specs: list) -> tuple[list, list]:
    """Sources and search documents exactly as the indexer builds them (registry, compounds)."""
    from stadt360.core.models import District
    from stadt360.providers.models import Provider
    from stadt360.search import vocabulary
    from stadt360.search.indexing import _words, document, read
    from stadt360.search.registry import registry
    from tests.search.corpus import DISTRICTS

    districts = {slug: District(name=name, slug=slug) for slug, name in DISTRICTS}
    providers = {
        kind: Provider(name=f"Anbieter {kind}") for kind in ("job", "flat", "kita", "school")
    }
    sources = [
        read(registry.get(spec.kind), instance(spec, pk, districts, providers))  # type: ignore[arg-type]
        for pk, spec in enumerate(specs, 1)
    ]
    known = vocabulary.from_words(word for source in sources for word in _words(source))
    return sources, [document(source, known) for source in sources]


def copy_rows(cursor: psycopg.Cursor, table: str, columns: list[str], rows: list[tuple]) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def load(specs: list) -> list:
    """COPYs the documents, the vocabulary and the plain peer's table; returns the sources."""
    from collections import Counter

    from django.db import connection

    from stadt360.search import text, vocabulary

    sources, docs = build(specs)
    counts: Counter[str] = Counter()
    written: dict[str, str] = {}
    columns = [
        "id",
        "kind",
        "object_id",
        "title",
        "snippet",
        "district",
        "facets",
        "text_a",
        "text_b",
        "text_c",
        "text_d",
    ]
    rows = []
    for pk, doc in enumerate(docs, 1):
        rows.append(
            (
                pk,
                doc.kind,
                pk,
                doc.title,
                doc.snippet,
                doc.district,
                json.dumps(doc.facets),
                *doc.texts,
            )
        )
        terms = vocabulary.document_terms(doc.texts)
        counts.update(terms.keys())
        for term, word in terms.items():
            written.setdefault(term, word)
    connection.ensure_connection()
    raw = connection.connection
    with raw.cursor() as cursor:
        # Bulk load as one would: indexes dropped during COPY and built once afterwards.
        cursor.execute("SET maintenance_work_mem = '256MB'")
        cursor.execute("DROP INDEX search_document_gin")
        cursor.execute("DROP INDEX search_term_trgm")
        copy_rows(cursor, "search_document", columns, rows)
        copy_rows(
            cursor,
            "search_term",
            ["term", "word", "stem", "doc_count"],
            [
                (t, written[t][:100], text.stem(t)[:100], n)
                for t, n in counts.items()
                if len(t) <= 100
            ],
        )
        cursor.execute(
            "CREATE TABLE bench_plain (id int PRIMARY KEY, kind text, district text, facets jsonb, body text, "
            "tsv tsvector GENERATED ALWAYS AS (to_tsvector('german', body)) STORED)"
        )
        copy_rows(
            cursor,
            "bench_plain",
            ["id", "kind", "district", "facets", "body"],
            [
                (pk, s.kind.name, s.district, json.dumps(s.facets), " ".join(s.texts))
                for pk, s in enumerate(sources, 1)
            ],
        )
        cursor.execute("CREATE INDEX bench_plain_gin ON bench_plain USING gin (tsv)")
        cursor.execute("CREATE INDEX search_document_gin ON search_document USING gin (document)")
        cursor.execute("CREATE INDEX search_term_trgm ON search_term USING gin (term gin_trgm_ops)")
        cursor.execute("ANALYZE search_document")
        cursor.execute("ANALYZE search_term")
        cursor.execute("ANALYZE bench_plain")
    raw.commit()
    return sources


def tantivy_index(sources: list) -> Callable:
    import tantivy

    analyzer = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stemmer("german"))
        .build()
    )
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("title", tokenizer_name="de_stem")
    builder.add_text_field("body", tokenizer_name="de_stem")
    for name in ("kind", "district", "facet"):
        builder.add_text_field(name, tokenizer_name="raw")
    builder.add_integer_field("pk", stored=True, indexed=True)
    index = tantivy.Index(builder.build())
    index.register_tokenizer("de_stem", analyzer)
    writer = index.writer(heap_size=200_000_000, num_threads=1)
    for pk, source in enumerate(sources, 1):
        writer.add_document(
            tantivy.Document(
                title=source.texts[0],
                body=" ".join(source.texts[1:]),
                kind=source.kind.name,
                district=source.district,
                facet=[f"{k}={v}" for k, v in source.facets.items()] or [""],
                pk=pk,
            )
        )
    writer.commit()
    index.reload()
    searcher = index.searcher()

    def run(query: dict) -> list[int]:
        parsed, _ = index.parse_query_lenient(
            query["q"], ["title", "body"], field_boosts={"title": 2.0}
        )
        must = [(tantivy.Occur.Must, parsed)]
        for field, values in _filters(query).items():
            must.append(
                (tantivy.Occur.Must, tantivy.Query.term_set_query(index.schema, field, values))
            )
        hits = searcher.search(tantivy.Query.boolean_query(must), K).hits
        return [searcher.doc(address)["pk"][0] for _, address in hits]

    return run


def _filters(query: dict) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    if query["kinds"]:
        found["kind"] = query["kinds"]
    for name, value in query["filters"].items():
        found.setdefault("district" if name == "district" else "facet", []).append(
            value if name == "district" else f"{name}={value}"
        )
    return found


def plain_pg(query: dict) -> list[int]:
    from django.db import connection

    where, params = ["tsv @@ plainto_tsquery('german', %s)"], [query["q"]]
    for field, values in _filters(query).items():
        if field == "facet":
            for value in values:
                name, _, val = value.partition("=")
                where.append("facets ->> %s = %s")
                params += [name, val]
        else:
            where.append(f"{field} = ANY(%s)")
            params.append(values)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM bench_plain WHERE {' AND '.join(where)} "
            "ORDER BY ts_rank(tsv, plainto_tsquery('german', %s)) DESC, id LIMIT %s",
            [*params, query["q"], K],
        )
        return [row[0] for row in cursor.fetchall()]


def ours(query: dict) -> list[int]:
    from stadt360.search.selectors import search

    return [
        hit.id
        for hit in search(
            query=query["q"], kinds=query["kinds"], filters=query["filters"], per_page=K
        ).hits
    ]


def ndcg(ranked: list[int], grades: dict[int, int], ideal: list[int]) -> float:
    def dcg(values: list[int]) -> float:
        return sum((2**g - 1) / math.log2(rank + 2) for rank, g in enumerate(values[:K]))

    best = dcg(ideal)
    return dcg([grades.get(pk, 0) for pk in ranked]) / best if best else 1.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1.0")))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    n = max(200, int(FULL_SIZE * args.scale))
    with psycopg.connect(PG_DSN + " dbname=postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    try:
        return run(n, args.rounds)
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(PG_DSN + " dbname=postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def run(n: int, rounds: int) -> str:
    setup_django()
    from django.core.management import call_command

    from tests.search.corpus import grade, load_judgements, offers

    call_command("migrate", "core", verbosity=0)
    call_command("migrate", "search", verbosity=0)
    started = time.perf_counter()
    specs = list(offers(n, seed=360))
    sources = load(specs)
    print(f"indexed {n} documents into PostgreSQL in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    tantivy_run = tantivy_index(sources)
    print(f"indexed {n} documents into tantivy in {time.perf_counter() - started:.1f} s")
    queries = load_judgements()
    judged = []
    for query in queries:
        grades = {
            pk: g for pk, spec in enumerate(specs, 1) if (g := grade(spec.labels, query["rules"]))
        }
        judged.append((query, grades, sorted(grades.values(), reverse=True)[:K]))
    systems: dict[str, Callable] = {"stadt360": ours, "pg": plain_pg, "tantivy": tantivy_run}
    times: dict[str, list[float]] = {name: [] for name in systems}
    quality: dict[str, list[float]] = {name: [] for name in systems}
    for query, _, _ in judged:  # warm-up
        for system in systems.values():
            system(query)
    for round_ in range(rounds):
        for index, (query, grades, ideal) in enumerate(judged):
            names = list(systems)
            shift = (index + round_) % len(names)
            for name in names[shift:] + names[:shift]:
                started = time.perf_counter()
                ranked = systems[name](query)
                times[name].append((time.perf_counter() - started) * 1000)
                if round_ == 0:
                    quality[name].append(ndcg(ranked, grades, ideal))
    figures = {
        name: (
            statistics.median(times[name]),
            percentile(times[name], 0.95),
            statistics.fmean(quality[name]),
        )
        for name in systems
    }
    for name, (p50, p95, score) in figures.items():
        print(
            f"{name:9s} p50_ms={p50:.2f} p95_ms={p95:.2f} ndcg@10={score:.4f} queries={len(judged)} x{rounds}"
        )
    print(
        f"ratio p50 stadt360/tantivy={figures['stadt360'][0] / figures['tantivy'][0]:.1f} "
        f"stadt360/pg={figures['stadt360'][0] / figures['pg'][0]:.1f} "
        "(stadt360 includes facets, total, snippets and typo look-ups; peers return ten ids)"
    )
    line = (
        f"search: p95_ms={figures['stadt360'][1]:.1f} tantivy_p95_ms={figures['tantivy'][1]:.1f} "
        f"pg_p95_ms={figures['pg'][1]:.1f} ndcg={figures['stadt360'][2]:.3f} "
        f"tantivy_ndcg={figures['tantivy'][2]:.3f} pg_ndcg={figures['pg'][2]:.3f}"
    )
    print(line)
    return line


if __name__ == "__main__":
    main()
