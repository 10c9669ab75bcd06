"""News topic names in German and English (django-modeltranslation, like our other models)."""

from modeltranslation.translator import TranslationOptions, register

from .models import NewsTopic


@register(NewsTopic)
class NewsTopicTranslation(TranslationOptions):
    fields = ("name",)
