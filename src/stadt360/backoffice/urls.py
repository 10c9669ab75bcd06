from django.urls import path

from . import views

app_name = "backoffice"
urlpatterns = [
    path("barrieren/", views.barrier_report_list, name="barrier-report-list"),
    path("barrieren/<int:pk>/status/", views.barrier_report_status, name="barrier-report-status"),
]
