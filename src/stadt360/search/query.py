"""From the words a person typed to a backend-neutral query plan.

Each query word (or synonym phrase) becomes a clause; a clause matches when one of its
alternatives matches: the word itself, its synonyms, its typo correction, or all parts of
an unknown compound. Documents matching every clause rank first.
"""

from dataclasses import dataclass
from typing import Protocol

from . import synonyms, text, vocabulary
from .vocabulary import Vocabulary

MAX_WORDS = 12


@dataclass(frozen=True)
class Alternative:
    text: str
    phrase: bool = True  # False: all words anywhere (compound parts)


@dataclass(frozen=True)
class Clause:
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class QueryPlan:
    clauses: tuple[Clause, ...]
    corrected: str | None = None

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(
            text.stem(word)
            for clause in self.clauses
            for alternative in clause.alternatives
            for word in text.content_words(alternative.text)
        )


class TermSource(Protocol):
    def similar_terms(self, word: str) -> list[tuple[str, int]]: ...


def plan(query: str, source: TermSource) -> QueryPlan:
    tokens = text.content_words(query)[:MAX_WORDS]
    if not tokens:
        return QueryPlan(())
    known = vocabulary.lookup(tokens)
    fixed = [_correct(token, known, source) for token in tokens]
    words = [fix or token for token, fix in zip(tokens, fixed, strict=True)]
    corrected = " ".join(words) if any(fixed) else None
    return QueryPlan(_clauses(tokens, words, known), corrected)


def _correct(token: str, known: Vocabulary, source: TermSource) -> str | None:
    folded = text.fold(token)
    if token.isdigit() or known.known(folded) or known.split(folded):
        return None
    if vocabulary.max_edits(len(folded)) == 0:
        return None
    return vocabulary.closest(folded, source.similar_terms(folded))


def _clauses(tokens: list[str], words: list[str], known: Vocabulary) -> tuple[Clause, ...]:
    stems = [text.stem(word) for word in words]
    clauses: list[Clause] = []
    position = 0
    while position < len(words):
        length, group = synonyms.match(stems, position)
        if group is not None:
            typed = " ".join(tokens[position : position + length])
            members = dict.fromkeys((typed, *group.members))
            clauses.append(Clause(tuple(Alternative(member) for member in members)))
        else:
            clauses.append(_word_clause(tokens[position], words[position], known))
        position += length
    return tuple(clauses)


def _word_clause(token: str, word: str, known: Vocabulary) -> Clause:
    alternatives = dict.fromkeys([Alternative(token), Alternative(word)])
    parts = known.split(text.fold(word))
    if parts and not known.known(text.fold(word)):
        alternatives[Alternative(" ".join(parts), phrase=False)] = None
    return Clause(tuple(alternatives))
