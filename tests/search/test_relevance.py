"""Relevance on the judged corpus: nDCG@10 and recall@10 over 70 graded queries.

The floors sit just below what each backend reaches (see docs/search.md); a change that
makes ranking worse fails here.
"""

import math

import pytest
from django.db import connection

from stadt360.search.selectors import search
from tests.search.corpus import grade, load_judgements, offers

FLOORS = {
    "sqlite": {"ndcg": 0.95, "recall": 0.96},
    "postgresql": {"ndcg": 0.93, "recall": 0.94},
}
K = 10


def dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(rank + 2) for rank, g in enumerate(grades[:K]))


def ndcg(ranked: list[str], relevant: dict[str, int]) -> float:
    ideal = dcg(sorted(relevant.values(), reverse=True))
    return dcg([relevant.get(key, 0) for key in ranked]) / ideal if ideal else 1.0


def recall(ranked: list[str], relevant: dict[str, int]) -> float:
    """Share of the relevant documents found in the top 10 (of at most 10 that fit)."""
    found = sum(1 for key in ranked[:K] if relevant.get(key, 0) > 0)
    return found / min(K, len(relevant))


def ranked_keys(query: dict, by_pk: dict) -> list[str]:
    results = search(query=query["q"], kinds=query["kinds"], filters=query["filters"], per_page=K)
    return [by_pk[(hit.kind, hit.id)] for hit in results.hits]


def test_judgements_follow_their_rules() -> None:
    specs = list(offers(480))
    for query in load_judgements():
        expected = {spec.key: g for spec in specs if (g := grade(spec.labels, query["rules"]))}
        assert query["relevant"] == expected, query["id"]


def test_judged_set_covers_every_category() -> None:
    queries = load_judgements()
    categories = {query["category"] for query in queries}
    assert len(queries) >= 60
    assert categories == {"inflection", "compound", "synonym", "typo", "multi", "filter"}


@pytest.mark.django_db
def test_ndcg_and_recall_at_10(judged_corpus: dict) -> None:
    by_pk = {value: key for key, value in judged_corpus.items()}
    queries = load_judgements()
    per_category: dict[str, list[float]] = {}
    ndcgs, recalls = [], []
    for query in queries:
        ranked = ranked_keys(query, by_pk)
        ndcgs.append(ndcg(ranked, query["relevant"]))
        recalls.append(recall(ranked, query["relevant"]))
        per_category.setdefault(query["category"], []).append(ndcgs[-1])
        if ndcgs[-1] < 0.5:
            print(f"weak: {query['id']} {query['q']!r} ndcg={ndcgs[-1]:.3f}")
    mean_ndcg, mean_recall = sum(ndcgs) / len(ndcgs), sum(recalls) / len(recalls)
    summary = " ".join(f"{name}={sum(v) / len(v):.3f}" for name, v in sorted(per_category.items()))
    print(
        f"relevance[{connection.vendor}]: ndcg@10={mean_ndcg:.4f} recall@10={mean_recall:.4f} {summary}"
    )
    floor = FLOORS[connection.vendor]
    assert mean_ndcg >= floor["ndcg"]
    assert mean_recall >= floor["recall"]
