"""Daten importieren: upload a feed file, follow the run, read its report, list past runs.

Uploading needs ``offers.add_offer`` on the current organisation (admins and editors).
Runs are found through the scoped queryset: another organisation's run is a 404.
The uploaded file itself lies in private storage; ``import_file`` is its only way out.
"""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from stadt360.imports.models import ImportRun, IssueLevel, RunStatus
from stadt360.imports.services import start_import
from stadt360.offers.registry import registry

from .access import current_provider, portal_view, require, scoped
from .imports_forms import ImportUploadForm

PER_PAGE = 25
POLL_SECONDS = 2
RUNNING = (RunStatus.QUEUED, RunStatus.RUNNING)


@require_GET
@portal_view
def import_list(request: HttpRequest) -> HttpResponse:
    provider = current_provider(request)
    runs = ImportRun.objects.filter(provider=provider).select_related("started_by")
    page = Paginator(runs, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "provider": provider,
        "page": page,
        "can_upload": request.user.has_perm("offers.add_offer", provider),
    }
    return render(request, "portal/imports/import_list.html", context)


@require_http_methods(["GET", "POST"])
@portal_view
def import_upload(request: HttpRequest) -> HttpResponse:
    provider = current_provider(request)
    require(request.user, "offers.add_offer", provider)
    form = ImportUploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        run = start_import(
            provider=provider,
            content=upload.read(),
            file_name=upload.name,
            format=form.cleaned_data["format"],
            full_feed=form.cleaned_data["full_feed"],
            by=request.user,
        )
        messages.success(request, _("The file was received. The import runs now."))
        return redirect("portal:import-detail", pk=run.pk)
    return render(
        request, "portal/imports/import_upload.html", {"provider": provider, "form": form}
    )


def scoped_run(request: HttpRequest, pk: int) -> ImportRun:
    run = get_object_or_404(scoped(ImportRun, request.user).select_related("provider"), pk=pk)
    require(request.user, "providers.view_provider", run.provider)
    return run


def run_context(run: ImportRun) -> dict[str, Any]:
    issues = list(run.issues.order_by("pk"))
    return {
        "run": run,
        "provider": run.provider,
        "running": run.status in RUNNING,
        "kind": registry.kinds.get(run.kind),
        "poll_seconds": POLL_SECONDS,
        "issue_groups": [
            (_("Rejected records"), [i for i in issues if i.level == IssueLevel.ERROR]),
            (_("Skipped records"), [i for i in issues if i.level == IssueLevel.SKIPPED]),
            (_("Notes"), [i for i in issues if i.level == IssueLevel.WARNING]),
        ],
    }


@require_GET
@portal_view
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = scoped_run(request, pk)
    return render(request, "portal/imports/import_detail.html", run_context(run))


@require_GET
@portal_view
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The status part of the run page alone; htmx polls it until the run is finished."""
    run = scoped_run(request, pk)
    return render(request, "portal/imports/partials/run_status.html", run_context(run))


@require_GET
def import_file(request: HttpRequest, pk: int) -> FileResponse:
    """The run's uploaded file, as a download, for its organisation's members and city staff.

    Anyone else (signed in or not) gets a 404, so the address reveals nothing. The file
    may be hostile (a rejected upload): it is never shown inline, only downloaded.
    """
    run = get_object_or_404(ImportRun.objects.exclude(upload="").select_related("provider"), pk=pk)
    if not request.user.has_perm("imports.download_file", run):
        raise Http404
    try:
        stream = run.upload.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = run.file_name or str(run.upload.name).rsplit("/", 1)[-1]
    response = FileResponse(
        stream, as_attachment=True, filename=name, content_type="application/octet-stream"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
