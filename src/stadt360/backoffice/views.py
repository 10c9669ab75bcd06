"""Staff views of barrier reports: list (filtered by status) and status change."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET, require_POST

from stadt360.public.models import BarrierReport, BarrierStatus
from stadt360.public.services import set_barrier_report_status

from .forms import BarrierFilterForm, BarrierStatusForm

REPORTS_PER_PAGE = 50
LOGIN_URL = reverse_lazy("admin:login")

View = Callable[..., HttpResponse]


def staff_required(view: View) -> View:
    """Anonymous people go to the login; logged-in non-staff get 403 instead of a login loop."""

    @wraps(view)
    @login_required(login_url=LOGIN_URL)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def status_form(report: BarrierReport) -> BarrierStatusForm:
    """One small form per row; the id prefix keeps labels unique on the page."""
    return BarrierStatusForm(initial={"status": report.status}, auto_id=f"report-{report.pk}-%s")


@require_GET
@staff_required
def barrier_report_list(request: HttpRequest) -> HttpResponse:
    form = BarrierFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    reports = BarrierReport.objects.with_status(status) if status else BarrierReport.objects.open()
    page = Paginator(reports, REPORTS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(report, status_form(report)) for report in page.object_list]
    return render(
        request,
        "backoffice/barrier_report_list.html",
        {"filter_form": form, "page": page, "rows": rows},
    )


@require_POST
@staff_required
def barrier_report_status(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(BarrierReport, pk=pk)
    form = BarrierStatusForm(request.POST)
    if form.is_valid():
        set_barrier_report_status(report=report, status=BarrierStatus(form.cleaned_data["status"]))
    return redirect("backoffice:barrier-report-list")
