"""Back office for the catalogue: situations with their needs and steps inline.

Step requirements are edited on the step's own page, where the form can offer
only steps of the same situation and reject cycles before anything is saved.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from .models import Anchor, Need, Office, Situation, Step, check_requirements


class NeedInline(TranslationTabularInline):
    model = Need
    extra = 0
    fields = ["order", "key", "kind", "title", "per", "optional", "condition"]


class StepInline(TranslationStackedInline):
    model = Step
    extra = 0
    show_change_link = True
    fields = [
        ("order", "key", "per"),
        "title",
        "office",
        ("deadline_anchor", "deadline_days", "deadline_direction", "deadline_is_legal"),
        "legal_basis",
    ]


@admin.register(Situation)
class SituationAdmin(TranslationAdmin):
    list_display = ["title", "slug", "is_published", "order"]
    list_filter = ["is_published"]
    search_fields = ["slug", "title"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [NeedInline, StepInline]


class StepForm(forms.ModelForm):
    class Meta:
        model = Step
        exclude: list[str] = []  # every field; the admin's fieldsets decide what is shown

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.situation_id and "requires" in cleaned:
            check_requirements(step=self.instance, requires=cleaned["requires"])
        return cleaned


@admin.register(Step)
class StepAdmin(TranslationAdmin):
    form = StepForm
    list_display = ["title", "situation", "key", "per", "office", "order"]
    list_filter = ["situation", "per", "office"]
    search_fields = ["key", "title", "legal_basis"]
    filter_horizontal = ["requires"]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        match = request.resolver_match
        step_id = match.kwargs.get("object_id") if match else None
        if db_field.name == "requires" and step_id:
            step = Step.objects.filter(pk=step_id).first()
            queryset: QuerySet[Step] = (
                Step.objects.filter(situation_id=step.situation_id) if step else Step.objects.none()
            )
            kwargs["queryset"] = queryset.exclude(pk=step_id)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Office)
class OfficeAdmin(TranslationAdmin):
    list_display = ["name", "key", "city", "to_verify"]
    list_filter = ["to_verify"]
    search_fields = ["key", "name", "street"]


@admin.register(Anchor)
class AnchorAdmin(TranslationAdmin):
    list_display = ["key", "label"]
