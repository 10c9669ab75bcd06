"""URLs of the API keys (included in the portal namespace, before the offer kinds)."""

from django.urls import path

from . import tokens_views

urlpatterns = [
    path("api-schluessel/", tokens_views.token_list, name="token-list"),
    path("api-schluessel/neu/", tokens_views.token_create, name="token-create"),
    path("api-schluessel/<int:pk>/widerrufen/", tokens_views.token_revoke, name="token-revoke"),
]
