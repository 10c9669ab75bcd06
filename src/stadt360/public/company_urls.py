"""Public company pages; include under ``unternehmen/`` inside ``i18n_patterns``."""

from django.urls import path

from . import company_views as views

app_name = "companies"
urlpatterns = [
    path("", views.company_list, name="company-list"),
    path("nr/<int:pk>/", views.company_by_id, name="company-by-id"),
    path("<slug:slug>/", views.company_detail_view, name="company-detail"),
]
