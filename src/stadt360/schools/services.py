"""Writes of schools: the one place portal, API and imports change a School.

Thin typed fronts for stadt360.core.offers (see its docstring for the shape of data).
Every service is keyword-only, validates with full_clean() (a ValidationError with field
errors on bad data), runs in a transaction, writes an audit entry with the changed fields
and enqueues refresh_schools_task after commit.
"""

from collections.abc import Mapping
from typing import Any, cast

from stadt360.core import offers
from stadt360.core.choices import OfferSource
from stadt360.providers.models import Provider

from .models import School


def create_school(
    *,
    provider: Provider,
    data: Mapping[str, Any],
    by: Any = None,
    via: str = "",
    source: str = OfferSource.MANUAL,
) -> School:
    return cast(
        School,
        offers.create_offer(
            kind="school", provider=provider, data=data, by=by, via=via, source=source
        ),
    )


def update_school(
    *, school: School, data: Mapping[str, Any], by: Any = None, via: str = ""
) -> School:
    return cast(School, offers.update_offer(offer=school, data=data, by=by, via=via))


def publish_school(*, school: School, by: Any = None, via: str = "") -> School:
    return cast(School, offers.publish_offer(offer=school, by=by, via=via))


def archive_school(*, school: School, by: Any = None, via: str = "") -> School:
    return cast(School, offers.archive_offer(offer=school, by=by, via=via))


def duplicate_school(*, school: School, by: Any = None, via: str = "") -> School:
    """A draft copy without external id, for the provider to edit and publish."""
    return cast(School, offers.duplicate_offer(offer=school, by=by, via=via))
