from django.urls import path

from . import imports_urls, tokens_urls
from .views import dashboard, images, offers, organisation

app_name = "portal"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("organisation/wechseln/", dashboard.provider_switch, name="provider-switch"),
    path("registrieren/", organisation.provider_register, name="provider-register"),
    path("organisation/", organisation.provider_edit, name="provider-edit"),
    path("mitglieder/", organisation.member_list, name="member-list"),
    path("mitglieder/einladen/", organisation.member_invite, name="member-invite"),
    path("mitglieder/<int:pk>/entfernen/", organisation.member_remove, name="member-remove"),
    path("mitglieder/<int:pk>/rolle/", organisation.member_role, name="member-role"),
    path(
        "einladungen/<int:pk>/zurueckziehen/",
        organisation.invitation_revoke,
        name="invitation-revoke",
    ),
    path("einladung/<str:token>/", organisation.invitation_accept, name="invitation-accept"),
    path("protokoll/", organisation.audit_log, name="audit-log"),
    path("bilder/<int:pk>/loeschen/", images.image_delete, name="image-delete"),
    *imports_urls.urlpatterns,  # "importe/…", before the offer kinds
    *tokens_urls.urlpatterns,  # "api-schluessel/…", before the offer kinds
    path("<slug:kind>/", offers.offer_list, name="offer-list"),
    path("<slug:kind>/neu/", offers.offer_create, name="offer-create"),
    path("<slug:kind>/<int:pk>/", offers.offer_preview, name="offer-preview"),
    path("<slug:kind>/<int:pk>/bearbeiten/", offers.offer_edit, name="offer-edit"),
    path("<slug:kind>/<int:pk>/veroeffentlichen/", offers.offer_publish, name="offer-publish"),
    path("<slug:kind>/<int:pk>/archivieren/", offers.offer_archive, name="offer-archive"),
    path("<slug:kind>/<int:pk>/duplizieren/", offers.offer_duplicate, name="offer-duplicate"),
    path("<slug:kind>/<int:pk>/bilder/neu/", images.image_add, name="image-add"),
]
