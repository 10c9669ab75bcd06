"""The registry of indexed kinds: what each kind puts into the index and how it is shown.

A kind registers once (``register(IndexedKind(...))``) from its app's own
``search_index.py`` (found by autodiscovery; the offer kinds too), and the backends,
index maintenance and API take it without further changes. The search app imports
no app whose objects it indexes.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Literal

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Weight = Literal["A", "B", "C", "D"]
WEIGHTS: tuple[Weight, ...] = ("A", "B", "C", "D")
FacetValue = Callable[[models.Model], str | None]


def attribute(path: str) -> Callable[[models.Model], object]:
    """Reads ``"provider.name"`` from an object; None when a link on the way is empty."""

    def read(obj: models.Model) -> object:
        value: object = obj
        for name in path.split("."):
            value = getattr(value, name, None)
            if value is None:
                return None
        return value

    return read


DISTRICT_SLUG = attribute("district.slug")
VALID_UNTIL = attribute("valid_until")


@dataclass(frozen=True)
class TextField:
    """Text for the index: an attribute path or a function, ranked by weight A (high)–D."""

    source: str | Callable[[models.Model], object]
    weight: Weight = "C"

    def text(self, obj: models.Model) -> str:
        read = attribute(self.source) if isinstance(self.source, str) else self.source
        value = read(obj)
        if value is None:
            return ""
        if isinstance(value, list | tuple):
            return " ".join(str(item) for item in value)
        return str(value)


@dataclass(frozen=True)
class Facet:
    """A filterable value of a kind (``employment_type``); ``labels`` names its values."""

    name: str
    label: Promise
    value: FacetValue
    labels: Mapping[str, Promise] = field(default_factory=dict)


@dataclass(frozen=True)
class IndexedKind:
    name: str
    label: Promise
    model: type[models.Model]
    visible: Callable[[], models.QuerySet]
    fields: tuple[TextField, ...]
    title: Callable[[models.Model], str]
    snippet: Callable[[models.Model], str]
    url_name: str
    facets: tuple[Facet, ...] = ()
    district: Callable[[models.Model], object] = DISTRICT_SLUG
    visible_until: Callable[[models.Model], object] = VALID_UNTIL
    related: tuple[str, ...] = ()

    def texts(self, obj: models.Model) -> dict[Weight, str]:
        """The object's text per weight class."""
        grouped: dict[Weight, list[str]] = {weight: [] for weight in WEIGHTS}
        for text_field in self.fields:
            grouped[text_field.weight].append(text_field.text(obj))
        return {
            weight: " ".join(part for part in parts if part) for weight, parts in grouped.items()
        }

    def facet_values(self, obj: models.Model) -> dict[str, str]:
        values = {facet.name: facet.value(obj) for facet in self.facets}
        return {name: value for name, value in values.items() if value is not None}

    def until(self, obj: models.Model) -> date | None:
        value = self.visible_until(obj)
        return value if isinstance(value, date) else None

    def url(self, object_id: int) -> str | None:
        """The public detail page; None while that page does not exist yet."""
        if not reversible(self.url_name):
            return None
        return reverse(self.url_name, kwargs={"pk": object_id})


@cache
def reversible(url_name: str) -> bool:
    """Whether a detail URL name exists (URLconfs are fixed per process; a miss is slow)."""
    try:
        reverse(url_name, kwargs={"pk": 1})
    except NoReverseMatch:
        return False
    return True


@dataclass
class Registry:
    kinds: dict[str, IndexedKind] = field(default_factory=dict)

    def register(self, kind: IndexedKind) -> IndexedKind:
        if kind.name in self.kinds and self.kinds[kind.name] != kind:
            raise ValueError(f"search kind {kind.name!r} is registered twice")
        self.kinds[kind.name] = kind
        return kind

    def get(self, name: str) -> IndexedKind | None:
        return self.kinds.get(name)

    def for_model(self, model: type[models.Model]) -> IndexedKind | None:
        return next((kind for kind in self.kinds.values() if kind.model is model), None)

    def facet(self, name: str) -> Facet | None:
        return next(
            (f for kind in self.kinds.values() for f in kind.facets if f.name == name), None
        )

    def __iter__(self) -> Iterator[IndexedKind]:
        return iter(self.kinds.values())


# --- text helpers shared by the offer kinds' documents -------------------------------------

YES_NO = {"yes": _("yes"), "no": _("no")}


def display(name: str) -> TextField:
    """The German label of a choice field (indexing runs under ``translation.override("de")``)."""
    return TextField(lambda obj: getattr(obj, f"get_{name}_display")(), "B")


def yes_no(name: str, label: Promise) -> Facet:
    return Facet(name, label, lambda obj: "yes" if getattr(obj, name) else "no", YES_NO)


def choice_facet(name: str, label: Promise, choices: Iterable[tuple[str, Promise]] = ()) -> Facet:
    """A facet over a field's stored value (a choice's key), named by ``choices``."""

    def value(obj: models.Model) -> str | None:
        stored = attribute(name)(obj)
        return None if stored is None else str(stored)

    return Facet(name, label, value, dict(choices))


def place(obj: models.Model) -> str:
    district = attribute("district.name")(obj)
    return f"{district or ''} {getattr(obj, 'city', '')}".strip()


def description(obj: models.Model) -> str:
    return getattr(obj, "description", "") or ""


# Filled once while apps load (like admin.site); read-only afterwards.
registry = Registry()
register = registry.register
