"""Readable names of facet values (kinds, districts, choices) in the active language."""

from stadt360.core.models import District

from .registry import registry


def facet_labels(facets: dict[str, dict[str, int]]) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {"kind": {}, "district": {}}
    for value in facets.get("kind", {}):
        kind = registry.get(value)
        labels["kind"][value] = str(kind.label) if kind else value
    slugs = list(facets.get("district", {}))
    names = (
        dict(District.objects.filter(slug__in=slugs).values_list("slug", "name")) if slugs else {}
    )
    labels["district"] = {slug: names.get(slug, slug) for slug in slugs}
    for name, values in facets.items():
        facet = registry.facet(name)
        if facet is not None:
            labels[name] = {value: str(facet.labels.get(value, value)) for value in values}
    return labels
