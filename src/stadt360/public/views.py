"""Views of the public site: each translates HTTP to a selector or service call and back."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import select_template
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from stadt360.accounts.throttle import client_ip
from stadt360.search.selectors import suggest
from stadt360.site.selectors import legal_page

from .forms import BarrierReportForm, SearchForm
from .newsletter_forms import SignupForm
from .selectors import demo_data_present, published_counts, search_kinds, site_search
from .services import TooManyReports, submit_barrier_report

RESULTS_PER_PAGE = 20
SEARCH_MAX_QUERY = 200


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "offer_counts": published_counts(),
        "demo_data": demo_data_present(),
        "search_form": SearchForm(),
        "newsletter_form": SignupForm(auto_id="newsletter_%s"),
    }
    return render(request, "public/home.html", context)


def _page_number(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """The site search over every indexed kind; htmx requests get only the results region."""
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_QUERY]
    known = dict(search_kinds())
    # "kind" may repeat (checkboxes); the start page sends one, or "" for all kinds.
    kinds = [kind for kind in dict.fromkeys(request.GET.getlist("kind")) if kind in known]
    district = request.GET.get("district", "").strip()[:100]
    context: dict[str, object] = {
        "query": query,
        "chosen_kinds": kinds,
        "district": district,
        "searched": bool(query or kinds or district),
        "demo_data": demo_data_present(),
        "browse_kinds": list(known.items()),
    }
    status = 200
    if context["searched"]:
        try:
            context["search"] = site_search(
                query=query,
                kinds=kinds,
                district=district,
                page=_page_number(request.GET.get("page")),
                per_page=RESULTS_PER_PAGE,
                language=(get_language() or "de").split("-")[0],
            )
        except ValidationError as error:
            context["errors"] = error.messages
            status = 400
    htmx = request.htmx  # type: ignore[attr-defined]
    partial = htmx and not htmx.history_restore_request
    template = "public/search/results.html" if partial else "public/search.html"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def search_suggestions(request: HttpRequest) -> HttpResponse:
    """``<option>``s for the search box's ``<datalist>`` (htmx fills it while typing)."""
    words = suggest(prefix=request.GET.get("q", "")[:SEARCH_MAX_QUERY], limit=8)
    return render(request, "public/search/suggestions.html", {"words": words})


def legal_text(name: str, title: Promise) -> dict[str, object]:
    """The legal text editors keep in /cms/ (``site.LegalPage``), else the one shipped here.

    Per language: legal texts are prose, not string tables. The shipped templates seed the
    editable pages (``site.seed``) and stand in until those exist.
    """
    page = legal_page(name.replace("_", "-"))
    if page is not None:
        return {"title": page.title, "legal_body": page.rendered_body()}
    language = (get_language() or "de").split("-")[0]
    content = select_template(
        [f"public/content/{name}.{language}.html", f"public/content/{name}.de.html"]
    )
    return {"title": title, "content_template": content.template.name}


@require_GET
def content_page(request: HttpRequest, name: str, title: Promise) -> HttpResponse:
    return render(request, "public/content_page.html", legal_text(name, title))


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
    status = 200
    if request.method == "POST":
        form = BarrierReportForm(request.POST)
        if form.is_valid():
            try:
                submit_barrier_report(
                    page_url=form.cleaned_data["page_url"],
                    description=form.cleaned_data["description"],
                    contact_email=form.cleaned_data["contact_email"],
                    language=get_language() or "de",
                    sender_ip=client_ip(request),
                )
            except TooManyReports as limited:
                form.add_error(None, limited)
                status = 429
            else:
                # Redirect, not a flash message: the messages framework would need a cookie.
                return redirect("public:barrier-thanks")
    else:
        form = BarrierReportForm(initial={"page_url": reported_page(request)})
    statement = legal_text("accessibility", _("Accessibility statement"))
    return render(request, "public/accessibility.html", {"form": form, **statement}, status=status)


@require_GET
def barrier_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "public/barrier_thanks.html")
