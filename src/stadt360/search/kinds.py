"""The offer kinds in the index: jobs, flats, Kitas and schools.

Labels of choices are read in German (the index language): indexing runs under
``translation.override("de")``.
"""

from decimal import Decimal

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from stadt360.childcare.models import Concept, Kita
from stadt360.housing.models import Flat
from stadt360.jobs.models import EmploymentType, Job
from stadt360.schools.models import School, SchoolType

from .registry import Facet, IndexedKind, TextField, attribute, register

ROOM_BUCKETS = {"1": _("1 room"), "2": _("2 rooms"), "3": _("3 rooms"), "4+": _("4 rooms or more")}
YES_NO = {"yes": _("yes"), "no": _("no")}


def _display(name: str) -> TextField:
    return TextField(lambda obj: getattr(obj, f"get_{name}_display")(), "B")


def _yes_no(name: str, label: Promise) -> Facet:
    return Facet(name, label, lambda obj: "yes" if getattr(obj, name) else "no", YES_NO)


def _place(obj: models.Model) -> str:
    district = attribute("district.name")(obj)
    return f"{district or ''} {getattr(obj, 'city', '')}".strip()


def _rooms(obj: models.Model) -> str:
    rooms = obj.rooms  # type: ignore[attr-defined]
    whole = int(rooms) if rooms == int(rooms) else rooms
    return f"{whole}-Zimmer-Wohnung {whole} Zimmer"


def rooms_bucket(obj: models.Model) -> str:
    rooms: Decimal = obj.rooms  # type: ignore[attr-defined]
    return "4+" if rooms >= 4 else str(max(1, int(rooms)))


def _flat_features(obj: models.Model) -> str:
    features = {
        "balcony": "Balkon",
        "lift": "Aufzug",
        "step_free": "barrierefrei",
        "wbs_required": "WBS",
    }
    return " ".join(word for name, word in features.items() if getattr(obj, name))


def _description(obj: models.Model) -> str:
    return getattr(obj, "description", "") or ""


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
            TextField(_place, "B"),
            _display("employment_type"),
            TextField("description", "C"),
            TextField("requirements", "C"),
        ),
        title=lambda obj: obj.title,  # type: ignore[attr-defined]
        snippet=_description,
        url_name="public:job-detail",
        facets=(
            Facet(
                "employment_type",
                _("employment type"),
                attribute("employment_type"),  # type: ignore[arg-type]
                dict(EmploymentType.choices),
            ),
        ),
        related=("provider", "occupation", "district"),
    )
)
register(
    IndexedKind(
        name="flat",
        label=_("Flat"),
        model=Flat,
        visible=Flat.objects.published,
        fields=(
            TextField("title", "A"),
            TextField(_rooms, "B"),
            TextField(_place, "B"),
            TextField("provider.name", "B"),
            TextField("description", "C"),
            TextField(lambda obj: f"Wohnung {_flat_features(obj)}", "D"),
        ),
        title=lambda obj: obj.title,  # type: ignore[attr-defined]
        snippet=_description,
        url_name="public:flat-detail",
        facets=(
            Facet("rooms", _("rooms"), rooms_bucket, ROOM_BUCKETS),
            _yes_no("balcony", _("balcony")),
        ),
        related=("provider", "district"),
    )
)
register(
    IndexedKind(
        name="kita",
        label=_("Kita"),
        model=Kita,
        visible=Kita.objects.published,
        fields=(
            TextField("name", "A"),
            _display("concept"),
            TextField(_place, "B"),
            TextField("provider.name", "B"),
            TextField("description", "C"),
            TextField(lambda obj: "Kita inklusiv" if obj.inclusive else "Kita", "D"),  # type: ignore[attr-defined]
        ),
        title=lambda obj: obj.name,  # type: ignore[attr-defined]
        snippet=_description,
        url_name="public:kita-detail",
        facets=(Facet("concept", _("concept"), attribute("concept"), dict(Concept.choices)),),  # type: ignore[arg-type]
        related=("provider", "district"),
    )
)
register(
    IndexedKind(
        name="school",
        label=_("School"),
        model=School,
        visible=School.objects.published,
        fields=(
            TextField("name", "A"),
            _display("school_type"),
            TextField(_place, "B"),
            TextField("provider.name", "B"),
            TextField("description", "C"),
            TextField(lambda obj: "Schule Ganztag" if obj.all_day_care else "Schule", "D"),  # type: ignore[attr-defined]
        ),
        title=lambda obj: obj.name,  # type: ignore[attr-defined]
        snippet=_description,
        url_name="public:school-detail",
        facets=(
            Facet(
                "school_type",
                _("type of school"),
                attribute("school_type"),
                dict(SchoolType.choices),
            ),  # type: ignore[arg-type]
            _yes_no("all_day_care", _("all-day care")),
        ),
        related=("provider", "district"),
    )
)
