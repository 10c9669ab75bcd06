"""Public cooperation board; include under ``kooperation/`` inside ``i18n_patterns``."""

from django.urls import path

from . import cooperation_views as views

app_name = "cooperation"
urlpatterns = [
    path("", views.post_list, name="post-list"),
    path("<int:pk>/", views.post_detail, name="post-detail"),
]
