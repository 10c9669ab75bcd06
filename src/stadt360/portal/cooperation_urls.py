"""Portal pages of the cooperation board; include under ``portal/kooperation/``."""

from django.urls import path

from .views import cooperation as views

app_name = "cooperation_portal"
urlpatterns = [
    path("", views.post_list, name="post-list"),
    path("neu/", views.post_create, name="post-create"),
    path("<int:pk>/bearbeiten/", views.post_edit, name="post-edit"),
    path("<int:pk>/veroeffentlichen/", views.post_publish, name="post-publish"),
    path("<int:pk>/schliessen/", views.post_close, name="post-close"),
    path("<int:pk>/treffer/", views.post_matches, name="post-matches"),
    path("eingang/", views.inbox, name="inbox"),
    path("eingang/<int:pk>/antworten/", views.interest_answer, name="interest-answer"),
    path("ausgang/", views.outbox, name="outbox"),
]
