"""Test sessions as the sign-in leaves them: with or without a passed second factor.

``client.force_login`` (like a password-only login view) leaves no second-factor record,
so the MFA gate refuses staff such a session. ``sign_in_with_second_factor`` is the
shortcut for tests about something else: the session as allauth leaves it after a
correct TOTP code (``tests/accounts/test_accounts_login.py`` walks the real sign-in).
"""

from typing import Any

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.http import HttpRequest
from django.test import Client

from tests.portal.world import add_totp


def sign_in_with_second_factor(client: Client, user: Any) -> Client:
    """Signs ``user`` in with password and TOTP (an authenticator is added if missing)."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        add_totp(user)
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    client.force_login(user)
    request = HttpRequest()
    request.session = client.session
    record_authentication(request, user, "password")
    record_authentication(request, user, "mfa", id=totp.pk, type=totp.type)
    request.session.save()
    return client
