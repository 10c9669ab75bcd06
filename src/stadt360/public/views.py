"""Views of the public site: each translates HTTP to a selector or service call and back."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import select_template
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from .forms import BarrierReportForm, SearchForm
from .selectors import demo_data_present, published_counts, search_offers
from .services import submit_barrier_report

RESULTS_PER_PAGE = 20


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "offer_counts": published_counts(),
        "demo_data": demo_data_present(),
        "search_form": SearchForm(),
    }
    return render(request, "public/home.html", context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    context: dict[str, object] = {"search_form": form, "demo_data": demo_data_present()}
    if form.is_valid() and (form.cleaned_data["q"] or form.cleaned_data["kind"]):
        results = search_offers(form.cleaned_data["q"].strip(), form.cleaned_data["kind"])
        context["counts"] = results.counts()
        context["searched"] = True
        context["page"] = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "public/search.html", context)


@require_GET
def content_page(request: HttpRequest, name: str, title: Promise) -> HttpResponse:
    """A page whose prose is written per language (legal texts are not string tables)."""
    language = (get_language() or "de").split("-")[0]
    content = select_template(
        [f"public/content/{name}.{language}.html", f"public/content/{name}.de.html"]
    )
    return render(
        request,
        "public/content_page.html",
        {"title": title, "content_template": content.template.name},
    )


@require_GET
def imprint(request: HttpRequest) -> HttpResponse:
    return content_page(request, "imprint", _("Legal notice"))


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return content_page(request, "privacy", _("Privacy"))


@require_GET
def easy_language(request: HttpRequest) -> HttpResponse:
    return content_page(request, "easy_language", _("Easy language"))


def reported_page(request: HttpRequest) -> str:
    """The page the person came from (``?page=/path/``), only ever one of ours."""
    path = request.GET.get("page", "")
    if not path.startswith("/") or path.startswith("//"):
        return ""
    return request.build_absolute_uri(path)


@require_http_methods(["GET", "POST"])
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement with its feedback form (BITV 2.0 § 7 requires both)."""
    if request.method == "POST":
        form = BarrierReportForm(request.POST)
        if form.is_valid():
            submit_barrier_report(
                page_url=form.cleaned_data["page_url"],
                description=form.cleaned_data["description"],
                contact_email=form.cleaned_data["contact_email"],
                language=get_language() or "de",
            )
            # Redirect instead of a flash message: the messages framework would need a cookie.
            return redirect("public:barrier-thanks")
    else:
        form = BarrierReportForm(initial={"page_url": reported_page(request)})
    language = (get_language() or "de").split("-")[0]
    statement = select_template(
        [f"public/content/accessibility.{language}.html", "public/content/accessibility.de.html"]
    )
    return render(
        request,
        "public/accessibility.html",
        {"form": form, "statement_template": statement.template.name},
    )


@require_GET
def barrier_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "public/barrier_thanks.html")
