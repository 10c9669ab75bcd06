"""The account's "My data" pages, under /konto/meine-daten/ next to allauth's pages."""

from django.urls import path

from . import privacy_views as views

app_name = "accounts"
urlpatterns = [
    path("", views.privacy_overview, name="privacy"),
    path("export/", views.privacy_export, name="privacy-export"),
    path("konto-loeschen/", views.account_delete, name="account-delete"),
]
