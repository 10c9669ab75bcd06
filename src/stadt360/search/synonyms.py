"""Synonym groups (``data/synonyms.json``), matched on stems and expanded at query time."""

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from . import text


@dataclass(frozen=True)
class Group:
    members: tuple[str, ...]
    stems: tuple[tuple[str, ...], ...]


def member_stems(member: str) -> tuple[str, ...]:
    return tuple(text.stem(word) for word in text.content_words(member))


@cache
def groups() -> tuple[Group, ...]:
    raw = files("stadt360.search").joinpath("data/synonyms.json").read_text(encoding="utf-8")
    return tuple(
        Group(tuple(members), tuple(member_stems(member) for member in members))
        for members in json.loads(raw)["groups"]
    )


@cache
def by_first_stem() -> dict[str, tuple[tuple[tuple[str, ...], Group], ...]]:
    index: dict[str, list[tuple[tuple[str, ...], Group]]] = {}
    for group in groups():
        for stems in group.stems:
            if stems:
                index.setdefault(stems[0], []).append((stems, group))
    return {first: tuple(entries) for first, entries in index.items()}


def match(stems: list[str], start: int) -> tuple[int, Group | None]:
    """The longest synonym phrase starting at ``start``: (its length, its group)."""
    best: tuple[int, Group | None] = (1, None)
    for phrase, group in by_first_stem().get(stems[start], ()):
        end = start + len(phrase)
        if tuple(stems[start:end]) == phrase and len(phrase) >= best[0]:
            best = (len(phrase), group)
    return best
