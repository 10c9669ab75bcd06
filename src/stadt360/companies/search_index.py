"""Companies in the search index (autodiscovered by the search app).

Products and services are indexed as part of their company: they have no page of their
own, and the registry links each hit to a page by the object's number.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stadt360.search.registry import (
    IndexedKind,
    TextField,
    attribute,
    choice_facet,
    register,
)

from .choices import SizeClass
from .models import Company


def _products(obj: models.Model) -> str:
    return " ".join(f"{p.name} {p.description}" for p in obj.products.all())  # type: ignore[attr-defined]


register(
    IndexedKind(
        name="company",
        label=_("Company"),
        model=Company,
        visible=Company.objects.listed,
        fields=(
            TextField("provider.name", "A"),
            TextField("wz_label", "B"),
            TextField(_products, "B"),
            TextField("apprenticeships", "C"),
            TextField("description", "C"),
        ),
        title=lambda obj: obj.provider.name,  # type: ignore[attr-defined]
        snippet=lambda obj: obj.description,  # type: ignore[attr-defined]
        url_name="companies:company-by-id",
        facets=(
            choice_facet("size_class", _("size"), SizeClass.choices),
            choice_facet("wz_section", _("industry")),
        ),
        district=attribute("provider.district.slug"),
        visible_until=lambda obj: None,
        related=("provider", "provider__district"),
    )
)
