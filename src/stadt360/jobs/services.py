"""Writes of jobs: the one place portal, API and imports change a Job.

Thin typed fronts for stadt360.core.offers (see its docstring for the shape of data).
Every service is keyword-only, validates with full_clean() (a ValidationError with field
errors on bad data), runs in a transaction, writes an audit entry with the changed fields
and enqueues refresh_jobs_task after commit.
"""

from collections.abc import Mapping
from typing import Any, cast

from stadt360.core import offers
from stadt360.core.choices import OfferSource
from stadt360.providers.models import Provider

from .models import Job


def create_job(
    *,
    provider: Provider,
    data: Mapping[str, Any],
    by: Any = None,
    via: str = "",
    source: str = OfferSource.MANUAL,
) -> Job:
    return cast(
        Job,
        offers.create_offer(
            kind="job", provider=provider, data=data, by=by, via=via, source=source
        ),
    )


def update_job(*, job: Job, data: Mapping[str, Any], by: Any = None, via: str = "") -> Job:
    return cast(Job, offers.update_offer(offer=job, data=data, by=by, via=via))


def publish_job(*, job: Job, by: Any = None, via: str = "") -> Job:
    return cast(Job, offers.publish_offer(offer=job, by=by, via=via))


def archive_job(*, job: Job, by: Any = None, via: str = "") -> Job:
    return cast(Job, offers.archive_offer(offer=job, by=by, via=via))


def duplicate_job(*, job: Job, by: Any = None, via: str = "") -> Job:
    """A draft copy without external id, for the provider to edit and publish."""
    return cast(Job, offers.duplicate_offer(offer=job, by=by, via=via))
