"""The housing in the site search: what goes into the index and how a hit is shown.

Autodiscovered by the search app. Labels of choices are read in German (the index
language): indexing runs under ``translation.override("de")``.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from stadt360.search.registry import (
    Facet,
    IndexedKind,
    TextField,
    description,
    place,
    register,
    yes_no,
)

from .models import Flat

ROOM_BUCKETS = {"1": _("1 room"), "2": _("2 rooms"), "3": _("3 rooms"), "4+": _("4 rooms or more")}


def rooms_text(obj: models.Model) -> str:
    rooms = obj.rooms  # type: ignore[attr-defined]
    whole = int(rooms) if rooms == int(rooms) else rooms
    return f"{whole}-Zimmer-Wohnung {whole} Zimmer"


def rooms_bucket(obj: models.Model) -> str:
    rooms: Decimal = obj.rooms  # type: ignore[attr-defined]
    return "4+" if rooms >= 4 else str(max(1, int(rooms)))


def flat_features(obj: models.Model) -> str:
    features = {
        "balcony": "Balkon",
        "lift": "Aufzug",
        "step_free": "barrierefrei",
        "wbs_required": "WBS",
    }
    return " ".join(word for name, word in features.items() if getattr(obj, name))


register(
    IndexedKind(
        name="flat",
        label=_("Flat"),
        model=Flat,
        visible=Flat.objects.published,
        fields=(
            TextField("title", "A"),
            TextField(rooms_text, "B"),
            TextField(place, "B"),
            TextField("provider.name", "B"),
            TextField("description", "C"),
            TextField(lambda obj: f"Wohnung {flat_features(obj)}", "D"),
        ),
        title=lambda obj: obj.title,  # type: ignore[attr-defined]
        snippet=description,
        url_name="public:flat-detail",
        facets=(
            Facet("rooms", _("rooms"), rooms_bucket, ROOM_BUCKETS),
            yes_no("balcony", _("balcony")),
        ),
        related=("provider", "district"),
    )
)
