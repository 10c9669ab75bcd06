"""The publish rule every channel obeys: only organisations the city verified go public.

The write services (``stadt360.offers.services``, ``stadt360.cooperation.services``) call
these helpers; views and routers only translate :class:`UnverifiedProvider` into a message
or a 403. Core holds the rule without importing the providers app: a provider is anything
with a ``verified`` flag.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

NOT_VERIFIED = _(
    "The city has not verified your organisation yet. Until then your offers stay drafts "
    "and nothing is shown to the public."
)


class UnverifiedProvider(PermissionDenied):
    """An unverified organisation tried to make something public (or contact others)."""

    def __init__(self, message: Any = NOT_VERIFIED) -> None:
        super().__init__(str(message))
        self.message = str(message)


def may_publish(provider: Any) -> bool:
    return bool(getattr(provider, "verified", False))


def require_verified(provider: Any) -> None:
    """Raises :class:`UnverifiedProvider` unless the city verified ``provider``."""
    if not may_publish(provider):
        raise UnverifiedProvider
