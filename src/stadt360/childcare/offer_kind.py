"""The kitas as an offer kind: registered with ``stadt360.offers``' registry (autodiscovered).

This module is the one place the kind is wired into portal, public pages and the API:
its model, selector, FilterSet, schemas, portal form, refresh task and labels.
"""

from django.utils.translation import gettext_lazy as _

from stadt360.offers.registry import Nested, OfferKind, register

from .filters import KitaFilterSet
from .forms import KitaForm
from .models import Kita
from .schemas import KitaDetail, KitaIn, KitaPage, KitaSummary
from .selectors import kita_list
from .tasks import refresh_kitas_task

KIND = register(
    OfferKind(
        key="kita",
        path="kitas",
        model=Kita,
        singular=_("Kita"),
        plural=_("Kitas"),
        api_label="Kita",
        public_segment="kitas",
        name_field="name",
        selector=kita_list,
        filterset=KitaFilterSet,
        summary_schema=KitaSummary,
        detail_schema=KitaDetail,
        page_schema=KitaPage,
        write_schema=KitaIn,
        form=KitaForm,
        refresh_task=refresh_kitas_task,
        nested={
            "opening_hours": Nested(
                "childcare.OpeningHours", "kita", ("weekday", "opens", "closes")
            ),
            "free_places": Nested(
                "childcare.FreePlace",
                "kita",
                ("min_age_months", "max_age_months", "available_from", "count"),
            ),
        },
    )
)
