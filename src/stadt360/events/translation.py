"""Event texts in German and English (django-modeltranslation; English falls back to German)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Audience, Event, EventSeries, Topic


@register(EventSeries)
class EventSeriesTranslation(TranslationOptions):
    fields = ("title", "summary", "description")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "accessibility")


@register(Audience)
class AudienceTranslation(TranslationOptions):
    fields = ("name",)


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)
