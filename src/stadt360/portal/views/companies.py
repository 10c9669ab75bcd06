"""Portal page of the company profile: profile, products and services, sites in one form.

Included by the lead under ``/portal/unternehmen/`` (namespace ``companies_portal``).
Uses the portal's access helpers: only members of the current organisation get here,
and products or sites of another company are not found (404).
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseFormSet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadt360.companies import services
from stadt360.companies.models import Company, Product, Site

from ..access import current_provider, portal_view, require
from ..company_forms import CompanyProfileForm, ProductFormSet, SiteFormSet
from ..images import reencode

PROFILE_INITIAL = tuple(CompanyProfileForm.base_fields)


def profile_initial(company: Company | None) -> dict[str, Any]:
    return {name: getattr(company, name) for name in PROFILE_INITIAL} if company else {}


def product_initial(company: Company | None) -> list[dict[str, Any]]:
    if company is None:
        return []
    fields = ("id", "kind", "name", "category", "description")
    return list(company.products.values(*fields))


def site_initial(company: Company | None) -> list[dict[str, Any]]:
    if company is None:
        return []
    return [dict(row) for row in company.sites.values("id", "name", "street", "postcode")]


def own(queryset: Any, pk: int | None) -> Any:
    """The row ``pk`` of this company, None for a new one; another company's row is a 404."""
    if not pk:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def save_products(company: Company, formset: BaseFormSet, by: Any) -> None:
    for form in formset.forms:
        if not form.has_changed():
            continue
        data = form.cleaned_data
        product: Product | None = own(Product.objects.filter(company=company), data.get("id"))
        if data.get("DELETE"):
            if product is not None:
                services.delete_product(product=product, by=by)
            continue
        product = services.save_product(company=company, data=data, by=by, product=product)
        if data.get("image"):
            clean = reencode(data["image"])
            services.add_product_image(
                product=product, content=clean.content, alt_text=data["alt_text"], by=by
            )


def save_sites(company: Company, formset: BaseFormSet, by: Any) -> None:
    for form in formset.forms:
        if not form.has_changed():
            continue
        site: Site | None = own(Site.objects.filter(company=company), form.cleaned_data.get("id"))
        if form.cleaned_data.get("DELETE"):
            if site is not None:
                services.delete_site(site=site, by=by)
            continue
        services.save_site(company=company, data=form.site_data(), by=by, site=site)


@require_http_methods(["GET", "POST"])
@portal_view
def company_profile(request: HttpRequest) -> HttpResponse:
    provider = current_provider(request)
    require(request.user, "companies.change_company", provider)
    company = Company.objects.filter(provider=provider).first()
    post = request.POST if request.method == "POST" else None
    form = CompanyProfileForm(post, initial=profile_initial(company))
    products = ProductFormSet(
        post, request.FILES or None, prefix="products", initial=product_initial(company)
    )
    sites = SiteFormSet(post, prefix="sites", initial=site_initial(company))
    if post is not None and form.is_valid() and products.is_valid() and sites.is_valid():
        try:
            with transaction.atomic():
                company = _save_profile(provider, company, form.cleaned_data, request.user)
                save_products(company, products, request.user)
                save_sites(company, sites, request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The company profile was saved."))
            return redirect("companies_portal:company-profile")
    context = {
        "provider": provider,
        "company": company,
        "form": form,
        "products": products,
        "sites": sites,
    }
    return render(request, "portal/companies/company_profile.html", context)


def _save_profile(provider: Any, company: Company | None, data: dict[str, Any], by: Any) -> Company:
    if company is None:
        return services.create_company(provider=provider, data=data, by=by)
    return services.update_company(company=company, data=data, by=by)
