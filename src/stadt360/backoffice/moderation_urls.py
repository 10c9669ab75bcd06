from django.urls import path

from . import moderation

app_name = "moderation"
urlpatterns = [
    path("anbieter/", moderation.provider_queue, name="provider-queue"),
    path("anbieter/<int:pk>/", moderation.provider_review, name="provider-review"),
    path("unternehmen/", moderation.company_queue, name="company-queue"),
    path("unternehmen/<int:pk>/pruefen/", moderation.company_verify, name="company-verify"),
    path("protokoll/", moderation.audit_log, name="audit-log"),
    path("personen/", moderation.user_list, name="user-list"),
    path("personen/<int:pk>/rolle/", moderation.user_role, name="user-role"),
]
