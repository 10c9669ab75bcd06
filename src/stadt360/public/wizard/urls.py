"""The wizard's URLs; the lead includes ``urlpatterns`` into ``public.urls`` (app_name "public")."""

from django.urls import path

from . import views

BASE = "lebenslagen/neu-in-gera/"

urlpatterns = [
    path(BASE, views.step, name="wizard"),
    path(f"{BASE}schritt/<int:number>/", views.step, name="wizard-step"),
    path(f"{BASE}schritt/<int:number>/feld/", views.validate_field, name="wizard-field"),
    path(f"{BASE}schritt/<int:number>/anzahl/", views.live_count, name="wizard-count"),
    path(f"{BASE}pruefen/", views.review, name="wizard-review"),
    path(f"{BASE}ergebnisse/", views.results, name="wizard-results"),
    path(f"{BASE}vergleich/", views.compare, name="wizard-compare"),
    path(f"{BASE}karte/", views.bundle_map, name="wizard-map"),
]
