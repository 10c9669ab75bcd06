from django.urls import path

from . import event_urls, newsletter_urls, offer_urls, views
from .wizard import urls as wizard_urls

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("suche/", views.search, name="search"),
    path("suche/vorschlaege/", views.search_suggestions, name="search-suggestions"),
    path("impressum/", views.imprint, name="imprint"),
    path("datenschutz/", views.privacy, name="privacy"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("barrierefreiheit/danke/", views.barrier_thanks, name="barrier-thanks"),
    path("leichte-sprache/", views.easy_language, name="easy-language"),
    *offer_urls.urlpatterns,
    *event_urls.urlpatterns,
    *newsletter_urls.urlpatterns,
    *wizard_urls.urlpatterns,
]
