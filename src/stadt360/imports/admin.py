from django.contrib import admin

from .models import FeedSource, ImportIssue, ImportRun


@admin.register(FeedSource)
class FeedSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "provider", "format", "schedule", "full_feed", "active", "last_run_at"]
    list_filter = ["format", "schedule", "active"]
    raw_id_fields = ["provider"]


class ImportIssueInline(admin.TabularInline):
    model = ImportIssue
    extra = 0
    readonly_fields = ["level", "position", "external_id", "field", "code", "message"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "provider", "format", "status", "total", "created", "updated", "rejected"]
    list_filter = ["status", "format"]
    raw_id_fields = ["provider", "source", "started_by"]
    inlines = [ImportIssueInline]
