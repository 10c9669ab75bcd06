"""The pages people who need a second factor may open without it: an explicit allow-list.

Everything else — the Django admin, the portal, the back office and every URL added
later — is closed by default (``accounts.middleware.MfaRequiredMiddleware``). To make a
new URL public, add its namespace (or, for third-party views without one, its view
module) here with the reason, and to the expected list in
``tests/accounts/test_mfa_gate_url_walk.py``; ``docs/permissions.md`` explains when.
"""

from django.urls import ResolverMatch

# Outermost URL namespaces served to everyone, signed in or not.
PUBLIC_NAMESPACES: dict[str, str] = {
    "public": "the public site: start page, search, offers, wizard, legal pages",
    "companies": "public company profiles",
    "cooperation": "public cooperation posts",
    "api": "/api/v1: public reads; writes authenticate with API keys, never the session",
}

# Views without a namespace, by the module that defines them.
PUBLIC_VIEW_MODULES: dict[str, str] = {
    "allauth.account.": "sign-in, sign-out, sign-up, password reset, e-mail confirmation "
    "(not ACCOUNT_SETTINGS below)",
    "django.views.i18n": "the language switch",
    "django.views.static": "media files in development (DEBUG only)",
    "wagtail.views": "the editorial pages (innovation centre, news and feeds, legal pages): "
    "Wagtail serves only live pages here; drafts and previews stay in /cms/",
}

# allauth's account pages that change a signed-in account (its addresses, its password):
# gated like every other page, so a session opened by the password alone (say, one from
# the old admin login) cannot take over the sign-in address or the password.
ACCOUNT_SETTINGS = frozenset({"account_email", "account_change_password", "account_set_password"})

# allauth's second-factor pages (``mfa_*``): open without a passed second factor only to
# set one up (no authenticator yet), except the steps that ask for it.
SECOND_FACTOR_MODULE = "allauth.mfa."
SECOND_FACTOR_STEPS = frozenset(
    {"mfa_authenticate", "mfa_reauthenticate", "mfa_login_webauthn", "mfa_reauthenticate_webauthn"}
)


def _module(match: ResolverMatch) -> str:
    return getattr(match.func, "__module__", "") or ""


def is_public(match: ResolverMatch) -> bool:
    if match.namespaces and match.namespaces[0] in PUBLIC_NAMESPACES:
        return True
    if match.url_name in ACCOUNT_SETTINGS:
        return False
    module = _module(match)
    return any(module.startswith(prefix) for prefix in PUBLIC_VIEW_MODULES)


def is_second_factor_page(match: ResolverMatch) -> bool:
    return _module(match).startswith(SECOND_FACTOR_MODULE)


def is_second_factor_step(match: ResolverMatch) -> bool:
    return is_second_factor_page(match) and match.url_name in SECOND_FACTOR_STEPS
