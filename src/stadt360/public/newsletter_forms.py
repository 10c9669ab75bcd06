"""Forms of the newsletter pages; the rules themselves live in ``newsletter.services``."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from stadt360.core.ui.forms import KernForm
from stadt360.newsletter.consent import CONSENT_TEXT
from stadt360.newsletter.models import Topic


def topic_choices() -> list[tuple[str, str]]:
    return [(topic.slug, str(topic.title)) for topic in Topic.objects.all()]


class TopicCheckboxes(forms.CheckboxSelectMultiple):
    def id_for_label(self, id_: str, index: str | None = None) -> str:
        """The group's own id (the fieldset's), so the error summary can link to it."""
        return id_ if index is None else super().id_for_label(id_, index)


class TopicsField(forms.MultipleChoiceField):
    widget = TopicCheckboxes

    def __init__(
        self, *, error_messages: Mapping[str, Any] | None = None, **kwargs: object
    ) -> None:
        messages: dict[str, Any] = {
            "invalid_choice": _("Unknown topic: %(value)s"),
            **(error_messages or {}),
        }
        super().__init__(
            choices=topic_choices,
            label=_("Topics"),
            error_messages=messages,
            **kwargs,  # type: ignore[arg-type]
        )


class SignupForm(KernForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter a valid e-mail address, e.g. name@example.org."),
        },
    )
    topics = TopicsField(
        required=False, help_text=_("Choose what interests you. No choice: all topics.")
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Please agree to receive the newsletter.")},
    )


class TopicsForm(KernForm):
    topics = TopicsField(error_messages={"required": _("Please choose at least one topic.")})
