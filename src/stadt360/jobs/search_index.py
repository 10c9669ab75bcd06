"""The jobs in the site search: what goes into the index and how a hit is shown.

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

from .models import EmploymentType, Job

register(
    IndexedKind(
        name="job",
        label=_("Job"),
        model=Job,
        visible=Job.objects.published,
        fields=(
            TextField("title", "A"),
            TextField("occupation.title", "B"),
            TextField("skills", "B"),
            TextField("provider.name", "B"),
            TextField(place, "B"),
            display("employment_type"),
            TextField("description", "C"),
            TextField("requirements", "C"),
        ),
        title=lambda obj: obj.title,  # type: ignore[attr-defined]
        snippet=description,
        url_name="public:job-detail",
        facets=(choice_facet("employment_type", _("employment type"), EmploymentType.choices),),
        related=("provider", "occupation", "district"),
    )
)
