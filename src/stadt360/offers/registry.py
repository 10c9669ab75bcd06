"""The registry of offer kinds: what a kind is, as portal, pages, API and imports see it.

A kind registers once, from its own app (``jobs/offer_kind.py``: ``register(OfferKind(...))``);
everything that lists, filters, writes or shows offers loops over :data:`registry`, so a
new kind touches one app. Search documents live next to it in the app's ``search_index.py``.
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models
from django.http import Http404
from django.utils.functional import Promise

if TYPE_CHECKING:  # types only: the registry imports no kind's app
    from stadt360.core.models import Offer

    from .forms import OfferForm


@dataclass(frozen=True)
class Nested:
    """Rows that belong to one offer (a Kita's opening hours) and are replaced as a whole."""

    model: str  # "app_label.Model"
    fk: str
    fields: tuple[str, ...]

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)


@dataclass(frozen=True)
class OfferKind:
    """One kind of offer. ``key`` names it in services, URLs of the portal and the search."""

    key: str  # "job": service kind, portal URL segment, search kind, audit action prefix
    path: str  # "jobs": API URL segment, API tag and write scope "jobs:write"
    model: type["Offer"]
    singular: Promise
    plural: Promise
    api_label: str  # "job", "Kita": English words of the API docs
    name_field: str  # "title" or "name": what a list shows as the offer's name
    selector: Callable[[], models.QuerySet]  # published offers, joined for lists and details
    filterset: type  # one django-filter FilterSet for the HTML list and the API
    summary_schema: type
    detail_schema: type
    page_schema: type
    write_schema: type
    form: type["OfferForm"]  # the portal's form
    refresh_task: Any  # a django.tasks Task taking ``ids``
    public_segment: str = ""  # German URL segment of the public pages ("stellen"); "": none
    nested: Mapping[str, Nested] = field(default_factory=dict)
    # Turns write-API data into service data (a job's KldB code → its occupation).
    prepare_write: Callable[[dict[str, Any]], dict[str, Any]] = lambda data: data

    @property
    def scope(self) -> str:
        return f"{self.path}:write"

    def name_of(self, offer: models.Model) -> str:
        return str(getattr(offer, self.name_field))


@dataclass
class Registry:
    kinds: dict[str, OfferKind] = field(default_factory=dict)

    def register(self, kind: OfferKind) -> OfferKind:
        if kind.key in self.kinds and self.kinds[kind.key] != kind:
            raise ValueError(f"offer kind {kind.key!r} is registered twice")
        self.kinds[kind.key] = kind
        return kind

    def unregister(self, key: str) -> None:
        """For tests that register a throwaway kind."""
        self.kinds.pop(key, None)

    def get(self, key: str | OfferKind) -> OfferKind:
        return key if isinstance(key, OfferKind) else self.kinds[key]

    def or_404(self, key: str) -> OfferKind:
        try:
            return self.kinds[key]
        except KeyError:
            raise Http404 from None

    def for_model(self, model: type[models.Model]) -> OfferKind:
        label = model._meta.label
        return next(kind for kind in self.kinds.values() if kind.model._meta.label == label)

    def __iter__(self) -> Iterator[OfferKind]:
        return iter(list(self.kinds.values()))

    def __len__(self) -> int:
        return len(self.kinds)


# Filled once while apps load (like admin.site); read-only afterwards.
registry = Registry()
register = registry.register
