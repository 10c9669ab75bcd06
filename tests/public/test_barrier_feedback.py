"""The barrier-feedback form of the accessibility statement."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from stadt360.public.models import BarrierReport, BarrierStatus


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The per-sender limit lives in the cache; each test starts with a fresh share."""
    cache.clear()
    yield
    cache.clear()


VALID = {
    "page_url": "http://testserver/suche/",
    "description": "Der Suchknopf ist mit dem Screenreader nicht erreichbar.",
    "contact_email": "",
    "consent": "on",
}


@pytest.mark.django_db
def test_report_is_stored_and_person_sees_thanks(client: Client) -> None:
    response = client.post("/barrierefreiheit/", VALID)
    assert response.status_code == 302
    assert response.headers["Location"] == "/barrierefreiheit/danke/"
    report = BarrierReport.objects.get()
    assert report.status == BarrierStatus.NEW
    assert report.language == "de"
    assert report.contact_email == ""
    assert report.consented_at is not None


@pytest.mark.django_db
def test_english_report_records_the_language(client: Client) -> None:
    response = client.post("/en/barrierefreiheit/", {**VALID, "contact_email": "kim@example.org"})
    assert response.headers["Location"] == "/en/barrierefreiheit/danke/"
    report = BarrierReport.objects.get()
    assert (report.language, report.contact_email) == ("en", "kim@example.org")


@pytest.mark.django_db
def test_missing_consent_and_description_are_explained_next_to_the_fields(client: Client) -> None:
    response = client.post("/barrierefreiheit/", {**VALID, "consent": "", "description": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert not BarrierReport.objects.exists()
    assert "Bitte stimmen Sie zu, damit wir Ihre Nachricht speichern dürfen." in html
    assert "Beschreiben Sie die Barriere." in html
    assert 'id="error-summary"' in html
    # The input points at its error message, which exists with that id.
    assert 'aria-describedby="id_description_helptext id_description_error"' in html
    assert 'id="id_description_error"' in html
    assert 'aria-invalid="true"' in html
    assert "kern-form-input__input--error" in html


@pytest.mark.django_db
def test_invalid_email_is_rejected(client: Client) -> None:
    client.post("/barrierefreiheit/", {**VALID, "contact_email": "not-an-address"})
    assert not BarrierReport.objects.exists()


@pytest.mark.django_db
def test_form_is_prefilled_with_the_page_the_person_came_from(client: Client) -> None:
    html = client.get("/barrierefreiheit/", {"page": "/suche/"}).content.decode()
    assert 'value="http://testserver/suche/"' in html
    foreign = client.get("/barrierefreiheit/", {"page": "//evil.example/"}).content.decode()
    field = re.search(r'<input[^>]*name="page_url"[^>]*>', foreign).group(0)
    assert "evil.example" not in field


@pytest.mark.django_db
def test_only_the_form_page_sets_the_csrf_cookie(client: Client) -> None:
    assert set(client.get("/barrierefreiheit/").cookies) == {"csrftoken"}


@pytest.mark.django_db
def test_reports_are_limited_per_sender_and_nothing_is_stored_beyond(
    client: Client, settings
) -> None:
    settings.STADT360_BARRIER_REPORTS_PER_HOUR = 2
    for _ in range(2):
        assert client.post("/en/barrierefreiheit/", VALID).status_code == 302

    response = client.post("/en/barrierefreiheit/", {**VALID, "description": "Dritte Meldung"})

    assert response.status_code == 429
    html = response.content.decode()
    assert "You have sent several reports in a short time" in html
    assert 'id="error-summary"' in html
    assert "Dritte Meldung" in html  # the text stays in the form
    assert BarrierReport.objects.count() == 2
    assert not BarrierReport.objects.filter(description="Dritte Meldung").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("behind_proxy", [True, False])
def test_the_limit_counts_the_client_behind_the_proxy(settings, behind_proxy) -> None:
    """Behind BEHIND_PROXY=1 each client has its share; otherwise X-Forwarded-For is ignored."""
    settings.BEHIND_PROXY = behind_proxy
    settings.STADT360_BARRIER_REPORTS_PER_HOUR = 1

    def send(forwarded: str) -> int:
        proxy = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
        return proxy.post("/barrierefreiheit/", VALID).status_code

    assert send("203.0.113.9") == 302
    assert send("203.0.113.9") == 429
    assert send("198.51.100.20") == (302 if behind_proxy else 429)


@pytest.mark.django_db
def test_an_ipv6_sender_cannot_rotate_addresses_within_its_network(settings) -> None:
    """A connection holds a whole /64: its addresses share one limit, other networks not."""
    settings.STADT360_BARRIER_REPORTS_PER_HOUR = 2

    def send(address: str) -> int:
        return Client(REMOTE_ADDR=address).post("/barrierefreiheit/", VALID).status_code

    assert send("2001:db8:1:2::1") == 302
    assert send("2001:db8:1:2::2") == 302
    assert send("2001:db8:1:2:ffff:1:2:3") == 429
    assert send("2001:db8:1:3::1") == 302  # the neighbour's network
    assert BarrierReport.objects.count() == 3
