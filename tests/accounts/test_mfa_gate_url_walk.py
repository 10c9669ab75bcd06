"""The MFA gate covers every URL of the site that is not on the public allow-list.

The walk visits every pattern of the resolver (admin, API, allauth, portal, back office,
public site …). A staff member who is everything at once (superuser, city admin, admin
of an organisation) but whose session has not passed a second factor must be sent to
the second factor on every non-public URL, instead of getting the page. A URL added
later is covered without touching this test (deny by default); widening the allow-list
fails ``test_the_public_allow_list_is_exactly_this`` until it is reviewed here.
"""

from urllib.parse import urlencode

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path, resolve, reverse

from stadt360.accounts import gate
from stadt360.accounts.roles import Role
from stadt360.config import urls as site_urls
from stadt360.providers.models import MemberRole
from tests.accounts.sessions import sign_in_with_second_factor
from tests.accounts.totp import current_code
from tests.accounts.urlwalk import WalkedUrl, resolves_to_itself, walk
from tests.factories import ProviderFactory
from tests.portal.world import PASSWORD, add_member, add_totp, make_user

pytestmark = pytest.mark.django_db


def all_urls() -> list[WalkedUrl]:
    return list(walk())


def split_by_gate(urls: list[WalkedUrl]) -> tuple[list[WalkedUrl], list[WalkedUrl]]:
    public = [url for url in urls if gate.is_public(resolve(url.path))]
    return public, [url for url in urls if url not in public]


def make_staff(email: str = "chefin@stadt.example"):
    """Superuser, city admin and admin of an organisation: every view would serve them."""
    user = make_user(email, role=Role.CITY_ADMIN)
    user.is_staff = user.is_superuser = True
    user.save()
    add_member(user, ProviderFactory(), MemberRole.ADMIN)
    return user


def sign_in_by_password(client: Client, user) -> None:
    """What the old /admin/login/ did: a session from the password alone."""
    client.force_login(user)


def not_sent_to(client: Client, urls: list[WalkedUrl], expected) -> list[str]:
    """The URLs whose answer is not a redirect to ``expected(url)``."""
    wrong = []
    for url in urls:
        response = client.get(url.path)
        if response.status_code != 302 or response["Location"] != expected(url):
            wrong.append(f"{url.label} → {response.status_code} {response.get('Location', '')}")
    return wrong


def reauthenticate_url(url: WalkedUrl) -> str:
    return f"{reverse('mfa_reauthenticate')}?{urlencode({REDIRECT_FIELD_NAME: url.path})}"


def test_the_walk_reaches_every_pattern_and_each_path_resolves_to_it() -> None:
    urls = all_urls()
    assert [url.label for url in urls if not resolves_to_itself(url)] == []
    prefixes = {url.path.split("/")[1] for url in urls}
    assert {"admin", "api", "konto", "portal", "backoffice", "unternehmen", "cms"} <= prefixes
    assert sum(url.namespaces[:1] == ("admin",) for url in urls) > 100
    assert sum(url.path.startswith("/cms/") for url in urls) > 200


def test_the_public_allow_list_is_exactly_this() -> None:
    """Adding a public URL is a decision: change the list here and in docs/permissions.md."""
    assert set(gate.PUBLIC_NAMESPACES) == {"public", "companies", "cooperation", "api"}
    assert set(gate.PUBLIC_VIEW_MODULES) == {
        "allauth.account.",
        "django.views.i18n",
        "django.views.static",
        "wagtail.views",
    }


def test_every_non_public_url_asks_staff_with_an_authenticator_for_it(client) -> None:
    staff = make_staff()
    add_totp(staff)
    sign_in_by_password(client, staff)
    _public, gated = split_by_gate(all_urls())
    second_factor_steps = [url for url in gated if url.name in gate.SECOND_FACTOR_STEPS]
    gated = [url for url in gated if url not in second_factor_steps]

    assert len(gated) > 400
    assert sum(url.path.startswith("/cms/") for url in gated) > 200
    assert not_sent_to(client, gated, reauthenticate_url) == []


def test_every_non_public_url_sends_staff_without_authenticator_to_the_setup(client) -> None:
    """Signed in through allauth with the password (no authenticator yet): only the set-up."""
    staff = make_staff()
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)
    _public, gated = split_by_gate(all_urls())
    setup_pages = [url for url in gated if gate.is_second_factor_page(resolve(url.path))]
    gated = [url for url in gated if url not in setup_pages]

    assert not_sent_to(client, gated, lambda url: reverse("mfa_index")) == []
    # The set-up itself is open (it asks for the password again first).
    assert client.get(reverse("mfa_index")).status_code == 200


def test_public_urls_are_served_without_a_second_factor(client) -> None:
    staff = make_staff()
    add_totp(staff)
    sign_in_by_password(client, staff)
    public, _gated = split_by_gate(all_urls())
    answers = {url.label: client.get(url.path) for url in public}

    sent_to_mfa = [
        label
        for label, response in answers.items()
        if response.status_code == 302 and "/2fa/" in response["Location"]
    ]
    assert sent_to_mfa == []
    assert answers[next(u.label for u in public if u.name == "home")].status_code == 200


def test_after_the_second_factor_the_admin_and_back_office_open(client) -> None:
    staff = make_staff()
    sign_in_with_second_factor(client, staff)
    for name in ("admin:index", "admin:jobs_job_changelist", "backoffice:barrier-report-list"):
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("moderation:provider-queue")).status_code == 200
    assert client.get(reverse("portal:dashboard")).status_code == 200


def view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("intern")


urlpatterns = [
    path("neu/", include(([path("liste/", view, name="list")], "new_staff_app"))),
    *site_urls.urlpatterns,
]


def test_a_new_url_is_gated_by_default_and_the_walk_would_catch_it(client, settings) -> None:
    settings.ROOT_URLCONF = __name__
    staff = make_staff()
    add_totp(staff)
    sign_in_by_password(client, staff)
    new = [url for url in all_urls() if url.namespaces == ("new_staff_app",)]
    assert [url.path for url in new] == ["/neu/liste/"]

    assert not_sent_to(client, new, reauthenticate_url) == []
    # Without the gate the same check reports the URL: the walk is what catches an escape.
    settings.MIDDLEWARE = [
        entry for entry in settings.MIDDLEWARE if not entry.endswith("MfaRequiredMiddleware")
    ]
    ungated = Client()  # a client loads the middleware once
    sign_in_by_password(ungated, staff)
    assert not_sent_to(ungated, new, reauthenticate_url) == ["new_staff_app:list neu/liste/ → 200 "]


def test_the_admin_login_form_no_longer_signs_anyone_in(client) -> None:
    staff = make_staff()
    EmailAddress.objects.filter(user=staff).update(verified=True)
    add_totp(staff)
    response = client.post(
        reverse("admin:login") + "?next=/admin/",
        {"username": staff.username, "password": PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session
    # allauth's login then asks for the code before anything is signed in.
    response = client.post(
        response["Location"], {"login": staff.email, "password": PASSWORD, "next": "/admin/"}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("admin:login"))


def test_a_password_only_session_passes_the_gate_after_the_code(client) -> None:
    """The gate's second-factor step with a real TOTP code, then back to the page wanted."""
    staff = make_staff()
    secret = add_totp(staff)
    sign_in_by_password(client, staff)
    asked = client.get(reverse("admin:index"))["Location"]
    assert asked == f"{reverse('mfa_reauthenticate')}?next=%2Fadmin%2F"

    response = client.post(asked, {"code": current_code(secret)})

    assert response["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("portal:dashboard")).status_code == 200
