"""URLs of "Daten importieren" (included in the portal namespace, before the offer kinds)."""

from django.urls import path

from . import imports_views

urlpatterns = [
    path("importe/", imports_views.import_list, name="import-list"),
    path("importe/neu/", imports_views.import_upload, name="import-upload"),
    path("importe/<int:pk>/", imports_views.import_detail, name="import-detail"),
    path("importe/<int:pk>/fortschritt/", imports_views.import_progress, name="import-progress"),
    path("importe/<int:pk>/datei/", imports_views.import_file, name="import-file"),
]
