"""Portal forms of the cooperation board."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stadt360.companies import industries
from stadt360.cooperation.choices import Direction, PostType, RecipientStatus
from stadt360.core.ui.forms import KernForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PostForm(KernForm):
    post_type = forms.ChoiceField(label=_("Type"), choices=PostType.choices)
    direction = forms.ChoiceField(label=_("Need or offer"), choices=Direction.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What exactly you need or offer, how much, until when."),
    )
    wz_code = forms.CharField(
        label=_("Industry (WZ 2008 code)"),
        max_length=8,
        required=False,
        help_text=_("The industry you look for (need) or offer (offer), for example 25.62."),
    )
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE)

    def clean_wz_code(self) -> str:
        code = industries.normalise_code(self.cleaned_data.get("wz_code") or "")
        if code and not industries.is_known(code):
            raise ValidationError(_("This is not a WZ 2008 code."))
        return code


class InterestForm(KernForm):
    targets = forms.MultipleChoiceField(
        label=_("Recipients"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one recipient.")},
    )
    message = forms.CharField(
        label=_("Your message to all chosen recipients"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["targets"].choices = choices  # type: ignore[attr-defined]


ANSWER_CHOICES = [
    (RecipientStatus.ACCEPTED, _("Accept")),
    (RecipientStatus.ASKED_BACK, _("Ask back")),
    (RecipientStatus.DECLINED, _("Decline")),
]


class AnswerForm(KernForm):
    status = forms.ChoiceField(
        label=_("Your answer"), choices=ANSWER_CHOICES, widget=forms.RadioSelect
    )
    answer = forms.CharField(
        label=_("Message or question"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
        help_text=_("Required when you ask back."),
    )
