from django.contrib import admin

from .models import BarrierReport


@admin.register(BarrierReport)
class BarrierReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "page_url", "status", "language"]
    list_filter = ["status", "language"]
    search_fields = ["page_url", "description"]
    readonly_fields = ["created_at", "updated_at", "consented_at"]
