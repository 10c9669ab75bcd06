"""One reader of the client address, proxy-aware only behind BEHIND_PROXY=1.

Checked on the helper itself and through every limit that uses it: django-axes, allauth's
rate limits, the write API's unknown-token limit and the barrier-report form.
"""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.translation import override

from stadt360.accounts.throttle import client_ip
from tests.portal.world import PASSWORD, make_user

ATTACKER, OTHER = "203.0.113.9", "198.51.100.20"
PROXY = "10.0.0.2"
TOO_MANY = "Too many failed login attempts"


def request(remote: str = PROXY, forwarded: str | None = None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_proxy_the_header_is_never_read(settings) -> None:
    settings.BEHIND_PROXY = False
    assert client_ip(request(ATTACKER, forwarded="1.2.3.4")) == ATTACKER
    assert client_ip(request(ATTACKER)) == ATTACKER


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, ATTACKER, ATTACKER),
        # The client may send its own header: only the hop our proxy appended counts.
        (1, f"1.2.3.4, {ATTACKER}", ATTACKER),
        (2, f"1.2.3.4, {ATTACKER}, 10.0.0.1", ATTACKER),
        (1, f" 1.2.3.4 ,{ATTACKER} ", ATTACKER),
        (1, "2001:db8::7", "2001:db8::7"),
        # Fewer hops than proxies, no header or a hop that is no address: REMOTE_ADDR.
        (2, ATTACKER, PROXY),
        (1, "", PROXY),
        (1, "unknown", PROXY),
        (1, f"{ATTACKER}, <script>", PROXY),
    ],
)
def test_behind_proxies_the_hop_they_appended(settings, count, forwarded, expected) -> None:
    settings.BEHIND_PROXY = True
    settings.PROXY_COUNT = count
    assert client_ip(request(forwarded=forwarded)) == expected


def login(client: Client, forwarded: str, password: str):
    with override("en"):
        url = reverse("account_login")
    return client.post(
        url,
        {"login": "resident@example.org", "password": password},
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("behind_proxy", [True, False])
def test_axes_locks_the_client_not_the_proxy(client, settings, behind_proxy) -> None:
    """Behind the proxy a locked client is one address; without it the header changes nothing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.BEHIND_PROXY = behind_proxy
    settings.AXES_FAILURE_LIMIT = 3
    make_user("resident@example.org")
    client.defaults["REMOTE_ADDR"] = PROXY
    for _ in range(3):
        login(client, ATTACKER, "falsch")

    assert login(client, ATTACKER, PASSWORD).status_code == 429
    other_client = login(Client(REMOTE_ADDR=PROXY), OTHER, PASSWORD)
    # Behind the proxy the other client signs in; without it, both are the proxy's address.
    assert other_client.status_code == (302 if behind_proxy else 429)


@pytest.mark.django_db
@pytest.mark.parametrize("behind_proxy", [True, False])
def test_allauth_counts_failed_logins_per_client(client, settings, behind_proxy) -> None:
    settings.BEHIND_PROXY = behind_proxy
    settings.AXES_FAILURE_LIMIT = 100
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "2/m/ip"}
    client.defaults["REMOTE_ADDR"] = PROXY
    for _ in range(2):
        login(client, ATTACKER, "falsch")
    assert TOO_MANY in login(client, ATTACKER, "falsch").content.decode()
    other = login(Client(REMOTE_ADDR=PROXY), OTHER, "falsch").content.decode()
    assert (TOO_MANY in other) is not behind_proxy


@pytest.mark.django_db
@pytest.mark.parametrize("behind_proxy", [True, False])
def test_write_api_refuses_a_client_guessing_tokens(settings, behind_proxy) -> None:
    settings.BEHIND_PROXY = behind_proxy
    settings.API_FAILED_TOKEN_LIMIT = 3
    url = "/api/v1/write/jobs/X-1"

    def put(forwarded: str) -> int:
        return (
            Client(REMOTE_ADDR=PROXY)
            .put(
                url,
                "{}",
                content_type="application/json",
                HTTP_AUTHORIZATION="Bearer s360_guess",
                HTTP_X_FORWARDED_FOR=forwarded,
            )
            .status_code
        )

    assert [put(ATTACKER) for _ in range(4)] == [401, 401, 401, 429]
    assert put(OTHER) == (401 if behind_proxy else 429)
