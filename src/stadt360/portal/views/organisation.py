"""The organisation: registration, contact details, members and invitations, audit log."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stadt360.providers import membership as services
from stadt360.providers.models import Invitation, MemberRole, Membership, Provider

from ..access import SESSION_KEY, current_provider, portal_view, require
from ..forms import InvitationForm, ProviderContactForm, ProviderRegistrationForm
from ..selectors import audit_entries

AUDIT_PER_PAGE = 50


@require_http_methods(["GET", "POST"])
@login_required
def provider_register(request: HttpRequest) -> HttpResponse:
    """Any signed-in person may register an organisation and becomes its administrator."""
    require(request.user, "providers.register")
    form = ProviderRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        provider = services.register_provider(by=request.user, data=form.cleaned_data)
        request.session[SESSION_KEY] = provider.pk
        messages.success(
            request,
            _(
                "Your organisation is registered. The city checks it; until then you can prepare drafts."
            ),
        )
        return redirect("portal:dashboard")
    return render(request, "portal/provider_register.html", {"form": form})


@require_http_methods(["GET", "POST"])
@portal_view
def provider_edit(request: HttpRequest) -> HttpResponse:
    provider = current_provider(request)
    require(request.user, "providers.change_provider", provider)
    initial = {name: getattr(provider, name) for name in ProviderContactForm.base_fields}
    form = ProviderContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_provider(provider=provider, data=form.cleaned_data, by=request.user)
        messages.success(request, _("The contact details were saved."))
        return redirect("portal:provider-edit")
    return render(request, "portal/provider_edit.html", {"form": form, "provider": provider})


@require_GET
@portal_view
def member_list(request: HttpRequest) -> HttpResponse:
    provider = current_provider(request)
    require(request.user, "providers.manage_members", provider)
    return render(request, "portal/member_list.html", members_context(provider, InvitationForm()))


def members_context(provider: Provider, form: InvitationForm) -> dict[str, Any]:
    return {
        "provider": provider,
        "memberships": Membership.objects.filter(provider=provider).select_related("user"),
        "invitations": Invitation.objects.filter(provider=provider).open(),
        "form": form,
        "roles": MemberRole.choices,
    }


@require_POST
@portal_view
def member_invite(request: HttpRequest) -> HttpResponse:
    provider = current_provider(request)
    require(request.user, "providers.manage_members", provider)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invite_member(
                provider=provider,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
                link=lambda invitation: request.build_absolute_uri(
                    reverse("portal:invitation-accept", args=[invitation.token])
                ),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The invitation to %(email)s was sent.") % {"email": invitation.email}
            )
            return redirect("portal:member-list")
    context = members_context(provider, form)
    return render(request, "portal/member_list.html", context, status=400)


@require_POST
@portal_view
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.filter(provider__memberships__user=request.user.pk), pk=pk
    )
    require(request.user, "providers.manage_members", membership.provider)
    try:
        services.remove_member(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(email)s is no longer a member.") % {"email": membership.user.email}
        )
    return redirect("portal:member-list")


@require_POST
@portal_view
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.filter(provider__memberships__user=request.user.pk), pk=pk
    )
    require(request.user, "providers.manage_members", membership.provider)
    try:
        services.change_member_role(
            membership=membership, role=request.POST.get("role", ""), by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        membership.refresh_from_db()
        messages.success(
            request,
            _("%(email)s is now %(role)s.")
            % {"email": membership.user.email, "role": membership.get_role_display()},
        )
    return redirect("portal:member-list")


@require_POST
@portal_view
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation.objects.filter(provider__memberships__user=request.user.pk), pk=pk
    )
    require(request.user, "providers.manage_members", invitation.provider)
    services.revoke_invitation(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("portal:member-list")


@require_http_methods(["GET", "POST"])
@login_required
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the e-mail: shows the invitation, POST accepts it (no portal access needed yet)."""
    invitation = get_object_or_404(Invitation.objects.select_related("provider"), token=token)
    error = ""
    if request.method == "POST":
        try:
            services.accept_invitation(invitation=invitation, by=request.user)
        except (ValidationError, PermissionDenied) as problem:
            error = " ".join(getattr(problem, "messages", [str(problem)]))
        else:
            request.session[SESSION_KEY] = invitation.provider_id
            messages.success(
                request, _("Welcome to %(provider)s.") % {"provider": invitation.provider.name}
            )
            return redirect("portal:dashboard")
    elif not invitation.is_open:
        error = _("This invitation has expired or was already used.")
    return render(
        request,
        "portal/invitation_accept.html",
        {"invitation": invitation, "error": error},
        status=400 if error else 200,
    )


@require_GET
@portal_view
def audit_log(request: HttpRequest) -> HttpResponse:
    provider = current_provider(request)
    require(request.user, "providers.view_audit", provider)
    page = Paginator(audit_entries(provider), AUDIT_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/audit_log.html", {"provider": provider, "page": page})
