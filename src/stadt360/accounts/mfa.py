"""Who must use a second factor, and whether this session has passed one.

Everyone who can change offers, moderate, open the Django admin or the CMS (/cms/,
``wagtailadmin.access_admin``) needs TOTP or a passkey. Having an authenticator is not enough: this session must have used it. allauth
records each step of a sign-in in the session (``get_authentication_records``); a
session opened with a password alone (any login view that is not allauth's) has no
``mfa`` record and the gate (``accounts.middleware``) asks for the second factor.
"""

from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpRequest

from .rules import is_city_staff, provider_roles

SECOND_FACTOR_TYPES = ["totp", "webauthn"]
CMS_ACCESS = "wagtailadmin.access_admin"


def needs_mfa(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff or provider_roles(user) or is_city_staff(user):
        return True
    return bool(user.has_perm(CMS_ACCESS))


def has_authenticator(user: Any) -> bool:
    return bool(is_mfa_enabled(user, types=SECOND_FACTOR_TYPES))


def passed_second_factor(request: HttpRequest) -> bool:
    """A TOTP code, a recovery code or a passkey was used in this session (sign-in or since)."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def count_new_authenticator(
    sender: Any, request: HttpRequest, user: Any, authenticator: Any, **kwargs: Any
) -> None:
    """Setting up TOTP or a passkey proves the factor (a valid code / a signed challenge).

    Receiver of allauth's ``authenticator_added``: the person who just set up their
    second factor goes on to the page they wanted instead of typing a second code.
    Recovery codes are not a factor of their own.
    """
    from allauth.account.internal.flows.login import record_authentication

    if authenticator.type in SECOND_FACTOR_TYPES:
        record_authentication(
            request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True
        )
