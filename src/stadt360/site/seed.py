"""Creates the page tree on a fresh database (``setup_demo`` runs it; safe to run again).

German and English: the Wagtail root → ``SiteRootPage`` (the default Site points to it,
whatever host and port serve it) → the centre's homepage with its news index, and the four
legal pages seeded with the texts the site showed before they became editable
(``public/content/*.html``; storage periods stay computed: ``site.placeholders``).
Pages that exist are left as the editors left them.
"""

import re
from typing import Any

from django.db import transaction
from django.template import engines
from django.utils import translation
from wagtail.models import Locale, Page, Site

from . import seed_texts
from .models import CentreHomePage, LegalKind, LegalPage, NewsIndexPage, SiteRootPage
from .permissions import (
    ensure_moderation_workflow,
    grant_centre_pages,
    grant_city_admins_the_tree,
)
from .placeholders import placeholder

LANGUAGES = ("de", "en")
RETENTION_TAG = re.compile(r'\{% retention_days "([a-z_]+)" %\}')
# What Wagtail's rich text editor cannot hold: KERN classes, layout boxes, icon placeholders,
# and HTML5's unclosed <br> (its converter expects XHTML-style void tags).
CLEAN_UP = [
    (re.compile(r' class="[^"]*"'), ""),
    (re.compile(r"</?div[^>]*>"), ""),
    (re.compile(r'<span[^>]*aria-hidden="true"[^>]*></span>'), ""),
    (re.compile(r"<br>"), "<br/>"),
    (re.compile(r">\s+<"), "><"),
]
LEGAL_SLUGS = {
    LegalKind.IMPRINT: "impressum",
    LegalKind.PRIVACY: "datenschutz",
    LegalKind.ACCESSIBILITY: "barrierefreiheit",
    LegalKind.EASY_LANGUAGE: "leichte-sprache",
}


def locales() -> dict[str, Locale]:
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}


def publish(page: Page) -> Page:
    page.save_revision().publish()
    return page


def translated(page: Page, locale: Locale, fields: dict[str, Any]) -> Page:
    """The page in ``locale`` (a copy of the German one, with its own texts) unless it exists."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    copy = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    return publish(copy)


def child(parent: Page, page: Page, fields_en: dict[str, Any], en: Locale) -> tuple[Page, Page]:
    """``page`` (German) under ``parent`` unless a page of its type is there, and its English copy."""
    found = type(page).objects.child_of(parent).filter(slug=page.slug).first()
    if found is None:
        found = publish(parent.add_child(instance=page))
    return found, translated(found, en, fields_en)


def site_root(de: Locale, en: Locale) -> tuple[Page, Page]:
    root = SiteRootPage.objects.filter(locale=de).first()
    if root is None:
        # Wagtail's migration makes the tree's root node; a flushed test database has none.
        tree = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=de)
        )
        root = publish(tree.add_child(instance=SiteRootPage(title="Gera 360°", slug="gera360")))
    point_default_site(root)
    return root, translated(root, en, {"title": "Gera 360°"})


def point_default_site(root: Page) -> None:
    """One default Site on our root: Wagtail then answers on any host name and port."""
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.site_name, site.root_page = "localhost", 80, "Gera 360°", root
    site.save()
    remove_welcome_page()


def remove_welcome_page() -> None:
    """Wagtail's own migration leaves a "Welcome to your new Wagtail site!" page behind."""
    welcome = Page.objects.filter(depth=2, content_type__model="page", slug="home")
    for page in welcome:
        if page.is_leaf() and not Site.objects.filter(root_page=page).exists():
            page.delete()


def legal_html(kind: str, language: str) -> str:
    """Today's text of a legal page: the template rendered, storage periods as placeholders."""
    name = kind.replace("-", "_")
    django_engine = engines["django"].engine  # type: ignore[attr-defined]
    source = django_engine.get_template(f"public/content/{name}.{language}.html").source
    source = RETENTION_TAG.sub(lambda match: placeholder(match.group(1)), source)
    with translation.override(language):
        html = engines["django"].from_string(source).render({})
    for pattern, replacement in CLEAN_UP:
        html = pattern.sub(replacement, html)
    return html.strip()


def legal_pages(root_de: Page, en: Locale) -> list[Page]:
    pages: list[Page] = []
    for kind, slug in LEGAL_SLUGS.items():
        german = LegalPage(title=seed_texts.LEGAL_TITLES[kind]["de"], slug=slug, kind=kind, body="")
        german.body = legal_html(kind, "de")
        english = {"title": seed_texts.LEGAL_TITLES[kind]["en"], "body": legal_html(kind, "en")}
        pages.extend(child(root_de, german, english, en))
    return pages


def centre(root_de: Page, en: Locale) -> tuple[Page, Page]:
    de_fields, en_fields = seed_texts.CENTRE["de"], seed_texts.CENTRE["en"]
    home = CentreHomePage(slug="innovationszentrum", **de_fields)
    home_de, home_en = child(root_de, home, en_fields, en)
    index = NewsIndexPage(slug="aktuelles", **seed_texts.NEWS_INDEX["de"])
    child(home_de, index, seed_texts.NEWS_INDEX["en"], en)
    return home_de, home_en


def ensure_site_tree() -> dict[str, Page]:
    """The tree as described above; returns the German and English centre homepages."""
    with transaction.atomic():
        codes = locales()
        de, en = codes["de"], codes["en"]
        root_de, _root_en = site_root(de, en)
        home_de, home_en = centre(root_de, en)
        legal_pages(root_de, en)
        grant_centre_pages([home_de, home_en])
        grant_city_admins_the_tree()
        ensure_moderation_workflow()
    return {"de": home_de, "en": home_en}
