"""The upload form of "Daten importieren": one feed file, its format, full feed or not."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from stadt360.imports.conf import max_bytes
from stadt360.imports.models import FeedFormat

from .forms import KernForm


class ImportUploadForm(KernForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "OpenImmo XML (also as ZIP), CSV, job ads (JSON), the Kita and school template or "
            "a calendar (iCalendar, .ics)."
        ),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=FeedFormat.choices,
        initial=FeedFormat.AUTO,
        help_text=_("Leave “Detect automatically” unless the file is not recognised."),
    )
    full_feed = forms.BooleanField(
        label=_("This file lists all our offers or events (full feed)"),
        required=False,
        help_text=_(
            "Then every imported offer or event that is missing from this file is withdrawn "
            "(an event is cancelled). What you entered by hand is never withdrawn."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("%(hint)s At most %(size)s.") % {
            "hint": self.fields["file"].help_text,
            "size": filesizeformat(max_bytes()),
        }

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise ValidationError(
                _("The file is too large: at most %(size)s.")
                % {"size": filesizeformat(max_bytes())},
                code="too_large",
            )
        return upload
