"""Portal pages of the company profile; include under ``portal/unternehmen/``."""

from django.urls import path

from .views import companies as portal_views

app_name = "companies_portal"
urlpatterns = [
    path("", portal_views.company_profile, name="company-profile"),
]
