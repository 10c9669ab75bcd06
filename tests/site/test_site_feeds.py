"""RSS 2.0 and Atom feeds of the news, all and per topic, parsed with feedparser."""

import feedparser
import pytest

from stadt360.site.models import NewsPage

pytestmark = pytest.mark.django_db

FEEDS = "/innovationszentrum/aktuelles/feed/"


def parsed(client, path: str) -> feedparser.FeedParserDict:
    response = client.get(path)
    assert response.status_code == 200, path
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize(("path", "version"), [(FEEDS, "rss20"), (f"{FEEDS}atom/", "atom10")])
def test_the_news_feeds_are_valid_rss_and_atom_with_every_live_item(
    client, site_tree, path, version
) -> None:
    feed = parsed(client, path)

    assert feed.version == version
    assert feed.feed.title == "Aktuelles – Gera 360°"
    assert len(feed.entries) == 8
    newest = feed.entries[0]
    assert newest.title == "KI-Sprechstunde für kleine Firmen startet"
    assert newest.link == "http://testserver/innovationszentrum/aktuelles/ki-sprechstunde-startet/"
    assert newest.published_parsed or newest.updated_parsed
    dates = [entry.get("published_parsed") or entry.updated_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_a_topic_feed_has_only_that_topic_and_english_feeds_link_english_pages(
    client, site_tree
) -> None:
    funding = parsed(client, "/innovationszentrum/aktuelles/thema/foerderung/feed/atom/")
    english = parsed(client, "/en/innovationszentrum/aktuelles/feed/")

    assert {entry.title for entry in funding.entries} == {
        "Fördersprechtag: Digitalisierung im Betrieb",
        "Gründungsideen gesucht",
    }
    assert english.feed.title == "News – Gera 360°"
    assert all("/en/innovationszentrum/aktuelles/" in entry.link for entry in english.entries)
    assert client.get("/innovationszentrum/aktuelles/thema/gibt-es-nicht/feed/").status_code == 404


def test_unpublished_and_private_news_stay_out_of_the_feed(client, site_tree) -> None:
    from wagtail.models import PageViewRestriction

    NewsPage.objects.get(slug="foerdersprechtag", locale__language_code="de").unpublish()
    private = NewsPage.objects.get(slug="ausbildungsmesse", locale__language_code="de")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    titles = {entry.title for entry in parsed(client, FEEDS).entries}

    assert len(titles) == 6
    assert "Fördersprechtag: Digitalisierung im Betrieb" not in titles
