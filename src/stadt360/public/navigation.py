"""The site's main navigation: ONE list, read by the header, the phone menu and the start page.

Each entry names a URL (``url_name``) and the path it has today (``path``, without the
language prefix). Pages built by other apps (Wagtail pages served by path, a list whose
URL name does not exist yet) still get a working link: when the name does not resolve,
the path is used, with the ``/en`` prefix in English. A later issue adds its page by
appending one ``NavEntry`` here.

``section`` is the path prefix that makes an entry the current one (``aria-current``);
the longest matching prefix wins, so "Aktuelles" beats "Innovationszentrum" on
``/innovationszentrum/aktuelles/``.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: Promise
    description: Promise  # one line for the start page's overview cards
    path: str  # the German path without language prefix, e.g. "/stellen/"
    url_name: str = ""
    section: str = ""  # path prefix of the section; defaults to ``path``

    @property
    def section_prefix(self) -> str:
        return self.section or self.path


MAIN_NAVIGATION: tuple[NavEntry, ...] = (
    NavEntry(
        "situations",
        _("Life situations"),
        _("New in Gera? Work, a flat and a Kita place that fit together."),
        "/lebenslagen/neu-in-gera/",
        "public:wizard",
        section="/lebenslagen/",
    ),
    NavEntry(
        "jobs", _("Jobs"), _("Vacancies of employers in Gera."), "/stellen/", "public:job-list"
    ),
    NavEntry("flats", _("Flats"), _("Flats to rent in Gera."), "/wohnungen/", "public:flat-list"),
    NavEntry("kitas", _("Kitas"), _("Kitas and their free places."), "/kitas/", "public:kita-list"),
    NavEntry("schools", _("Schools"), _("Schools in Gera."), "/schulen/", "public:school-list"),
    NavEntry(
        "companies",
        _("Companies"),
        _("Gera's companies, their products and services."),
        "/unternehmen/",
        "companies:company-list",
    ),
    NavEntry(
        "cooperation",
        _("Cooperation"),
        _("What companies and the city are looking for, and what they offer."),
        "/kooperation/",
        "cooperation:post-list",
    ),
    NavEntry(
        "centre",
        _("Innovation centre"),
        _("The innovation centre at the TGZ: AI, research and a place to meet."),
        "/innovationszentrum/",
    ),
    NavEntry(
        "events",
        _("Events"),
        _("Lectures, seminars and open evenings, with registration."),
        "/veranstaltungen/",
        "public:events",
    ),
    NavEntry(
        "news",
        _("News"),
        _("News about Gera's economy and the innovation centre."),
        "/innovationszentrum/aktuelles/",
    ),
)


def language_prefix(language: str | None = None) -> str:
    """``""`` for the default language (no prefix), ``"/en"`` for English."""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


def entry_url(entry: NavEntry) -> str:
    """The entry's URL in the current language; its path when the URL name is unknown."""
    if entry.url_name:
        try:
            return reverse(entry.url_name)
        except NoReverseMatch:
            pass
    return language_prefix() + entry.path


def strip_language(path: str) -> str:
    """``/en/stellen/`` → ``/stellen/``: sections are matched without the prefix."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def current_key(path: str) -> str | None:
    """The entry whose section holds ``path`` (longest prefix), or None."""
    bare = strip_language(path)
    matches = [e for e in MAIN_NAVIGATION if bare.startswith(e.section_prefix)]
    return max(matches, key=lambda e: len(e.section_prefix)).key if matches else None


@dataclass(frozen=True)
class NavLink:
    entry: NavEntry
    url: str
    current: str  # the aria-current value: "page" (this very page), "true" (its section), ""


def _link(entry: NavEntry, path: str, key: str | None) -> NavLink:
    url = entry_url(entry)
    current = "" if entry.key != key else "page" if url == path else "true"
    return NavLink(entry, url, current)


def links(path: str) -> list[NavLink]:
    """Every entry with its URL, marking the one the page at ``path`` belongs to."""
    key = current_key(path)
    return [_link(entry, path, key) for entry in MAIN_NAVIGATION]
