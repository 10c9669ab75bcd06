"""Filters every offer kind shares, for the FilterSets that serve HTML lists and the API."""

import django_filters as filters
from django.core.validators import RegexValidator, validate_slug
from django.utils.translation import gettext_lazy as _


def district_filter() -> filters.CharFilter:
    """The Ortsteil by its slug."""
    return filters.CharFilter(
        field_name="district__slug", label=_("District"), validators=[validate_slug]
    )


def postcode_filter() -> filters.CharFilter:
    """A five-digit German postcode."""
    return filters.CharFilter(
        label=_("Postcode"),
        validators=[RegexValidator(r"^\d{5}$", _("Enter a postcode of five digits."))],
    )
