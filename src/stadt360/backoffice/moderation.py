"""City staff pages: the queue of registered organisations, the audit log, roles.

Access through ``rules`` permissions (``accounts.rules``): moderators and admins verify
organisations and read the audit log; only city admins assign city roles.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stadt360.accounts.roles import CITY_ROLES
from stadt360.accounts.services import set_city_role
from stadt360.companies.models import Company
from stadt360.companies.services import verify_company
from stadt360.core.models import AuditEntry
from stadt360.core.ui.forms import KernForm
from stadt360.providers.membership import review_provider
from stadt360.providers.models import Membership, Provider

PER_PAGE = 50
View = Callable[..., HttpResponse]


def city_view(perm: str) -> Callable[[View], View]:
    """Signed in (else login) and holding ``perm`` (else 403)."""

    def decorator(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class ReviewForm(KernForm):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("approve", gettext_lazy("Verify")), ("reject", gettext_lazy("Reject"))],
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the organisation"),
        help_text=gettext_lazy(
            "Sent with the e-mail. Required when you reject: say what is missing."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "reject" and not data.get("note", "").strip():
            self.add_error("note", _("Please say why, so the organisation can fix it."))
        return data


class RoleForm(KernForm):
    role = forms.ChoiceField(
        label=gettext_lazy("City role"),
        choices=[("", gettext_lazy("No city role")), *((r.value, r.label) for r in CITY_ROLES)],
        required=False,
    )


@require_GET
@city_view("backoffice.verify_provider")
def provider_queue(request: HttpRequest) -> HttpResponse:
    providers = Provider.objects.awaiting_review().order_by("created_at", "pk")
    page = Paginator(providers, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "backoffice/moderation/provider_queue.html", {"page": page})


@require_http_methods(["GET", "POST"])
@city_view("backoffice.verify_provider")
def provider_review(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        review_provider(
            provider=provider, approve=approve, note=form.cleaned_data["note"], by=request.user
        )
        done = _("%(name)s is verified.") if approve else _("%(name)s was rejected.")
        messages.success(request, done % {"name": provider.name})
        return redirect("moderation:provider-queue")
    context = {
        "provider": provider,
        "form": form,
        "admins": Membership.objects.filter(provider=provider).select_related("user"),
    }
    return render(request, "backoffice/moderation/provider_review.html", context)


@require_GET
@city_view("companies.verify_company")
def company_queue(request: HttpRequest) -> HttpResponse:
    companies = Company.objects.awaiting_check().select_related("provider")
    page = Paginator(companies.order_by("updated_at", "pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "backoffice/moderation/company_queue.html", {"page": page})


@require_POST
@city_view("companies.verify_company")
def company_verify(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_object_or_404(Company.objects.select_related("provider"), pk=pk)
    verify_company(company=company, by=request.user)
    messages.success(
        request, _("The profile of %(name)s is checked.") % {"name": company.provider.name}
    )
    return redirect("moderation:company-queue")


@require_GET
@city_view("backoffice.view_audit")
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.select_related("actor", "provider")
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "backoffice/moderation/audit_log.html", {"page": page})


@require_GET
@city_view("backoffice.manage_roles")
def user_list(request: HttpRequest) -> HttpResponse:
    users = (
        get_user_model()
        .objects.prefetch_related("groups", "memberships__provider")
        .order_by("email", "pk")
    )
    page = Paginator(users, PER_PAGE).get_page(request.GET.get("page"))
    rows = [(user, role_form(user)) for user in page.object_list]
    return render(request, "backoffice/moderation/user_list.html", {"page": page, "rows": rows})


def role_form(user: Any) -> RoleForm:
    current = next((g.name for g in user.groups.all() if g.name in CITY_ROLES), "")
    return RoleForm(initial={"role": current}, auto_id=f"user-{user.pk}-%s")


@require_POST
@city_view("backoffice.manage_roles")
def user_role(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(get_user_model(), pk=pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        set_city_role(user=user, role=form.cleaned_data["role"] or None, by=request.user)
        messages.success(request, _("The role of %(email)s was saved.") % {"email": user.email})
    return redirect("moderation:user-list")
