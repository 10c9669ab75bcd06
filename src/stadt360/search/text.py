"""German text analysis shared by indexing and querying, on both backends.

Words are lowercased; ``fold`` maps umlauts and accents to their base letter (ä → a,
ß → ss) like PostgreSQL's ``unaccent``; ``stem`` is the Snowball German stemmer (PyStemmer).
Compounds are split against a vocabulary of known words: "kinderbetreuung" →
["kinder", "betreuung"], so a search for "Betreuung" finds it.
"""

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from importlib.resources import files

import Stemmer

WORD = re.compile(r"[^\W_]+")
# Linking elements (Fugenelemente) that may end the head of a compound: Arbeit-s-platz.
LINKS = ("es", "s", "en", "n", "")
MIN_PART = 4
MIN_COMPOUND = 8
_local = threading.local()


def words(text: str) -> list[str]:
    """Lowercased words; hyphens and punctuation separate ("2-Zimmer" → "2", "zimmer")."""
    return WORD.findall(text.lower())


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    word = word.replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball German stem of a lowercased word, folded (kräfte → kraft).

    Feminine plurals lose "nen" first (köchinnen → köchin), which Snowball leaves apart.
    """
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("german")
    if len(word) > 7 and word.endswith("innen"):
        word = word[:-3]
    return fold(stemmer.stemWord(word))


@cache
def lexicon() -> frozenset[str]:
    """Folded base words and their stems (``data/lexicon.txt``) that compounds may contain."""
    raw = files("stadt360.search").joinpath("data/lexicon.txt").read_text(encoding="utf-8")
    entries = [
        fold(word) for line in raw.splitlines() if not line.startswith("#") for word in words(line)
    ]
    return frozenset(entries) | frozenset(stem(word) for word in entries)


@cache
def stopwords() -> frozenset[str]:
    text = files("stadt360.search").joinpath("data/stopwords.txt").read_text(encoding="utf-8")
    return frozenset(fold(word) for word in text.split())


def is_term(word: str) -> bool:
    """Words that enter the vocabulary: three letters or more, no stopword, not a number."""
    return len(word) >= 3 and not word.isdigit() and fold(word) not in stopwords()


def content_words(text: str) -> list[str]:
    return [word for word in words(text) if fold(word) not in stopwords()]


Known = Callable[[str], bool]


def split_compound(word: str, known: Known) -> list[str]:
    """The known parts of a compound (nested parts too), or [] when it is no compound."""
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return []
    return _split(fold(word), known, depth=0)


def _split(word: str, known: Known, depth: int) -> list[str]:
    # Longest head first: "pflegefachkraft" → "pflege" + "fachkraft" (+ "fach" + "kraft").
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, tail = word[:cut], word[cut:]
        base = _known_head(head, known)
        if base is None:
            continue
        if known(tail):
            return [base, tail, *(_split(tail, known, depth + 1) if depth < 2 else [])]
        rest = _split(tail, known, depth + 1) if depth < 2 else []
        if rest:
            return [base, *rest]
    return []


def _known_head(head: str, known: Known) -> str | None:
    for link in LINKS:
        if link and not head.endswith(link):
            continue
        base = head[: len(head) - len(link)] if link else head
        if len(base) >= MIN_PART and known(base):
            return base
    return None


def expand(text: str, known: Known) -> str:
    """The text followed by the parts of its compounds, as the index stores it."""
    parts = [part for word in words(text) for part in split_compound(word, known)]
    return f"{text} {' '.join(parts)}" if parts else text


def terms(texts: Iterable[str]) -> set[str]:
    """The vocabulary entries of some (expanded) texts: folded words."""
    return {fold(word) for text in texts for word in words(text) if is_term(word)}


def stemmed(text: str) -> str:
    """The text as the SQLite FTS5 table stores it: folded stems, stopwords dropped."""
    return " ".join(stem(word) for word in content_words(text))
