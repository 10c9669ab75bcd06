"""Reads of published jobs, shaped for lists and details (the HTML pages and the API)."""

from .models import Job, JobQuerySet


def job_list() -> JobQuerySet:
    """Published jobs with everything a list row or detail page shows, in one query."""
    return Job.objects.published().select_related("provider", "district", "occupation")
