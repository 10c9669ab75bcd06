"""Offers of the current organisation: list by status, create, edit, preview, publish, archive, duplicate."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stadt360.core.choices import OfferStatus
from stadt360.core.publishing import NOT_VERIFIED, UnverifiedProvider, may_publish
from stadt360.offers import services
from stadt360.offers.registry import OfferKind, registry
from stadt360.portal.models import OfferImage

from ..access import current_provider, portal_view, require, scoped_object
from ..offer_forms import OfferFormBundle

PER_PAGE = 25


@require_GET
@portal_view
def offer_list(request: HttpRequest, kind: str) -> HttpResponse:
    offer_kind = registry.or_404(kind)
    provider = current_provider(request)
    status = request.GET.get("status", "")
    offers = offer_kind.model._default_manager.filter(provider=provider)
    if status in OfferStatus.values:
        offers = offers.filter(status=status)
    page = Paginator(offers.order_by("-updated_at", "pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "kind": offer_kind,
        "provider": provider,
        "page": page,
        "status": status,
        "statuses": OfferStatus.choices,
    }
    return render(request, "portal/offer_list.html", context)


@require_http_methods(["GET", "POST"])
@portal_view
def offer_create(request: HttpRequest, kind: str) -> HttpResponse:
    offer_kind = registry.or_404(kind)
    provider = current_provider(request)
    require(request.user, "offers.add_offer", provider)
    bundle = OfferFormBundle(offer_kind, request.POST if request.method == "POST" else None)
    if request.method == "POST" and bundle.is_valid():
        try:
            offer = services.create_offer(
                kind=offer_kind, provider=provider, data=bundle.data(), by=request.user
            )
        except ValidationError as error:
            bundle.add_errors(error)
        else:
            if may_publish(provider):
                messages.success(
                    request, _("The draft was saved. Check the preview, then publish it.")
                )
            else:
                messages.warning(request, _("The draft was saved.") + " " + NOT_VERIFIED)
            return redirect("portal:offer-preview", kind=offer_kind.key, pk=offer.pk)
    return render_form(request, offer_kind, bundle, provider=provider, offer=None)


@require_http_methods(["GET", "POST"])
@portal_view
def offer_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    offer_kind = registry.or_404(kind)
    offer = scoped_object(offer_kind.model, request.user, pk, "offers.change_offer")
    # The form works on its own copy: the service must see the stored values to record changes.
    copy = offer_kind.model._default_manager.get(pk=offer.pk)
    bundle = OfferFormBundle(
        offer_kind, request.POST if request.method == "POST" else None, instance=copy
    )
    if request.method == "POST" and bundle.is_valid():
        was_public = offer.status == OfferStatus.PUBLISHED
        try:
            services.update_offer(offer=offer, data=bundle.data(), by=request.user)
        except ValidationError as error:
            bundle.add_errors(error)
        else:
            messages.success(request, _("Your changes were saved."))
            if was_public and offer.status != OfferStatus.PUBLISHED:
                messages.warning(request, NOT_VERIFIED)  # the service kept it a draft
            return redirect("portal:offer-preview", kind=offer_kind.key, pk=offer.pk)
    return render_form(request, offer_kind, bundle, provider=offer.provider, offer=offer)


def render_form(
    request: HttpRequest, kind: OfferKind, bundle: OfferFormBundle, *, provider: Any, offer: Any
) -> HttpResponse:
    context = {
        "kind": kind,
        "bundle": bundle,
        "form": bundle.form,
        "provider": provider,
        "offer": offer,
    }
    return render(request, "portal/offer_form.html", context)


@require_GET
@portal_view
def offer_preview(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    offer_kind = registry.or_404(kind)
    offer = scoped_object(offer_kind.model, request.user, pk, "offers.change_offer")
    context = {
        "kind": offer_kind,
        "offer": offer,
        "provider": offer.provider,
        "images": OfferImage.objects.of(offer),
        "fields": preview_fields(offer, offer_kind),
        "can_publish": request.user.has_perm("offers.publish_offer", offer),
    }
    return render(request, "portal/offer_preview.html", context)


def preview_fields(offer: models.Model, kind: OfferKind) -> list[tuple[str, Any]]:
    """(label, shown value) of every field the form edits, in form order."""
    rows = []
    for name in kind.form._meta.fields or ():
        if name == "description":
            continue
        field = offer._meta.get_field(name)
        display = getattr(offer, f"get_{name}_display", None)
        label = getattr(field, "verbose_name", name)
        rows.append((str(label), display() if display else getattr(offer, name)))
    return rows


def status_action(service: Any, perm: str, message: Any) -> Any:
    """A POST-only view that changes one offer through a write service (``publish_offer`` …)."""

    @require_POST
    @portal_view
    def view(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
        offer_kind = registry.or_404(kind)
        offer = scoped_object(offer_kind.model, request.user, pk, perm)
        try:
            result = service(offer=offer, by=request.user)
        except UnverifiedProvider as refused:
            messages.error(request, refused.message)
            return redirect("portal:offer-preview", kind=offer_kind.key, pk=offer.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("portal:offer-preview", kind=offer_kind.key, pk=offer.pk)
        messages.success(request, message)
        return redirect("portal:offer-preview", kind=offer_kind.key, pk=result.pk)

    view.__name__ = f"offer_{service.__name__.removesuffix('_offer')}"
    return view


offer_publish = status_action(
    services.publish_offer, "offers.publish_offer", gettext_lazy("The offer is published.")
)
offer_archive = status_action(
    services.archive_offer, "offers.archive_offer", gettext_lazy("The offer is archived.")
)
offer_duplicate = status_action(
    services.duplicate_offer,
    "offers.change_offer",
    gettext_lazy("A draft copy was made. Change what differs, then publish it."),
)
