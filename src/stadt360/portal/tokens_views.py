"""API keys of the current organisation: list, create (the secret is shown once), revoke.

Only the organisation's administrators (``providers.change_provider``) manage keys. Keys
are found through the organisation: another organisation's key is a 404.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stadt360.providers.models import ApiScope, ApiToken
from stadt360.providers.tokens import create_token, revoke_token

from .access import current_provider, portal_view, require

PERMISSION = "providers.change_provider"


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("Which system uses the key, e.g. “ERP export”."),
    )
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("Permissions"),
        choices=ApiScope.choices,
        widget=forms.CheckboxSelectMultiple,
    )


@require_GET
@portal_view
def token_list(request: HttpRequest) -> HttpResponse:
    provider = current_provider(request)
    require(request.user, PERMISSION, provider)
    tokens = ApiToken.objects.filter(provider=provider)
    return render(
        request, "portal/tokens/token_list.html", {"provider": provider, "tokens": tokens}
    )


@require_http_methods(["GET", "POST"])
@portal_view
def token_create(request: HttpRequest) -> HttpResponse:
    provider = current_provider(request)
    require(request.user, PERMISSION, provider)
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = create_token(
                provider=provider,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Rendered, not redirected: the secret never lands in a session or a URL.
            response = render(
                request,
                "portal/tokens/token_created.html",
                {"provider": provider, "token": token, "secret": secret},
            )
            response["Cache-Control"] = "no-store"
            return response
    status = 400 if form.errors else 200
    context = {"provider": provider, "form": form}
    return render(request, "portal/tokens/token_form.html", context, status=status)


@require_POST
@portal_view
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(
        ApiToken.objects.filter(provider__memberships__user=request.user.pk).select_related(
            "provider"
        ),
        pk=pk,
    )
    require(request.user, PERMISSION, token.provider)
    revoke_token(token=token, by=request.user)
    messages.success(request, _("The API key “%(name)s” was revoked.") % {"name": token.name})
    return redirect("portal:token-list")
