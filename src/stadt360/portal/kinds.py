"""The four offer kinds as the portal sees them: model, form, services, words.

Writes go to each kind's ``services`` module (``create_job``, ``update_job`` …), the
functions the API and the imports call too.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import Http404
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from stadt360.childcare.models import Kita
from stadt360.housing.models import Flat
from stadt360.jobs.models import Job
from stadt360.schools.models import School

from .forms import FlatForm, JobForm, KitaForm, OfferForm, SchoolForm


@dataclass(frozen=True)
class PortalKind:
    key: str  # URL segment and service noun: "job" → /portal/job/, create_job
    app: str
    model: type[models.Model]
    form: type[OfferForm]
    name_field: str
    singular: Promise
    plural: Promise

    def service(self, verb: str) -> Callable[..., Any]:
        return import_string(f"stadt360.{self.app}.services.{verb}_{self.key}")

    def call(self, verb: str, offer: models.Model, **kwargs: Any) -> Any:
        """``publish_job(job=offer, …)``: the services name their object after the kind."""
        return self.service(verb)(**{self.key: offer}, **kwargs)

    def name_of(self, offer: models.Model) -> str:
        return str(getattr(offer, self.name_field))


KINDS: tuple[PortalKind, ...] = (
    PortalKind("job", "jobs", Job, JobForm, "title", _("Job"), _("Jobs")),
    PortalKind("flat", "housing", Flat, FlatForm, "title", _("Flat"), _("Flats")),
    PortalKind("kita", "childcare", Kita, KitaForm, "name", _("Kita"), _("Kitas")),
    PortalKind("school", "schools", School, SchoolForm, "name", _("School"), _("Schools")),
)
BY_KEY = {kind.key: kind for kind in KINDS}


def kind_or_404(key: str) -> PortalKind:
    try:
        return BY_KEY[key]
    except KeyError:
        raise Http404 from None
