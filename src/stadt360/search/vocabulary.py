"""The vocabulary of the index: known words for compound splitting, typos and suggestions."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import batched

from django.db import connection
from django.db.models import Q

from . import text
from .models import Term

CHUNK = 400


@dataclass(frozen=True)
class Vocabulary:
    terms: frozenset[str]
    stems: frozenset[str]
    _splits: dict[str, list[str]] = field(default_factory=dict, compare=False)

    def known(self, word: str) -> bool:
        stem = text.stem(word)
        return word in self.terms or stem in self.stems or stem in text.lexicon()

    def split(self, word: str) -> list[str]:
        """Compound parts of a word, memoised for this vocabulary."""
        if word not in self._splits:
            self._splits[word] = text.split_compound(word, self.known)
        return self._splits[word]

    def expand(self, value: str) -> str:
        parts = [part for word in text.words(value) for part in self.split(word)]
        return f"{value} {' '.join(parts)}" if parts else value


def from_words(words: Iterable[str]) -> Vocabulary:
    terms = frozenset(text.fold(word.lower()) for word in words if text.is_term(word))
    return Vocabulary(terms, frozenset(text.stem(term) for term in terms))


def candidates(words: Iterable[str]) -> set[str]:
    """Every word and, of long words, every substring a compound part could be."""
    found: set[str] = set()
    for word in words:
        folded = text.fold(word)
        found.add(folded)
        if len(folded) >= text.MIN_COMPOUND:
            found.update(
                folded[start:end]
                for start in range(len(folded))
                for end in range(start + text.MIN_PART, len(folded) + 1)
            )
    return found


def lookup(words: Iterable[str]) -> Vocabulary:
    """The part of the stored vocabulary that these words and their substrings touch."""
    wanted = sorted(candidates(words))
    terms: set[str] = set()
    stems: set[str] = set()
    for chunk in batched(wanted, CHUNK, strict=False):
        chunk_stems = {text.stem(word) for word in chunk}
        rows = Term.objects.filter(Q(term__in=chunk) | Q(stem__in=chunk_stems))
        for term, stem in rows.values_list("term", "stem"):
            terms.add(term)
            stems.add(stem)
    return Vocabulary(frozenset(terms), frozenset(stems))


def document_terms(texts: Iterable[str]) -> dict[str, str]:
    """Folded term → the word as first written, for the texts of one document."""
    found: dict[str, str] = {}
    for value in texts:
        for word in text.words(value):
            if text.is_term(word):
                found.setdefault(text.fold(word), word)
    return found


def apply_delta(removed: Iterable[str], added: dict[str, str]) -> None:
    """Keeps document counts right when one document's terms change."""
    gone = sorted(set(removed) - set(added))
    new = sorted(set(added) - set(removed))
    with connection.cursor() as cursor:
        for chunk in batched(gone, CHUNK, strict=False):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"UPDATE search_term SET doc_count = doc_count - 1 WHERE term IN ({marks})", chunk
            )
            cursor.execute(
                f"DELETE FROM search_term WHERE doc_count <= 0 AND term IN ({marks})", chunk
            )
        cursor.executemany(
            "INSERT INTO search_term (term, word, stem, doc_count) VALUES (%s, %s, %s, 1) "
            "ON CONFLICT (term) DO UPDATE SET doc_count = search_term.doc_count + 1",
            [(term, added[term][:100], text.stem(term)[:100]) for term in new],
        )


def store(counts: Counter[str], written: dict[str, str]) -> None:
    """Writes a whole vocabulary (rebuild)."""
    Term.objects.bulk_create(
        (
            Term(term=term[:100], word=written[term][:100], stem=text.stem(term)[:100], doc_count=n)
            for term, n in counts.items()
            if len(term) <= 100
        ),
        batch_size=2000,
    )


def closest(word: str, options: Sequence[tuple[str, int]]) -> str | None:
    """The most frequent option within the allowed edit distance of the word."""
    allowed = max_edits(len(word))
    if not allowed:
        return None
    scored = [(distance(word, term), -count, term) for term, count in options if term != word]
    scored = [entry for entry in scored if entry[0] <= allowed]
    return min(scored)[2] if scored else None


def max_edits(length: int) -> int:
    return 0 if length < 5 else 1 if length < 8 else 2


def distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus swapped neighbours)."""
    if abs(len(a) - len(b)) > 2:
        return 3
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]
