"""The schools in the site search: what goes into the index and how a hit is shown.

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
    yes_no,
)

from .models import School, SchoolType

register(
    IndexedKind(
        name="school",
        label=_("School"),
        model=School,
        visible=School.objects.published,
        fields=(
            TextField("name", "A"),
            display("school_type"),
            TextField(place, "B"),
            TextField("provider.name", "B"),
            TextField("description", "C"),
            TextField(lambda obj: "Schule Ganztag" if obj.all_day_care else "Schule", "D"),  # type: ignore[attr-defined]
        ),
        title=lambda obj: obj.name,  # type: ignore[attr-defined]
        snippet=description,
        url_name="public:school-detail",
        facets=(
            choice_facet("school_type", _("type of school"), SchoolType.choices),
            yes_no("all_day_care", _("all-day care")),
        ),
        related=("provider", "district"),
    )
)
