"""An offer form together with the Kita's formsets (opening hours, free places)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from stadt360.childcare.models import Kita
from stadt360.offers.registry import OfferKind

from .forms import (
    FreePlaceFormSet,
    OpeningHoursFormSet,
    free_places_data,
    free_places_initial,
    opening_hours_data,
    opening_hours_initial,
)


class OfferFormBundle:
    """Validates as one; ``data()`` is the mapping the kind's create/update service takes."""

    def __init__(
        self, kind: OfferKind, post: Any = None, *, instance: models.Model | None = None
    ) -> None:
        self.kind = kind
        self.form = kind.form(post, instance=instance)
        self.opening_hours = self.free_places = None
        if kind.key == "kita":
            kita = instance if isinstance(instance, Kita) else None
            self.opening_hours = OpeningHoursFormSet(
                post, prefix="hours", initial=None if post else opening_hours_initial(kita)
            )
            self.free_places = FreePlaceFormSet(
                post, prefix="places", initial=None if post else free_places_initial(kita)
            )

    @property
    def formsets(self) -> list[Any]:
        return [fs for fs in (self.opening_hours, self.free_places) if fs is not None]

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        return all([valid, *(formset.is_valid() for formset in self.formsets)])

    def data(self) -> dict[str, Any]:
        data = self.form.offer_data()
        if self.opening_hours is not None and self.free_places is not None:
            data["opening_hours"] = opening_hours_data(self.opening_hours)
            data["free_places"] = free_places_data(self.free_places)
        return data

    def add_errors(self, error: ValidationError) -> None:
        """Service errors next to their fields; nested-row errors and the rest on top."""
        if not hasattr(error, "error_dict"):
            self.form.add_error(None, error)
            return
        for name, errors in error.message_dict.items():
            self.form.add_error(name if name in self.form.fields else None, errors)
