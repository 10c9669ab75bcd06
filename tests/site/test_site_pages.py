"""The centre's homepage, the news list and a news item in German and English, as seeded."""

from datetime import timedelta

import pytest
from django.utils import timezone

from stadt360.events.models import Event, EventDate, EventStatus
from stadt360.site import models as site_models
from stadt360.site.models import NewsPage, NewsTopic
from stadt360.site.seed import ensure_site_tree

pytestmark = pytest.mark.django_db


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_centre_homepage_in_german_shows_what_it_is_news_and_how_to_take_part(
    client, site_tree
) -> None:
    page = text(client.get("/innovationszentrum/"))

    assert '<h1 class="kern-heading-x-large">Innovationszentrum Gera</h1>' in page
    assert "Gewerbepark Keplerstraße" in page
    assert "Mitglied im Förderverein werden" in page
    assert "KI-Sprechstunde für kleine Firmen startet" in page  # the newest news item
    assert "Demodaten" in page
    assert 'type="application/rss+xml"' in page
    assert 'href="/innovationszentrum/aktuelles/feed/"' in page
    assert 'href="/innovationszentrum/aktuelles/"' in page
    assert '<html lang="de">' in page


def test_the_centre_homepage_in_english(client, site_tree) -> None:
    page = text(client.get("/en/innovationszentrum/"))

    assert "Innovation centre Gera" in page
    assert "Join the supporting association" in page
    assert "AI consultation hour for small firms starts" in page
    assert 'href="/en/innovationszentrum/aktuelles/feed/"' in page
    assert '<html lang="en">' in page


def test_upcoming_public_event_dates_appear_on_the_centre_homepage(client, site_tree) -> None:
    start = timezone.now() + timedelta(days=3)
    shown = Event.objects.create(slug="ki-abend", title="KI im Mittelstand: Abend 1")
    shown.status = EventStatus.PUBLISHED
    shown.save()
    draft = Event.objects.create(slug="entwurf", title="Noch nicht öffentlich")
    EventDate.objects.create(event=shown, starts_at=start, ends_at=start + timedelta(hours=2))
    EventDate.objects.create(event=draft, starts_at=start, ends_at=start + timedelta(hours=2))

    page = text(client.get("/innovationszentrum/"))

    assert "KI im Mittelstand: Abend 1" in page
    assert "Noch nicht öffentlich" not in page


def test_the_news_list_filters_by_topic_and_pages(client, site_tree, monkeypatch) -> None:
    monkeypatch.setattr(site_models, "NEWS_PER_PAGE", 3)
    all_news = text(client.get("/innovationszentrum/aktuelles/"))
    funding = text(client.get("/innovationszentrum/aktuelles/?thema=foerderung"))
    second = text(client.get("/innovationszentrum/aktuelles/?seite=2"))

    assert "KI-Sprechstunde für kleine Firmen startet" in all_news
    assert "Seite 1 von 3" in all_news
    assert "Fördersprechtag" in funding
    assert "KI-Sprechstunde" not in funding
    assert 'href="/innovationszentrum/aktuelles/thema/foerderung/feed/"' in funding
    assert "Schulklassen zu Gast im Hackerspace" in second  # newest first: 4th to 6th
    assert "KI-Sprechstunde" not in second


def test_a_news_item_in_german_and_english_is_labelled_as_demo_data(client, site_tree) -> None:
    german = text(client.get("/innovationszentrum/aktuelles/foerdersprechtag/"))
    english = text(client.get("/en/innovationszentrum/aktuelles/foerdersprechtag/"))

    assert "Fördersprechtag: Digitalisierung im Betrieb" in german
    assert "Demodaten" in german
    assert "Funding consultation day" in english
    assert "Demo data" in english
    assert 'rel="alternate"' in english


def test_drafts_and_unknown_pages_are_not_served(client, site_tree) -> None:
    draft = NewsPage.objects.get(slug="foerdersprechtag", locale__language_code="de")
    draft.unpublish()

    assert client.get("/innovationszentrum/aktuelles/foerdersprechtag/").status_code == 404
    assert "Fördersprechtag" not in text(client.get("/innovationszentrum/aktuelles/"))
    assert client.get("/innovationszentrum/gibt-es-nicht/").status_code == 404


def test_seeding_again_changes_nothing(site_tree) -> None:
    pages = NewsPage.objects.count()
    ensure_site_tree()
    assert NewsPage.objects.count() == pages == 16
    assert NewsTopic.objects.count() == 4
