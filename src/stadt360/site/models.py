"""The page types staff edit at /cms/ and the news topics (a snippet).

Tree: Wagtail's root → ``SiteRootPage`` (one per language; "/" itself is the Django start
page) → ``CentreHomePage`` (/innovationszentrum/) → ``NewsIndexPage`` (aktuelles/) →
``NewsPage``; and ``LegalPage``s next to the centre (/impressum/ …, shown by public.views).
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import expand_db_html
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .blocks import INVOLVEMENT_BLOCKS, PROJECT_BLOCKS
from .placeholders import fill

NEWS_PER_PAGE = 10


class NewsTopic(models.Model):
    """What a news item is about (economy, the centre, funding …); filters the list and feeds."""

    slug = models.SlugField(_("address name"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=80)

    objects: models.Manager["NewsTopic"] = models.Manager()
    panels = [FieldPanel("name_de"), FieldPanel("name_en"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("news topic")
        verbose_name_plural = _("news topics")

    def __str__(self) -> str:
        return self.name


register_snippet(NewsTopic)


class SiteRootPage(Page):
    """The root of each language's tree. Its address is "/" (or "/en/"): the Django start page."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["site.CentreHomePage", "site.LegalPage"]

    class Meta:
        verbose_name = _("site root")

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return redirect("public:home")


class CentreHomePage(Page):
    """The innovation centre's homepage (/innovationszentrum/)."""

    intro = RichTextField(_("what the centre is"), features=["bold", "italic", "link"])
    projects = StreamField(PROJECT_BLOCKS, blank=True, verbose_name=_("current projects"))
    address = models.TextField(_("address"), help_text=_("One line per address line."))
    directions = RichTextField(
        _("how to get there"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    contact = RichTextField(_("contact"), blank=True, features=["bold", "italic", "link"])
    involvement = StreamField(INVOLVEMENT_BLOCKS, blank=True, verbose_name=_("take part"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("projects"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("directions"), FieldPanel("contact")],
            heading=_("Visit and contact"),
        ),
        FieldPanel("involvement"),
    ]
    parent_page_types = ["site.SiteRootPage"]
    subpage_types = ["site.NewsIndexPage"]
    max_count_per_parent = 1
    # The look is the public site's (presentation templates, tests/test_layering.py).
    template = "public/site/centre_home_page.html"

    class Meta:
        verbose_name = _("innovation centre homepage")

    def news_index(self) -> "NewsIndexPage | None":
        return NewsIndexPage.objects.child_of(self).live().first()

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .selectors import live_news, upcoming_dates, url_or_none

        context = super().get_context(request, *args, **kwargs)
        index = self.news_index()
        context["news_index"] = index
        context["latest_news"] = live_news(index)[:3] if index else []
        context["upcoming_dates"] = upcoming_dates(limit=4)
        context["events_url"] = url_or_none("public:events")
        return context


class NewsIndexPage(RoutablePageMixin, Page):
    """News about Gera's economy and the centre, with a topic filter and feeds."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["site.CentreHomePage"]
    subpage_types = ["site.NewsPage"]
    max_count_per_parent = 1
    template = "public/site/news_index_page.html"

    class Meta:
        verbose_name = _("news index")

    @path("")
    def news_list(self, request: HttpRequest) -> HttpResponse:
        from .selectors import live_news

        topic = NewsTopic.objects.filter(slug=request.GET.get("thema", "")).first()
        paginator = Paginator(live_news(self, topic=topic), NEWS_PER_PAGE)
        news: PaginatorPage = paginator.get_page(request.GET.get("seite"))
        context = {"topic": topic, "topics": NewsTopic.objects.all(), "news": news}
        return self.render(request, context_overrides=context)

    @path("feed/", name="feed-rss")
    @path("feed/atom/", name="feed-atom")
    @path("thema/<slug:topic>/feed/", name="topic-feed-rss")
    @path("thema/<slug:topic>/feed/atom/", name="topic-feed-atom")
    def feed(self, request: HttpRequest, topic: str | None = None) -> HttpResponse:
        from .feeds import news_feed

        atom = request.path.rstrip("/").endswith("/atom")
        return news_feed(index=self, request=request, topic_slug=topic, atom=atom)


class NewsPage(Page):
    """One news item."""

    date = models.DateField(_("date"), default=timezone.localdate)
    teaser = models.TextField(_("teaser"), max_length=400)
    body = RichTextField(_("text"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    topics = ParentalManyToManyField(NewsTopic, blank=True, verbose_name=_("topics"))
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Generated example, shown as Demodaten.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("teaser"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("topics"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("teaser"), index.SearchField("body")]
    parent_page_types = ["site.NewsIndexPage"]
    subpage_types: list[str] = []
    template = "public/site/news_page.html"

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def clean(self) -> None:
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the image for people who cannot see it.")}
            )


class LegalKind(models.TextChoices):
    IMPRINT = "imprint", _("Legal notice")
    PRIVACY = "privacy", _("Privacy")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    EASY_LANGUAGE = "easy-language", _("Easy language")


class LegalPage(Page):
    """A legal text (Impressum …). Shown at its fixed address by ``public.views``."""

    kind = models.CharField(_("kind"), max_length=20, choices=LegalKind.choices)
    body = RichTextField(
        _("text"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_(
            "[[retention:login_logs]] and the like are replaced by the storage period "
            "in days that the deletion job uses."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("kind"), FieldPanel("body")]
    parent_page_types = ["site.SiteRootPage"]
    subpage_types: list[str] = []
    template = "public/site/legal_page.html"  # the preview; live: public.views

    class Meta:
        verbose_name = _("legal page")

    def clean(self) -> None:
        super().clean()
        twins = LegalPage.objects.filter(kind=self.kind, locale_id=self.locale_id)
        if twins.exclude(pk=self.pk).exists():
            raise ValidationError({"kind": _("There is already a page of this kind.")})

    def rendered_body(self) -> SafeString:
        """The text as visitors see it: links expanded, storage periods filled in."""
        return fill(expand_db_html(self.body))

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        return {**context, "title": self.title, "legal_body": self.rendered_body()}

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Live, the page lives at its public address (with its form and computed parts)."""
        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        return redirect(f"public:{self.kind}")
