"""The flats as an offer kind: registered with ``stadt360.offers``' registry (autodiscovered).

This module is the one place the kind is wired into portal, public pages and the API:
its model, selector, FilterSet, schemas, portal form, refresh task and labels.
"""

from django.utils.translation import gettext_lazy as _

from stadt360.offers.registry import OfferKind, register

from .filters import FlatFilterSet
from .forms import FlatForm
from .models import Flat
from .schemas import FlatDetail, FlatIn, FlatPage, FlatSummary
from .selectors import flat_list
from .tasks import refresh_flats_task

KIND = register(
    OfferKind(
        key="flat",
        path="flats",
        model=Flat,
        singular=_("Flat"),
        plural=_("Flats"),
        api_label="flat",
        public_segment="wohnungen",
        name_field="title",
        selector=flat_list,
        filterset=FlatFilterSet,
        summary_schema=FlatSummary,
        detail_schema=FlatDetail,
        page_schema=FlatPage,
        write_schema=FlatIn,
        form=FlatForm,
        refresh_task=refresh_flats_task,
    )
)
