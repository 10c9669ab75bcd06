"""The legal pages are Wagtail pages seeded with the texts the site had; editing one in /cms/
changes the public page at its old address (``public:imprint`` …), computed parts stay."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from stadt360.accounts.privacy import retention_days
from stadt360.accounts.roles import Role
from stadt360.site.models import LegalPage
from tests.accounts.sessions import sign_in_with_second_factor
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("name", "german", "english"),
    [
        ("public:imprint", "Impressum", "Legal notice"),
        ("public:privacy", "Datenschutz", "Privacy"),
        ("public:accessibility", "Erklärung zur Barrierefreiheit", "Accessibility statement"),
        ("public:easy-language", "Leichte Sprache", "Easy language"),
    ],
)
def test_each_legal_page_is_seeded_in_german_and_english(
    client, site_tree, name, german, english
) -> None:
    assert LegalPage.objects.live().count() == 8
    assert f'<h1 class="kern-heading-x-large">{german}</h1>' in text(client.get(reverse(name)))
    english_page = text(client.get("/en" + reverse(name)))
    assert f'<h1 class="kern-heading-x-large">{english}</h1>' in english_page


def test_the_privacy_page_keeps_its_storage_periods_computed(client, site_tree) -> None:
    page = text(client.get(reverse("public:privacy")))

    assert "[[retention:" not in page
    days = retention_days("login_logs")
    assert f"Protokolle von Anmeldungen und Fehlversuchen: {days} Tage" in page
    stored = LegalPage.objects.get(kind="privacy", locale__language_code="de").body
    assert "[[retention:login_logs]]" in stored


def test_the_accessibility_page_keeps_its_barrier_form(client, site_tree) -> None:
    page = text(client.get(reverse("public:accessibility")))
    assert 'id="feedback"' in page
    assert "Erklärung zur Barrierefreiheit" in page


def test_a_city_admin_edits_the_imprint_in_the_cms_and_the_public_page_changes(
    client, site_tree
) -> None:
    city_admin = make_user("web@gera.example", role=Role.CITY_ADMIN, mfa=True)
    editor = sign_in_with_second_factor(Client(), city_admin)
    for page in LegalPage.objects.all():  # every seeded text opens in the editor
        assert editor.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).status_code == 200
    imprint = LegalPage.objects.get(kind="imprint", locale__language_code="de")
    edit_url = reverse("wagtailadmin_pages:edit", args=(imprint.pk,))
    data = nested_form_data(
        {
            "title": "Impressum",
            "slug": imprint.slug,
            "kind": "imprint",
            "body": rich_text("<p>Herausgeberin ist die Stadt Gera, Neue Anschrift 1.</p>"),
            "comments": inline_formset([]),
        }
    )

    response = editor.post(edit_url, {**data, "action-publish": "1"})

    assert response.status_code == 302, response.content.decode()[:2000]
    page = text(client.get(reverse("public:imprint")))
    assert "Herausgeberin ist die Stadt Gera, Neue Anschrift 1." in page
    assert "Neue Anschrift" not in text(client.get("/en" + reverse("public:imprint")))


def test_without_the_pages_the_shipped_texts_still_show(client) -> None:
    assert "Impressum" in text(client.get(reverse("public:imprint")))
