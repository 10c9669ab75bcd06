"""Stands in for the public management page until ``public:event-registration`` exists
(helper evpublic adds it): mails need only its name and address to build the link."""

from django.http import HttpResponse
from django.urls import include, path


def management_page(request, token: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    return HttpResponse(token)


public = (
    [path("veranstaltungen/anmeldung/<str:token>/", management_page, name="event-registration")],
    "public",
)
urlpatterns = [path("", include(public))]
