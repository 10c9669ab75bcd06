"""Reads for the pages: live public news, upcoming event dates, the legal text in a language."""

from django.conf import settings
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from wagtail.models import Page

from stadt360.events.models import EventDate

from .models import LegalPage, NewsPage, NewsTopic


def live_news(index: Page, *, topic: NewsTopic | None = None) -> QuerySet[NewsPage]:
    """What visitors and feeds see: live, not restricted, newest first."""
    news = NewsPage.objects.live().public().descendant_of(index)
    if topic is not None:
        news = news.filter(topics=topic)
    return news.order_by("-date", "-first_published_at").prefetch_related("topics")


def url_or_none(name: str, **kwargs: str) -> str | None:
    """The address of a page another part builds (the event pages), if it is there yet."""
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def upcoming_dates(*, limit: int) -> list[EventDate]:
    """The next public event dates, each with ``event_url`` (None without event pages)."""
    dates = list(
        EventDate.objects.public().upcoming().select_related("event").order_by("starts_at")[:limit]
    )
    for date in dates:
        date.event_url = url_or_none("public:event-detail", slug=date.event.slug)  # type: ignore[attr-defined]
    return dates


def legal_page(kind: str) -> LegalPage | None:
    """The live legal page of ``kind`` in the active language, else the German one."""
    pages = LegalPage.objects.live().public().filter(kind=kind)
    language = (get_language() or "de").split("-")[0]
    active = pages.filter(locale__language_code=language).first()
    return active or pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()
