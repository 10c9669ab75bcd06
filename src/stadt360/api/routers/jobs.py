from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from stadt360.jobs.filters import JobFilterSet
from stadt360.jobs.models import Job
from stadt360.jobs.selectors import job_list

from ..errors import NotFoundOut, ValidationErrorOut
from ..filtering import filtered, openapi_parameters
from ..pagination import PageParams, paginate
from ..params import object_id
from ..schemas.jobs import JobDetail, JobPage

router = Router(tags=["jobs"])


@router.get(
    "",
    response={200: JobPage, 422: ValidationErrorOut},
    url_name="job-list",
    summary="Published jobs",
    openapi_extra=openapi_parameters(JobFilterSet),
)
def list_jobs(request: HttpRequest, paging: Query[PageParams]) -> dict[str, Any]:
    """Filters are those of the job list page (one FilterSet); newest first."""
    return paginate(request, filtered(JobFilterSet, request, job_list()), paging)


@router.get(
    "/{job_id}",
    response={200: JobDetail, 404: NotFoundOut, 422: ValidationErrorOut},
    url_name="job-detail",
    summary="One published job",
)
def get_job(request: HttpRequest, job_id: int = object_id("job")) -> Job:
    return get_object_or_404(job_list(), pk=job_id)
