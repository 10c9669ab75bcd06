""" "My data": download everything stored about one's account (Art. 15 GDPR) and delete the
account (Art. 17). Both ask for the password again first (allauth's reauthentication).

Views only translate: the export comes from ``accounts.privacy``, the deletion from
``accounts.services.delete_account``.
"""

import json
from typing import cast

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stadt360.core import audit

from .models import User
from .privacy import export_personal_data
from .privacy_forms import DeleteAccountForm
from .services import delete_account, organisations_of_sole_admin


@login_required
def privacy_overview(request: HttpRequest) -> HttpResponse:
    return render(request, "account/privacy.html")


@require_POST
@login_required
@reauthentication_required
def privacy_export(request: HttpRequest) -> HttpResponse:
    """One JSON file; the download itself is audited (who took a copy of their data, when)."""
    user = cast(User, request.user)  # login_required
    document = export_personal_data(user=user)
    audit.record(user, "user.data_exported", by=user, provider=None)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    name = f"gera360-meine-daten-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
@reauthentication_required(allow_get=False)
def account_delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            delete_account(user=request.user, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            messages.success(request, _("Your account and your personal data have been deleted."))
            return redirect("public:home")
    blocking, left_alone = organisations_of_sole_admin(request.user)
    context = {"form": form, "blocking": blocking, "left_alone": left_alone}
    return render(request, "account/delete.html", context)
