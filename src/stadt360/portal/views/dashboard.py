"""The clerk's start page: what needs attention first, then the lists."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..access import SESSION_KEY, current_provider, my_providers, portal_view
from ..forms import ProviderSwitchForm
from ..selectors import attention, problem_imports


@require_GET
@portal_view
def dashboard(request: HttpRequest) -> HttpResponse:
    provider = current_provider(request)
    providers = my_providers(request.user)
    summaries = attention(provider)
    context = {
        "provider": provider,
        "summaries": summaries,
        "expiring": [(s.kind, offer) for s in summaries for offer in s.expiring],
        "drafts": [(s.kind, offer) for s in summaries for offer in s.drafts],
        "imports": problem_imports(provider),
        "switch_form": ProviderSwitchForm(initial={"provider": provider.pk}, providers=providers)
        if len(providers) > 1
        else None,
    }
    return render(request, "portal/dashboard.html", context)


@require_POST
@portal_view
def provider_switch(request: HttpRequest) -> HttpResponse:
    form = ProviderSwitchForm(request.POST, providers=my_providers(request.user))
    if form.is_valid():
        request.session[SESSION_KEY] = form.cleaned_data["provider"]
        messages.success(request, _("You now work for the selected organisation."))
    return redirect("portal:dashboard")
