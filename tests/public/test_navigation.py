"""The main navigation is on every public page, in German and English, from one registry.

The pages are found, not listed: every parameterless URL of the public namespaces
(``public``, ``companies``, ``cooperation``) that answers a full HTML page, plus one
detail page of each kind. A page added later joins the walk without touching this test.
"""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from stadt360.accounts import gate
from stadt360.public.navigation import (
    MAIN_NAVIGATION,
    current_key,
    entry_url,
    language_prefix,
    links,
)
from tests.companies.world import CompanyWorld
from tests.factories import FlatFactory, JobFactory, KitaFactory, SchoolFactory

pytestmark = pytest.mark.django_db

PAGE_NAMESPACES = [ns for ns in gate.PUBLIC_NAMESPACES if ns != "api"]


def parameterless_pages() -> list[str]:
    """``reverse`` of every public URL without path parameters (namespace:name)."""
    resolver = get_resolver()
    names = []
    for namespace in PAGE_NAMESPACES:
        _prefix, inner = resolver.namespace_dict[namespace]
        for pattern in inner.url_patterns:
            if isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.converters:
                names.append(f"{namespace}:{pattern.name}")
    return [reverse(name) for name in names]


class NavParser(HTMLParser):
    """The links of the main navigation, its phone menu, and the account link."""

    def __init__(self) -> None:
        super().__init__()
        self.nav_links: list[dict[str, str | None]] = []
        self.menu = False
        self.account_link = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("data-nav"):
            self.nav_links.append(found)
        if tag == "details" and "s360-menu" in (found.get("class") or ""):
            self.menu = True
        if found.get("id") == "account-link":
            self.account_link = True


def parse(html: str) -> NavParser:
    parser = NavParser()
    parser.feed(html)
    return parser


@pytest.fixture
def detail_pages(company_world: CompanyWorld) -> list[str]:
    company = next(iter(company_world.companies.values()))
    post = next(iter(company_world.posts.values()))
    offers = [
        ("job", JobFactory()),
        ("flat", FlatFactory()),
        ("kita", KitaFactory()),
        ("school", SchoolFactory()),
    ]
    return [
        *(reverse(f"public:{kind}-detail", args=[offer.pk]) for kind, offer in offers),
        reverse("companies:company-detail", args=[company.slug]),
        reverse("cooperation:post-detail", args=[post.pk]),
    ]


def full_pages(client: Client, paths: list[str]) -> dict[str, str]:
    """The paths that answer a whole HTML page (not a partial, a file or a redirect)."""
    pages = {}
    for path in paths:
        response = client.get(path)
        html = response.content.decode(errors="replace")
        if response.status_code == 200 and "<html" in html[:400]:
            pages[path] = html
    return pages


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_public_page_has_the_main_navigation(
    client: Client, detail_pages: list[str], language: str
) -> None:
    prefix = language_prefix(language)
    paths = [prefix + p for p in [*parameterless_pages(), *detail_pages]]
    pages = full_pages(client, paths)
    # The walk really reached the site: start page, lists, legal pages and the details.
    expected = {prefix + p for p in ["/", "/stellen/", "/impressum/", *detail_pages]}
    assert expected <= set(pages)
    keys = [entry.key for entry in MAIN_NAVIGATION]
    wrong = {}
    for path, html in pages.items():
        found = parse(html)
        # Twice: the row on wide screens and the phone menu (only one is ever displayed).
        nav_keys = [link["data-nav"] for link in found.nav_links]
        if nav_keys != keys + keys or not found.menu or not found.account_link:
            wrong[path] = nav_keys
    assert wrong == {}


def test_the_navigation_holds_every_section_the_issue_names() -> None:
    assert [str(entry.label) for entry in MAIN_NAVIGATION] == [
        "Lebenslagen",
        "Stellen",
        "Wohnungen",
        "Kitas",
        "Schulen",
        "Unternehmen",
        "Kooperation",
        "Innovationszentrum",
        "Veranstaltungen",
        "Aktuelles",
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", ["/innovationszentrum/", "/veranstaltungen/", "/innovationszentrum/aktuelles/"]),
        (
            "en",
            [
                "/en/innovationszentrum/",
                "/en/veranstaltungen/",
                "/en/innovationszentrum/aktuelles/",
            ],
        ),
    ],
)
def test_pages_of_other_apps_are_linked_by_path_with_the_language_prefix(
    language: str, expected: list[str]
) -> None:
    from django.utils import translation

    with translation.override(language):
        urls = {entry.key: entry_url(entry) for entry in MAIN_NAVIGATION}
        assert [urls["centre"], urls["events"], urls["news"]] == expected
        assert urls["jobs"] == reverse("public:job-list")


def test_an_unknown_url_name_falls_back_to_the_path() -> None:
    from stadt360.public.navigation import NavEntry

    entry = NavEntry("x", "X", "x", "/gibt-es-noch-nicht/", "public:does-not-exist")  # type: ignore[arg-type]
    assert entry_url(entry) == "/gibt-es-noch-nicht/"


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/", None),
        ("/stellen/", "jobs"),
        ("/en/stellen/12/", "jobs"),
        ("/lebenslagen/neu-in-gera/schritt/2/", "situations"),
        ("/innovationszentrum/", "centre"),
        ("/en/innovationszentrum/aktuelles/ki/", "news"),
        ("/veranstaltungen/ical/", "events"),
        ("/impressum/", None),
    ],
)
def test_the_current_section_is_the_longest_matching_prefix(path: str, key: str | None) -> None:
    assert current_key(path) == key


def test_current_section_is_marked_with_aria_current(client: Client) -> None:
    html = client.get("/stellen/").content.decode()
    marked = re.findall(r'data-nav="(\w+)" aria-current="(\w+)"', html)
    assert marked == [("jobs", "page"), ("jobs", "page")]
    assert [link.current for link in links("/stellen/12/") if link.current] == ["true"]


def test_the_start_page_links_every_section_at_a_glance(client: Client) -> None:
    html = client.get("/").content.decode()
    assert "Alles auf einen Blick" in html
    overview = html[html.index('id="overview-heading"') :]
    for entry in MAIN_NAVIGATION:
        assert f'data-overview="{entry.key}"' in overview
        assert f'href="{entry_url(entry)}"' in overview
