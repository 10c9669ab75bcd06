from django.contrib import admin

from .models import Provider


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "postcode", "verified", "is_demo"]
    list_filter = ["kind", "verified", "is_demo"]
    search_fields = ["name", "slug", "email"]
    prepopulated_fields = {"slug": ["name"]}
    # Verification is the city's audited review (``review_provider``), which also takes a
    # rejected organisation's offers off public view: not a checkbox here.
    readonly_fields = ["verified", "rejected"]
