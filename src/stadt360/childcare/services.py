"""Writes of kitas: the one place portal, API and imports change a Kita.

Thin typed fronts for stadt360.core.offers (see its docstring for the shape of data).
Every service is keyword-only, validates with full_clean() (a ValidationError with field
errors on bad data), runs in a transaction, writes an audit entry with the changed fields
and enqueues refresh_kitas_task after commit.
"""

from collections.abc import Mapping
from typing import Any, cast

from stadt360.core import offers
from stadt360.core.choices import OfferSource
from stadt360.providers.models import Provider

from .models import Kita


def create_kita(
    *,
    provider: Provider,
    data: Mapping[str, Any],
    by: Any = None,
    via: str = "",
    source: str = OfferSource.MANUAL,
) -> Kita:
    return cast(
        Kita,
        offers.create_offer(
            kind="kita", provider=provider, data=data, by=by, via=via, source=source
        ),
    )


def update_kita(*, kita: Kita, data: Mapping[str, Any], by: Any = None, via: str = "") -> Kita:
    return cast(Kita, offers.update_offer(offer=kita, data=data, by=by, via=via))


def publish_kita(*, kita: Kita, by: Any = None, via: str = "") -> Kita:
    return cast(Kita, offers.publish_offer(offer=kita, by=by, via=via))


def archive_kita(*, kita: Kita, by: Any = None, via: str = "") -> Kita:
    return cast(Kita, offers.archive_offer(offer=kita, by=by, via=via))


def duplicate_kita(*, kita: Kita, by: Any = None, via: str = "") -> Kita:
    """A draft copy without external id, for the provider to edit and publish."""
    return cast(Kita, offers.duplicate_offer(offer=kita, by=by, via=via))
