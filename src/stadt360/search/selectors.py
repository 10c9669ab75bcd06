"""The reads the search page and the API use: ``search`` and ``suggest``."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import query as planner
from . import text
from .backends import Filters, get_backend
from .highlight import highlight
from .labels import facet_labels
from .models import Document, Term
from .registry import registry
from .results import Hit, SearchResults

MAX_PER_PAGE = 100
MAX_PAGE = 1000
MAX_QUERY = 200


def search(
    *,
    query: str,
    kinds: Iterable[str] | None = None,
    filters: Mapping[str, str] | None = None,
    page: int = 1,
    per_page: int = 20,
    language: str = "de",
) -> SearchResults:
    """Published offers matching the query, best first, with facets and "did you mean"."""
    page, per_page = _paging(page, per_page)
    chosen = _filters(kinds, filters or {})
    backend = get_backend()
    plan = planner.plan(query[:MAX_QUERY], backend)
    raw = backend.run(plan, chosen, (page - 1) * per_page, per_page)
    stems = plan.stems
    documents = raw.documents or Document.objects.in_bulk(raw.ids)
    with translation.override(language):
        hits = [
            _hit(documents[pk], raw.scores.get(pk, 0.0), stems) for pk in raw.ids if pk in documents
        ]
        labels = facet_labels(raw.facets)
    return SearchResults(
        query=query,
        hits=hits,
        facets=raw.facets,
        total=raw.total,
        page=page,
        per_page=per_page,
        suggestions=[plan.corrected] if plan.corrected else [],
        facet_labels=labels,
        total_exact=raw.total_exact,
    )


def suggest(*, prefix: str, limit: int = 8) -> list[str]:
    """Completions of the last word typed, most frequent first ("2-Zimmer Wohn" → "… wohnung")."""
    typed = prefix[:MAX_QUERY].rstrip()
    words = text.words(typed)
    if not words or len(words[-1]) < 2:
        return []
    head = typed[: typed.lower().rfind(words[-1])]
    rows = (
        Term.objects.filter(term__startswith=text.fold(words[-1]))
        .order_by("-doc_count", "term")
        .values_list("word", flat=True)[: max(1, min(limit, 20))]
    )
    return [f"{head}{word}" for word in rows]


def _paging(page: int, per_page: int) -> tuple[int, int]:
    if not 1 <= page <= MAX_PAGE:
        raise ValidationError(
            _("Page must be between 1 and %(max)s."), params={"max": MAX_PAGE}, code="page"
        )
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise ValidationError(
            _("Results per page must be between 1 and %(max)s."),
            params={"max": MAX_PER_PAGE},
            code="per_page",
        )
    return page, per_page


def _filters(kinds: Iterable[str] | None, filters: Mapping[str, str]) -> Filters:
    chosen = tuple(dict.fromkeys(kinds or ()))
    unknown = [kind for kind in chosen if registry.get(kind) is None]
    if unknown:
        raise ValidationError(
            _("Unknown kind: %(kind)s."), params={"kind": ", ".join(unknown)}, code="kind"
        )
    facets = {name: str(value) for name, value in filters.items() if name != "district" and value}
    bad = [name for name in facets if registry.facet(name) is None]
    if bad:
        raise ValidationError(
            _("Unknown filter: %(name)s."), params={"name": ", ".join(bad)}, code="filter"
        )
    district = filters.get("district")
    return Filters(
        kinds=chosen,
        districts=(district,) if district else (),
        facets=tuple(sorted(facets.items())),
        today=timezone.localdate(),
    )


def _hit(doc: Document, score: float, stems: frozenset[str]) -> Hit:
    kind = registry.get(doc.kind)
    return Hit(
        kind=doc.kind,
        kind_label=str(kind.label) if kind else doc.kind,
        id=doc.object_id,
        title=doc.title,
        url=kind.url(doc.object_id) if kind else None,
        snippet=highlight(doc.snippet or doc.title, stems),
        score=round(score, 6),
        district=doc.district,
    )
