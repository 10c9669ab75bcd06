"""The newsletter's public URLs; included into ``public.urls`` (app ``public``)."""

from django.urls import path

from . import newsletter_views as views

urlpatterns = [
    path("newsletter/", views.signup, name="newsletter"),
    path("newsletter/danke/", views.thanks, name="newsletter-thanks"),
    path("newsletter/bestaetigen/<str:signed>/", views.confirm_view, name="newsletter-confirm"),
    path("newsletter/abmelden/<str:token>/", views.unsubscribe_view, name="newsletter-unsubscribe"),
    path("newsletter/verwalten/<str:token>/", views.manage, name="newsletter-manage"),
]
