"""allauth's second-factor forms with a per-person lock (``MFA_FORMS`` in settings).

allauth limits wrong codes through its ``login_failed`` rate limit (a few per person and
minutes). On top, after ``MFA_FAILURE_LIMIT`` wrong codes within ``MFA_LOCK_MINUTES`` the
second factor of that person is locked for ``MFA_LOCK_MINUTES``, from every address:
whoever types the codes already knows the password. During the lock even the right
code is refused, with a message saying so.
"""

from typing import Any

from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import ngettext

DEFAULT_FAILURE_LIMIT = 10
DEFAULT_LOCK_MINUTES = 60


def _limits() -> tuple[int, int]:
    limit = getattr(settings, "MFA_FAILURE_LIMIT", DEFAULT_FAILURE_LIMIT)
    return limit, getattr(settings, "MFA_LOCK_MINUTES", DEFAULT_LOCK_MINUTES)


def _keys(user: Any) -> tuple[str, str]:
    return f"s360-mfa-failures:{user.pk}", f"s360-mfa-locked:{user.pk}"


def second_factor_locked(user: Any) -> bool:
    return cache.get(_keys(user)[1]) is not None


def record_wrong_code(user: Any) -> None:
    """Counts a wrong code; the ``MFA_FAILURE_LIMIT``-th locks the second factor."""
    limit, minutes = _limits()
    failures_key, locked_key = _keys(user)
    cache.add(failures_key, 0, timeout=minutes * 60)
    try:
        failures = cache.incr(failures_key)
    except ValueError:  # expired between add and incr
        cache.set(failures_key, 1, timeout=minutes * 60)
        failures = 1
    if failures >= limit:
        cache.set(locked_key, True, timeout=minutes * 60)
        cache.delete(failures_key)


def forget_wrong_codes(user: Any) -> None:
    cache.delete(_keys(user)[0])


class LockingCodeMixin:
    """Refuses every code while locked; counts wrong codes; a right one clears the count."""

    user: Any

    def clean_code(self) -> str:
        if second_factor_locked(self.user):
            minutes = _limits()[1]
            raise forms.ValidationError(
                ngettext(
                    "Too many wrong codes. To protect your account, sign-in with the second "
                    "factor is locked for %(minutes)d minute. Please try again after that.",
                    "Too many wrong codes. To protect your account, sign-in with the second "
                    "factor is locked for %(minutes)d minutes. Please try again after that.",
                    minutes,
                )
                % {"minutes": minutes},
                code="second_factor_locked",
            )
        try:
            code = super().clean_code()  # type: ignore[misc]
        except forms.ValidationError as error:
            if error.code == "incorrect_code":
                record_wrong_code(self.user)
            raise
        forget_wrong_codes(self.user)
        return code


class LockingAuthenticateForm(LockingCodeMixin, AuthenticateForm):
    """The code step of the sign-in."""


class LockingReauthenticateForm(LockingCodeMixin, ReauthenticateForm):
    """The code step when the gate or a sensitive page asks again."""
