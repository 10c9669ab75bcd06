"""RSS 2.0 and Atom feeds of the news (Django's syndication framework), all or per topic."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from .models import NewsIndexPage, NewsPage, NewsTopic
from .selectors import live_news

FEED_ITEMS = 20


class NewsFeed(Feed):
    """One feed per (index, topic, format); built per request from the routed page."""

    def __init__(self, *, index: NewsIndexPage, topic: NewsTopic | None, atom: bool) -> None:
        super().__init__()
        self.index, self.topic = index, topic
        self.feed_type = Atom1Feed if atom else Rss201rev2Feed
        self.language = index.locale.language_code

    def title(self) -> str:
        base = f"{self.index.title} – Gera 360°"
        return f"{base}: {self.topic.name}" if self.topic else base

    def link(self) -> str:
        url = self.index.url or "/"
        return f"{url}?thema={self.topic.slug}" if self.topic else url

    def description(self) -> str:
        return self.index.intro or _("News about Gera's economy and the innovation centre.")

    subtitle = description

    def items(self) -> list[NewsPage]:
        return list(live_news(self.index, topic=self.topic)[:FEED_ITEMS])

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.teaser

    def item_link(self, item: NewsPage) -> str:
        return item.url or ""

    def item_pubdate(self, item: NewsPage) -> datetime:
        return item.first_published_at or published_at(item)

    def item_updateddate(self, item: NewsPage) -> datetime:
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item: NewsPage) -> list[str]:
        return [topic.name for topic in item.topics.all()]


def published_at(item: NewsPage) -> datetime:
    return timezone.make_aware(datetime.combine(item.date, time(12)))


def news_feed(
    *, index: NewsIndexPage, request: HttpRequest, topic_slug: str | None, atom: bool
) -> HttpResponse:
    topic = None
    if topic_slug is not None:
        topic = NewsTopic.objects.filter(slug=topic_slug).first()
        if topic is None:
            raise Http404
    return NewsFeed(index=index, topic=topic, atom=atom)(request)
