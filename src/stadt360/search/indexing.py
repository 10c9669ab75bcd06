"""Index maintenance: one object after a write, or everything from scratch.

``reindex_object`` is what the task runs; ``rebuild_index`` replaces the whole index in
one transaction (readers keep seeing the old index until it commits).
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db import models, transaction
from django.utils import translation

from . import vocabulary
from .backends import get_backend
from .models import Document, Term
from .registry import IndexedKind, registry
from .vocabulary import Vocabulary

SNIPPET_CHARS = 2000
BATCH = 1000


@dataclass(frozen=True)
class Source:
    """An object read for the index, before compounds are split."""

    kind: IndexedKind
    pk: int
    title: str
    snippet: str
    district: str
    facets: dict[str, str]
    until: date | None
    texts: tuple[str, str, str, str]


def read(kind: IndexedKind, obj: models.Model) -> Source:
    with translation.override("de"):
        texts = kind.texts(obj)
        return Source(
            kind=kind,
            pk=obj.pk,
            title=str(kind.title(obj))[:300],
            snippet=str(kind.snippet(obj))[:SNIPPET_CHARS],
            district=str(kind.district(obj) or ""),
            facets=kind.facet_values(obj),
            until=kind.until(obj),
            texts=(texts["A"], texts["B"], texts["C"], texts["D"]),
        )


def document(source: Source, known: Vocabulary) -> Document:
    a, b, c, d = (known.expand(value) for value in source.texts)
    return Document(
        kind=source.kind.name,
        object_id=source.pk,
        title=source.title,
        snippet=source.snippet,
        district=source.district,
        facets=source.facets,
        visible_until=source.until,
        text_a=a,
        text_b=b,
        text_c=c,
        text_d=d,
    )


def reindex_object(kind_name: str, pk: int) -> bool:
    """Brings one object's index entry up to date; True when it is (still) indexed."""
    kind = registry.get(kind_name)
    if kind is None:
        raise ValueError(f"unknown search kind {kind_name!r}")
    obj = kind.visible().select_related(*kind.related).filter(pk=pk).first()
    with transaction.atomic():
        old = Document.objects.select_for_update().filter(kind=kind_name, object_id=pk).first()
        old_terms = set(vocabulary.document_terms(old.texts)) if old else set()
        if obj is None:
            _remove(old, old_terms)
            return False
        source = read(kind, obj)
        new = document(source, vocabulary.lookup(_words(source)))
        new.pk = old.pk if old else None
        new.save()
        get_backend().write([new])
        vocabulary.apply_delta(old_terms, vocabulary.document_terms(new.texts))
    return True


def _remove(old: Document | None, old_terms: set[str]) -> None:
    if old is None:
        return
    get_backend().delete([old.pk])
    old.delete()
    vocabulary.apply_delta(old_terms, {})


def _words(source: Source) -> list[str]:
    from .text import words

    return [word for value in source.texts for word in words(value)]


def sources() -> Iterator[Source]:
    for kind in registry:
        queryset = kind.visible().select_related(*kind.related).order_by("pk")
        for obj in queryset.iterator(chunk_size=BATCH):
            yield read(kind, obj)


def rebuild_index() -> Counter[str]:
    """Replaces the whole index; returns how many documents of each kind it holds."""
    backend = get_backend()
    with transaction.atomic():
        backend.clear()
        Document.objects.all().delete()
        Term.objects.all().delete()
        read_all = list(sources())
        known = vocabulary.from_words(word for source in read_all for word in _words(source))
        counts: Counter[str] = Counter()
        written: dict[str, str] = {}
        for start in range(0, len(read_all), BATCH):
            docs = [document(source, known) for source in read_all[start : start + BATCH]]
            Document.objects.bulk_create(docs)
            backend.write(docs)
            for doc in docs:
                doc_terms = vocabulary.document_terms(doc.texts)
                counts.update(doc_terms.keys())
                for term, word in doc_terms.items():
                    written.setdefault(term, word)
        vocabulary.store(counts, written)
    return Counter(source.kind.name for source in read_all)
