"""Portal pages of events; include under ``portal/veranstaltungen/`` (namespace ``events_portal``)."""

from django.urls import path

from . import event_registrations as registrations
from . import event_series as series
from . import event_views as views

app_name = "events_portal"
urlpatterns = [
    path("", views.event_list, name="event-list"),
    path("neu/", views.event_create, name="event-create"),
    path("reihen/", series.series_list, name="series-list"),
    path("reihen/neu/", series.series_create, name="series-create"),
    path("reihen/<int:pk>/bearbeiten/", series.series_edit, name="series-edit"),
    path("<int:pk>/", views.event_detail, name="event-detail"),
    path("<int:pk>/bearbeiten/", views.event_edit, name="event-edit"),
    path("<int:pk>/veroeffentlichen/", views.event_publish, name="event-publish"),
    path("<int:pk>/absagen/", views.event_cancel, name="event-cancel"),
    path("<int:pk>/termine/neu/", views.date_add, name="date-add"),
    path("<int:pk>/wiederholung/", views.event_recurrence, name="event-recurrence"),
    path("termine/<int:pk>/", registrations.date_registrations, name="date-registrations"),
    path("termine/<int:pk>/bearbeiten/", views.date_edit, name="date-edit"),
    path("termine/<int:pk>/absagen/", views.date_cancel, name="date-cancel"),
    path("termine/<int:pk>/nachricht/", registrations.date_message, name="date-message"),
    path("termine/<int:pk>/teilnehmende.csv", registrations.date_export, name="date-export"),
    path("termine/<int:pk>/einlass/", registrations.date_checkin, name="date-checkin"),
    path(
        "anmeldungen/<int:pk>/verschieben/",
        registrations.registration_move,
        name="registration-move",
    ),
    path(
        "anmeldungen/<int:pk>/<slug:action>/",
        registrations.registration_action,
        name="registration-action",
    ),
    path("checkin/<str:code>/", registrations.checkin_code, name="checkin-code"),
]
