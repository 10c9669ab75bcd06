"""Pictures of an offer: upload (with a required text alternative) and delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stadt360.offers.registry import registry

from ..access import portal_view, require, scoped, scoped_object
from ..forms import OfferImageForm
from ..models import OfferImage
from ..services import add_offer_image, delete_offer_image


@require_http_methods(["GET", "POST"])
@portal_view
def image_add(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    offer_kind = registry.or_404(kind)
    offer = scoped_object(offer_kind.model, request.user, pk, "offers.change_offer")
    form = OfferImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            add_offer_image(
                offer=offer,
                upload=form.cleaned_data["image"],
                alt_text=form.cleaned_data["alt_text"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("image", error)
        else:
            messages.success(request, _("The image was added."))
            return redirect("portal:offer-preview", kind=offer_kind.key, pk=offer.pk)
    context = {"kind": offer_kind, "offer": offer, "form": form, "provider": offer.provider}
    return render(request, "portal/image_form.html", context)


@require_POST
@portal_view
def image_delete(request: HttpRequest, pk: int) -> HttpResponse:
    image = get_object_or_404(scoped(OfferImage, request.user), pk=pk)
    offer = image.offer
    require(request.user, "offers.change_offer", offer)
    delete_offer_image(image=image, by=request.user)
    messages.success(request, _("The image was removed."))
    kind = offer._meta.model_name
    return redirect("portal:offer-preview", kind=kind, pk=offer.pk)
