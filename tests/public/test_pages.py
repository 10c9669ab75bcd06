"""The public pages: structure, language in the URL, CSP, and no cookies while reading."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

PAGES = [
    "home",
    "search",
    "wizard",
    "imprint",
    "privacy",
    "accessibility",
    "easy-language",
    "barrier-thanks",
]
INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT_OR_STYLE_TAG = re.compile(
    r"<(?:script|style|link rel=\"stylesheet\")\b[^>]*>", re.IGNORECASE
)


def url(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(f"public:{name}")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_page_has_language_title_heading_and_landmarks(
    client: Client, name: str, language: str
) -> None:
    html = client.get(url(name, language)).content.decode()
    assert f'<html lang="{language}">' in html
    assert re.search(r"<title>[^<]+ – Gera 360°</title>", html)
    assert len(re.findall(r"<h1\b", html)) == 1
    for landmark in ("<header", "<main", "<footer", "<nav"):
        assert landmark in html
    assert 'href="#main"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_inline_styles_or_handlers_and_nonces_everywhere(
    client: Client, name: str
) -> None:
    response = client.get(url(name, "de"))
    html = response.content.decode()
    assert not INLINE_STYLE.search(html)
    assert not INLINE_HANDLER.search(html)
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    tags = SCRIPT_OR_STYLE_TAG.findall(html)
    assert tags
    for tag in tags:
        assert f'nonce="{nonce}"' in tag, tag


@pytest.mark.django_db
def test_csp_header_uses_a_nonce_and_never_unsafe_inline(client: Client) -> None:
    policy = client.get("/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert re.fullmatch(r"'self' 'nonce-[\w+/=-]+'", directives["script-src"])
    assert re.fullmatch(r"'self' 'nonce-[\w+/=-]+'", directives["style-src"])
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert directives["font-src"] == "'self'"


@pytest.mark.django_db
def test_nonce_differs_per_response(client: Client) -> None:
    first = client.get("/").headers["Content-Security-Policy"]
    second = client.get("/").headers["Content-Security-Policy"]
    assert first != second


@pytest.mark.django_db
def test_german_is_default_without_prefix_and_english_under_en(client: Client) -> None:
    assert url("privacy", "de") == "/datenschutz/"
    assert url("privacy", "en") == "/en/datenschutz/"
    german = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Was ist bei Ihnen los?" in german  # the URL decides, not the browser header
    assert "What is going on in your life?" in client.get("/en/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "target"), [("/datenschutz/", "/en/datenschutz/"), ("/en/impressum/", "/impressum/")]
)
def test_language_switch_links_to_the_same_page_in_the_other_language(
    client: Client, path: str, target: str
) -> None:
    html = client.get(path).content.decode()
    link = re.search(r'<a[^>]*id="language-switch"[^>]*>', html).group(0)
    assert f'href="{target}"' in link


@pytest.mark.django_db
def test_language_switch_keeps_the_query(client: Client) -> None:
    html = client.get("/suche/?q=Kita").content.decode()
    assert 'href="/en/suche/?q=Kita"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["home", "search", "imprint", "privacy", "easy-language"])
def test_reading_sets_no_cookie(client: Client, name: str) -> None:
    assert not client.get(url(name, "de")).cookies


@pytest.mark.django_db
def test_content_pages_exist_in_every_language(client: Client) -> None:
    assert "Leichte Sprache" in client.get("/leichte-sprache/").content.decode()
    english = client.get("/en/leichte-sprache/").content.decode()
    assert "plain English" in english
    assert "Wir beobachten Sie nicht" not in english


@pytest.mark.django_db
def test_home_offers_the_life_situation_first_then_search(client: Client) -> None:
    html = client.get("/").content.decode()
    situation = html.index('href="/lebenslagen/neu-in-gera/"')
    search = html.index('action="/suche/"')
    assert situation < search
    assert "Neu in Gera: Arbeit, Wohnen, Kinderbetreuung" in html


@pytest.mark.django_db
def test_home_counts_published_offers(client: Client, make_offer) -> None:
    for index in range(3):
        make_offer("flat", f"Wohnung {index}")
    make_offer("flat", "Entwurf", status="draft")
    html = client.get("/").content.decode()
    assert "3 Angebote veröffentlicht" in html
    assert "1 Angebot veröffentlicht" not in html


@pytest.mark.django_db
def test_demo_notice_only_when_demo_data_exists(client: Client, make_offer) -> None:
    make_offer("job", "Elektriker")
    assert 'id="demo-notice"' not in client.get("/").content.decode()
    make_offer("kita", "Kita Sonnenschein", source="demo")
    assert 'id="demo-notice"' in client.get("/").content.decode()
