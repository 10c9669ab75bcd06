"""Text similarity: TF-IDF cosine over German-stemmed words, with the words that matched.

Small corpora only (a post against a few hundred candidates): vectors are plain dicts,
built per call from the documents given. ``shared_terms`` returns the words as people
wrote them ("CNC", "Zerspanung"), not the stems, so they can be shown as a reason.
"""

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import Stemmer

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_LENGTH = 3

Vector = dict[str, float]


@cache
def stopwords() -> frozenset[str]:
    path = Path(__file__).parent / "data" / "stopwords_de.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german")


def words(text: str) -> list[str]:
    """The content words of ``text`` as written (stop words and short words removed)."""
    found = (match.group(0) for match in WORD.finditer(text))
    return [w for w in found if len(w) >= MIN_LENGTH and w.lower() not in stopwords()]


def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


@dataclass
class Corpus:
    """TF-IDF vectors of a list of documents, plus a stem → surface word map for reasons."""

    vectors: list[Vector]
    surface: dict[str, str]

    @classmethod
    def build(cls, documents: Sequence[str]) -> "Corpus":
        counts = [Counter(stem(w) for w in words(doc)) for doc in documents]
        document_frequency = Counter(term for count in counts for term in count)
        total = len(documents)
        idf = {t: math.log((1 + total) / (1 + df)) + 1 for t, df in document_frequency.items()}
        vectors = [
            _normalised({t: (1 + math.log(n)) * idf[t] for t, n in c.items()}) for c in counts
        ]
        return cls(vectors=vectors, surface=_surface_forms(documents))

    def cosine(self, left: int, right: int) -> float:
        a, b = self.vectors[left], self.vectors[right]
        if len(a) > len(b):
            a, b = b, a
        return sum(weight * b.get(term, 0.0) for term, weight in a.items())

    def shared_terms(self, left: int, right: int, *, limit: int = 3) -> list[str]:
        """The surface words that contribute most to the cosine of two documents."""
        a, b = self.vectors[left], self.vectors[right]
        common = sorted(set(a) & set(b), key=lambda t: (-a[t] * b[t], t))
        return [self.surface.get(term, term) for term in common[:limit]]


def _normalised(vector: Vector) -> Vector:
    length = math.sqrt(sum(value * value for value in vector.values()))
    return {term: value / length for term, value in vector.items()} if length else {}


def _surface_forms(documents: Sequence[str]) -> dict[str, str]:
    """For each stem the most frequent way it is written (ties: the first seen)."""
    seen: dict[str, Counter[str]] = {}
    for doc in documents:
        for word in words(doc):
            seen.setdefault(stem(word), Counter())[word] += 1
    return {term: forms.most_common(1)[0][0] for term, forms in seen.items()}
