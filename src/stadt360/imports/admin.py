from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import FeedSource, ImportIssue, ImportRun

# Private files have no URL: a plain file input instead of the widget that links the file.
PRIVATE_FILE_WIDGET: dict[type[models.Field], dict[str, Any]] = {
    models.FileField: {"widget": forms.FileInput}
}


@admin.register(FeedSource)
class FeedSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "provider", "format", "schedule", "full_feed", "active", "last_run_at"]
    list_filter = ["format", "schedule", "active"]
    raw_id_fields = ["provider"]
    formfield_overrides = PRIVATE_FILE_WIDGET


class ImportIssueInline(admin.TabularInline):
    model = ImportIssue
    extra = 0
    readonly_fields = ["level", "position", "external_id", "field", "code", "message"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "provider", "format", "status", "total", "created", "updated", "rejected"]
    list_filter = ["status", "format"]
    raw_id_fields = ["provider", "source", "started_by"]
    exclude = ["upload"]
    readonly_fields = ["uploaded_file"]
    inlines = [ImportIssueInline]

    @admin.display(description=_("uploaded file"))
    def uploaded_file(self, run: ImportRun) -> str:
        """The portal's checked download (the file itself has no URL)."""
        if not run.upload:
            return "–"
        url = reverse("portal:import-file", args=[run.pk])
        return format_html('<a href="{}">{}</a>', url, run.file_name or run.upload.name)
