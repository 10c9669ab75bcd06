"""Who must use a second factor: everyone who can change offers or moderate."""

from typing import Any

from .rules import is_city_staff, provider_roles


def needs_mfa(user: Any) -> bool:
    return bool(user.is_authenticated and (provider_roles(user) or is_city_staff(user)))
