"""Portal pages of event series (lecture series, seminar series, meet-ups): list, create, edit.

Included with the event pages (namespace ``events_portal``); scoped like them.
"""

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from stadt360.events import services
from stadt360.events.models import EventSeries, EventStatus

from .access import require
from .event_access import (
    acting_provider,
    event_view,
    get_mine,
    my_series,
    organiser_choices,
    organiser_for,
)
from .event_forms import SeriesForm
from .event_views import submitted


@require_GET
@event_view
def series_list(request: HttpRequest) -> HttpResponse:
    series = my_series(request).select_related("organiser").annotate(event_count=Count("events"))
    context = {"series_list": series.order_by("title"), "provider": acting_provider(request)}
    return render(request, "portal/events/series_list.html", context)


@require_http_methods(["GET", "POST"])
@event_view
def series_create(request: HttpRequest) -> HttpResponse:
    form = SeriesForm(request.POST or None, organisers=organiser_choices(request))

    def create() -> EventSeries:
        organiser = organiser_for(request, form.cleaned_data["organiser"])
        require(request.user, "events.add_event", organiser)
        return services.create_series(
            data=form.service_data(), organiser=organiser, by=request.user
        )

    series = submitted(request, form, create)
    if series is not None:
        return done(request, series, form.cleaned_data["status"])
    return render_series_form(request, form, None)


@require_http_methods(["GET", "POST"])
@event_view
def series_edit(request: HttpRequest, pk: int) -> HttpResponse:
    series = get_mine(my_series(request), request, pk)
    form = SeriesForm(request.POST or None, organisers=None, initial=SeriesForm.initial_for(series))
    data = form.service_data
    if submitted(
        request, form, lambda: services.update_series(series=series, data=data(), by=request.user)
    ):
        return done(request, series, form.cleaned_data["status"])
    return render_series_form(request, form, series)


def done(request: HttpRequest, series: EventSeries, wanted: str) -> HttpResponse:
    """Saved; says so when the series stayed a draft although publishing was asked for."""
    if wanted == EventStatus.PUBLISHED and series.status != EventStatus.PUBLISHED:
        messages.warning(request, _("The series was saved as a draft: it cannot be published yet."))
    else:
        messages.success(request, _("The series was saved."))
    return redirect("events_portal:series-list")


def render_series_form(
    request: HttpRequest, form: SeriesForm, series: EventSeries | None
) -> HttpResponse:
    context = {"form": form, "series": series, "provider": acting_provider(request)}
    return render(request, "portal/events/series_form.html", context)
