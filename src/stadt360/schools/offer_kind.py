"""The schools as an offer kind: registered with ``stadt360.offers``' registry (autodiscovered).

This module is the one place the kind is wired into portal, public pages and the API:
its model, selector, FilterSet, schemas, portal form, refresh task and labels.
"""

from django.utils.translation import gettext_lazy as _

from stadt360.offers.registry import OfferKind, register

from .filters import SchoolFilterSet
from .forms import SchoolForm
from .models import School
from .schemas import SchoolDetail, SchoolIn, SchoolPage, SchoolSummary
from .selectors import school_list
from .tasks import refresh_schools_task

KIND = register(
    OfferKind(
        key="school",
        path="schools",
        model=School,
        singular=_("School"),
        plural=_("Schools"),
        api_label="school",
        public_segment="schulen",
        name_field="name",
        selector=school_list,
        filterset=SchoolFilterSet,
        summary_schema=SchoolSummary,
        detail_schema=SchoolDetail,
        page_schema=SchoolPage,
        write_schema=SchoolIn,
        form=SchoolForm,
        refresh_task=refresh_schools_task,
    )
)
