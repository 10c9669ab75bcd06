"""Which catalogue texts exist in German and English (django-modeltranslation).

Reading ``situation.title`` returns the active language, falling back to German.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Anchor, Need, Office, Situation, Step


@register(Situation)
class SituationTranslation(TranslationOptions):
    fields = ("title", "summary", "description")


@register(Need)
class NeedTranslation(TranslationOptions):
    fields = ("title",)


@register(Step)
class StepTranslation(TranslationOptions):
    fields = ("title", "description", "documents")


@register(Office)
class OfficeTranslation(TranslationOptions):
    fields = ("name", "opening_hours")


@register(Anchor)
class AnchorTranslation(TranslationOptions):
    fields = ("label",)
