"""The jobs as an offer kind: registered with ``stadt360.offers``' registry (autodiscovered).

This module is the one place the kind is wired into portal, public pages and the API:
its model, selector, FilterSet, schemas, portal form, refresh task and labels.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from stadt360.offers.registry import OfferKind, register

from .filters import JobFilterSet
from .forms import JobForm
from .models import Job, Occupation
from .schemas import JobDetail, JobIn, JobPage, JobSummary
from .selectors import job_list
from .tasks import refresh_jobs_task


def occupation_by_code(data: dict[str, Any]) -> dict[str, Any]:
    """The write API names occupations by KldB code; the services take the occupation."""
    code = data.get("occupation")
    if not code:
        return data
    occupation = Occupation.objects.filter(code=code).first()
    if occupation is None:
        raise ValidationError({"occupation": [gettext_now("Unknown KldB code.")]})
    return {**data, "occupation": occupation.pk}


KIND = register(
    OfferKind(
        key="job",
        path="jobs",
        model=Job,
        singular=_("Job"),
        plural=_("Jobs"),
        api_label="job",
        public_segment="stellen",
        name_field="title",
        selector=job_list,
        filterset=JobFilterSet,
        summary_schema=JobSummary,
        detail_schema=JobDetail,
        page_schema=JobPage,
        write_schema=JobIn,
        form=JobForm,
        refresh_task=refresh_jobs_task,
        prepare_write=occupation_by_code,
    )
)
