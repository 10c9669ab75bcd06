"""Public pages: the company directory (/unternehmen/) and a company's profile page.

The list works as a plain GET form; with htmx only the results partial is swapped and
the count is announced in the status region. Map, pagination and form fields are core's
shared pieces (``stadt360.core.ui`` and ``core/templates/core/``).
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.paginator import Page
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from stadt360.companies.choices import category_label
from stadt360.companies.filters import CompanyFilterSet
from stadt360.companies.models import Company, Product
from stadt360.companies.selectors import (
    company_detail,
    company_directory,
    open_jobs,
    possible_suppliers,
    profiles,
    similar_companies,
)
from stadt360.core.ui.forms import present_filter_form
from stadt360.core.ui.lists import paginate, wants_results_only
from stadt360.core.ui.maps import map_config

from .company_jsonld import company_graph
from .jsonld import to_script

PER_PAGE = 20
RESULTS_ID = "company-results"
MAIN_FILTERS = ("q", "industry", "district", "category")


@dataclass(frozen=True)
class Row:
    number: int
    company: Company
    url: str
    products: list[str]


def rows(paged: Page) -> list[Row]:
    start = paged.start_index()
    return [
        Row(
            number=start + index,
            company=company,
            url=reverse("companies:company-detail", args=[company.provider.slug]),
            products=[product.name for product in company.products.all()][:3],
        )
        for index, company in enumerate(paged.object_list)
    ]


def map_points(items: list[Row]) -> list[dict[str, Any]]:
    return [
        {
            "n": row.number,
            "lat": row.company.provider.latitude,
            "lon": row.company.provider.longitude,
            "label": row.company.provider.name,
            "address": row.company.provider.address_line,
            "url": row.url,
        }
        for row in items
    ]


def present(form: forms.Form) -> None:
    present_filter_form(form)
    near = form.fields["near"].widget
    near.choices = [("", gettext("No centre")), *list(near.choices)[1:]]
    form.fields["near"].help_text = gettext(
        "Together with “Within”: companies around this district."
    )


@require_GET
def company_list(request: HttpRequest) -> HttpResponse:
    products = Prefetch("products", queryset=Product.objects.only("id", "company_id", "name"))
    base = company_directory().prefetch_related(products)
    filterset = CompanyFilterSet(request.GET, queryset=base, request=request)
    present(filterset.form)
    queryset = filterset.qs if filterset.is_valid() else base.none()
    listing = paginate(request, queryset, PER_PAGE)
    items = rows(listing["paged"])
    form = filterset.form
    more = [name for name in form.fields if name not in MAIN_FILTERS and name not in ("lat", "lon")]
    context = {
        "form": form,
        "main_fields": [form[name] for name in MAIN_FILTERS],
        "more_fields": [form[name] for name in more],
        "hidden_fields": [form["lat"], form["lon"]],
        "more_open": any(request.GET.get(name) for name in more) or form.errors,
        **listing,
        "rows": items,
        "points": map_points(items),
        "map": map_config(),
        "results_id": RESULTS_ID,
        "list_url": request.path,
    }
    if wants_results_only(request, RESULTS_ID):
        return render(request, "public/companies/company_list.html#results", context)
    return render(request, "public/companies/company_list.html", context)


def job_url(pk: int) -> str | None:
    """The public job page; None while the offer pages are not mounted."""
    try:
        return reverse("public:job-detail", args=[pk])
    except NoReverseMatch:
        return None


def company_points(company: Company) -> list[dict[str, Any]]:
    places: list[tuple[str, Any]] = [(company.provider.name, company.provider)]
    places += [(site.name, site) for site in company.sites.all()]
    return [
        {
            "n": n,
            "lat": p.latitude,
            "lon": p.longitude,
            "label": name,
            "address": p.address_line,
            "url": "",
        }
        for n, (name, p) in enumerate(places, start=1)
    ]


@require_GET
def company_detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    company = get_object_or_404(company_detail(), provider__slug=slug)
    canonical = request.build_absolute_uri(reverse("companies:company-detail", args=[slug]))
    pool = profiles(Company.objects.listed())
    context = {
        "company": company,
        "provider": company.provider,
        "products": [(p, category_label(p.category)) for p in company.products.all()],
        "jobs": [(job, job_url(job.pk)) for job in open_jobs(company)],
        "posts": list(company.posts.open()[:10]),
        "similar": similar_companies(company, pool=pool),
        "suppliers": possible_suppliers(company, pool=pool),
        "jsonld": to_script(company_graph(company, canonical)),
        "points": company_points(company),
        "map": map_config(),
        "canonical": canonical,
    }
    return render(request, "public/companies/company_detail.html", context)


@require_GET
def company_by_id(request: HttpRequest, pk: int) -> HttpResponse:
    """A stable link by number (search index, API) that leads to the page by name."""
    company = get_object_or_404(Company.objects.listed().select_related("provider"), pk=pk)
    return redirect("companies:company-detail", slug=company.provider.slug, permanent=True)
