"""Index upkeep for bulk writes, which send no per-object signals (feed imports)."""

from collections.abc import Iterable

from .indexing import reindex_object


def reindex_objects(kind_name: str, ids: Iterable[int]) -> int:
    """Brings the index entries of these objects up to date; returns how many are indexed."""
    return sum(reindex_object(kind_name, pk) for pk in ids)
