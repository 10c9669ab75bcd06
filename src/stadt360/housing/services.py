"""Writes of flats: the one place portal, API and imports change a Flat.

Thin typed fronts for stadt360.core.offers (see its docstring for the shape of data).
Every service is keyword-only, validates with full_clean() (a ValidationError with field
errors on bad data), runs in a transaction, writes an audit entry with the changed fields
and enqueues refresh_flats_task after commit.
"""

from collections.abc import Mapping
from typing import Any, cast

from stadt360.core import offers
from stadt360.core.choices import OfferSource
from stadt360.providers.models import Provider

from .models import Flat


def create_flat(
    *,
    provider: Provider,
    data: Mapping[str, Any],
    by: Any = None,
    via: str = "",
    source: str = OfferSource.MANUAL,
) -> Flat:
    return cast(
        Flat,
        offers.create_offer(
            kind="flat", provider=provider, data=data, by=by, via=via, source=source
        ),
    )


def update_flat(*, flat: Flat, data: Mapping[str, Any], by: Any = None, via: str = "") -> Flat:
    return cast(Flat, offers.update_offer(offer=flat, data=data, by=by, via=via))


def publish_flat(*, flat: Flat, by: Any = None, via: str = "") -> Flat:
    return cast(Flat, offers.publish_offer(offer=flat, by=by, via=via))


def archive_flat(*, flat: Flat, by: Any = None, via: str = "") -> Flat:
    return cast(Flat, offers.archive_offer(offer=flat, by=by, via=via))


def duplicate_flat(*, flat: Flat, by: Any = None, via: str = "") -> Flat:
    """A draft copy without external id, for the provider to edit and publish."""
    return cast(Flat, offers.duplicate_offer(offer=flat, by=by, via=via))
