"""The childcare in the site search: what goes into the index and how a hit is shown.

Autodiscovered by the search app. Labels of choices are read in German (the index
language): indexing runs under ``translation.override("de")``.
"""

from django.utils.translation import gettext_lazy as _

from stadt360.search.registry import (
    IndexedKind,
    TextField,
    choice_facet,
    description,
    display,
    place,
    register,
)

from .models import Concept, Kita

register(
    IndexedKind(
        name="kita",
        label=_("Kita"),
        model=Kita,
        visible=Kita.objects.published,
        fields=(
            TextField("name", "A"),
            display("concept"),
            TextField(place, "B"),
            TextField("provider.name", "B"),
            TextField("description", "C"),
            TextField(lambda obj: "Kita inklusiv" if obj.inclusive else "Kita", "D"),  # type: ignore[attr-defined]
        ),
        title=lambda obj: obj.name,  # type: ignore[attr-defined]
        snippet=description,
        url_name="public:kita-detail",
        facets=(choice_facet("concept", _("concept"), Concept.choices),),
        related=("provider", "district"),
    )
)
