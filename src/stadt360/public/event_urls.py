"""URLs of the event pages; included into ``public.urls`` (app ``public``).

Fixed paths (``ical/``, ``reihe/``, ``termin/``, ``anmeldung/``) come before the event's
own ``<slug>/``, so they win over an event that happens to carry such a name.
"""

from django.urls import path

from . import event_feeds as feeds
from . import event_registration_views as registration
from . import event_views as views

urlpatterns = [
    path("veranstaltungen/", views.event_list, name="events"),
    path("veranstaltungen/ical/", feeds.events_ical, name="events-ical"),
    path("veranstaltungen/ical/<slug:slug>/", feeds.audience_ical, name="events-ical-audience"),
    path("veranstaltungen/reihe/<slug:slug>/", views.series_detail, name="event-series"),
    path("veranstaltungen/reihe/<slug:slug>/ical/", feeds.series_ical, name="event-series-ical"),
    path("veranstaltungen/termin/<int:pk>.ics", feeds.date_ics, name="event-date-ics"),
    path(
        "veranstaltungen/termin/<int:pk>/anmelden/",
        registration.event_register,
        name="event-register",
    ),
    path(
        "veranstaltungen/anmeldung/<str:token>/",
        registration.registration_page,
        name="event-registration",
    ),
    path(
        "veranstaltungen/anmeldung/<str:token>/absagen/",
        registration.registration_cancel,
        name="event-registration-cancel",
    ),
    path(
        "veranstaltungen/anmeldung/<str:token>/annehmen/",
        registration.registration_accept,
        name="event-registration-accept",
    ),
    path(
        "veranstaltungen/anmeldung/<str:token>/ablehnen/",
        registration.registration_decline,
        name="event-registration-decline",
    ),
    path("veranstaltungen/<slug:slug>/", views.event_detail, name="event-detail"),
    path("konto/veranstaltungen/", registration.my_registrations, name="my-event-registrations"),
]
