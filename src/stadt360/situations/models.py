"""The life-situation catalogue: situations ask for needs and lead through steps.

Everything Gera-specific lives in data (``data/*.json``, loaded by
``load_catalogue``); the models only fix the vocabulary: how often a need or
step repeats (``Per``), how a deadline is anchored, and the rule language for
conditions (``conditions.py``). Title-like text is translated with
django-modeltranslation (see ``translation.py``).
"""

from collections.abc import Iterable
from typing import Self

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import conditions
from .graph import find_cycle

# Anchors whose date the selectors compute per child instead of asking the household.
CHILD_ANCHORS: frozenset[str] = frozenset({"child_birth", "school_entry"})


class Per(models.TextChoices):
    """How often a need or step repeats for one household."""

    HOUSEHOLD = "household", _("once per household")
    ADULT = "adult", _("once per adult")
    ADULT_SEEKING_WORK = "adult_seeking_work", _("once per adult seeking work")
    CHILD = "child", _("once per child")
    CHILD_UNDER_SCHOOL_AGE = "child_under_school_age", _("once per child under school age")
    CHILD_OF_SCHOOL_AGE = "child_of_school_age", _("once per child of school age")

    @classmethod
    def per_child(cls) -> frozenset[str]:
        return frozenset({cls.CHILD, cls.CHILD_UNDER_SCHOOL_AGE, cls.CHILD_OF_SCHOOL_AGE})


class Direction(models.TextChoices):
    AFTER = "after", _("within N days after")
    BEFORE = "before", _("at least N days before")


class NeedKind(models.TextChoices):
    """Need kinds the bundle engine can match to offers; other kinds are allowed as data."""

    JOB = "job", _("Job")
    FLAT = "flat", _("Flat")
    KITA_PLACE = "kita_place", _("Kita place")
    SCHOOL_PLACE = "school_place", _("School place")


def validate_condition(value: object) -> None:
    if errors := conditions.rule_errors(value):
        raise ValidationError("; ".join(errors))


class Anchor(models.Model):
    """An event a deadline counts from (moving in, job start, a child's birth …).

    ``child_birth`` and ``school_entry`` are computed per child; every other
    anchor's date is given by the household when it asks for a plan.
    """

    key = models.SlugField(_("key"), max_length=40, unique=True)
    label = models.CharField(
        _("label"),
        max_length=80,
        help_text=_('Completes "within 14 days after …" — e.g. "dem Einzug" / "moving in".'),
    )

    class Meta:
        ordering = ["key"]
        verbose_name = _("deadline anchor")
        verbose_name_plural = _("deadline anchors")

    def __str__(self) -> str:
        return self.key

    @property
    def is_per_child(self) -> bool:
        return self.key in CHILD_ANCHORS


class Office(models.Model):
    """Who a step is done with: a public office, a federal agency, or e.g. the landlord.

    ``to_verify`` marks contact data not yet checked against an official source;
    the UI must say so instead of presenting it as fact.
    """

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    to_verify = models.BooleanField(_("contact data to be verified"), default=True)
    verification_note = models.CharField(_("what to verify"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self) -> str:
        return self.name

    @property
    def address_line(self) -> str:
        town = f"{self.postcode} {self.city}".strip()
        return ", ".join(part for part in (self.street, town) if part)


class SituationQuerySet(models.QuerySet):
    def published(self) -> Self:
        return self.filter(is_published=True)

    def with_catalogue(self) -> Self:
        """Everything a detail page or a plan reads, in a fixed number of queries."""
        return self.prefetch_related(
            models.Prefetch("needs", queryset=Need.objects.order_by("order", "key")),
            models.Prefetch(
                "steps",
                queryset=Step.objects.select_related("office", "deadline_anchor")
                .prefetch_related(
                    models.Prefetch("requires", queryset=Step.objects.only("id", "key"))
                )
                .order_by("order", "key"),
            ),
        )


class Situation(models.Model):
    """A Lebenslage, e.g. "Neu in Gera: Arbeit, Wohnen, Kinderbetreuung"."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    order = models.IntegerField(_("order"), default=0)

    objects = SituationQuerySet.as_manager()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("life situation")
        verbose_name_plural = _("life situations")

    def __str__(self) -> str:
        return self.title


class Need(models.Model):
    """An offer the situation asks for, e.g. one Kita place per child under school age."""

    situation = models.ForeignKey(Situation, on_delete=models.CASCADE, related_name="needs")
    key = models.SlugField(_("key"), max_length=60)
    kind = models.SlugField(
        _("kind"),
        max_length=40,
        help_text=_("job, flat, kita_place, school_place — or a new kind added as data."),
    )
    title = models.CharField(_("title"), max_length=200)
    per = models.CharField(
        _("how often"), max_length=24, choices=Per.choices, default=Per.HOUSEHOLD
    )
    condition = models.JSONField(
        _("applies when"), null=True, blank=True, validators=[validate_condition]
    )
    optional = models.BooleanField(_("optional"), default=False)
    order = models.IntegerField(_("order"), default=0)

    class Meta:
        ordering = ["situation", "order", "key"]
        constraints = [
            models.UniqueConstraint(fields=["situation", "key"], name="situations_need_unique_key")
        ]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_child_facts(self.condition, per=self.per, field="condition")


class Step(models.Model):
    """One thing to do, with whom, by when, on what legal basis, after which other steps."""

    situation = models.ForeignKey(Situation, on_delete=models.CASCADE, related_name="steps")
    key = models.SlugField(_("key"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="steps"
    )
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    per = models.CharField(
        _("how often"), max_length=24, choices=Per.choices, default=Per.HOUSEHOLD
    )
    condition = models.JSONField(
        _("applies when"), null=True, blank=True, validators=[validate_condition]
    )
    deadline_anchor = models.ForeignKey(
        Anchor, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    deadline_days = models.PositiveIntegerField(
        _("deadline in days"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    deadline_direction = models.CharField(
        _("deadline direction"), max_length=6, choices=Direction.choices, blank=True
    )
    deadline_is_legal = models.BooleanField(
        _("deadline set by law"),
        default=False,
        help_text=_("Off means the deadline is a recommendation, and the UI says so."),
    )
    documents = models.TextField(_("documents needed, one per line"), blank=True)
    online_service_url = models.URLField(_("online service"), blank=True)
    order = models.IntegerField(_("order"), default=0)
    requires = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        verbose_name=_("requires"),
    )

    class Meta:
        ordering = ["situation", "order", "key"]
        constraints = [
            models.UniqueConstraint(fields=["situation", "key"], name="situations_step_unique_key")
        ]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return self.title

    @property
    def document_list(self) -> list[str]:
        return [line.strip() for line in self.documents.splitlines() if line.strip()]

    def deadline_text(self) -> str:
        """'within 14 days after moving in' in the active language, or '' without a deadline."""
        if not self.deadline_anchor or self.deadline_days is None:
            return ""
        params = {"days": self.deadline_days, "anchor": self.deadline_anchor.label}
        if self.deadline_direction == Direction.BEFORE:
            text = ngettext(
                "at least %(days)d day before %(anchor)s",
                "at least %(days)d days before %(anchor)s",
                self.deadline_days,
            )
        else:
            text = ngettext(
                "within %(days)d day after %(anchor)s",
                "within %(days)d days after %(anchor)s",
                self.deadline_days,
            )
        return text % params

    def clean(self) -> None:
        deadline = (self.deadline_anchor_id, self.deadline_days, self.deadline_direction or None)
        if any(part is not None for part in deadline) and None in deadline:
            raise ValidationError(
                _("A deadline needs an anchor, a number of days and a direction — or none of them.")
            )
        if (
            self.deadline_anchor
            and self.deadline_anchor.is_per_child
            and self.per not in Per.per_child()
        ):
            raise ValidationError(
                {
                    "deadline_anchor": _(
                        "This anchor is a child's date: the step must repeat per child."
                    )
                }
            )
        check_child_facts(self.condition, per=self.per, field="condition")
        if self.pk:
            check_requirements(step=self, requires=self.requires.all())


def check_child_facts(rule: object, *, per: str, field: str) -> None:
    """Per-child facts (a child's age …) only exist while expanding an item per child."""
    if not isinstance(rule, dict) or conditions.rule_errors(rule) or per in Per.per_child():
        return
    if used := conditions.facts_used(rule) & conditions.CHILD_FACTS:
        message = _("%(facts)s can only be used when the item repeats per child.")
        raise ValidationError({field: message % {"facts": ", ".join(sorted(used))}})


def check_requirements(*, step: Step, requires: Iterable[Step]) -> None:
    """Reject requirements from another situation and any dependency cycle through ``step``."""
    requires = list(requires)
    if any(req.situation_id != step.situation_id for req in requires):
        raise ValidationError(
            {"requires": _("A step can only require steps of its own situation.")}
        )
    edges: dict[int | None, set[int | None]] = {}
    through = Step.requires.through.objects.filter(from_step__situation_id=step.situation_id)
    for source, target in through.values_list("from_step_id", "to_step_id"):
        edges.setdefault(source, set()).add(target)
    edges[step.pk] = {req.pk for req in requires}  # a new step (pk None) is required by nobody
    if cycle := find_cycle(edges):
        keys: dict[int | None, str] = dict(
            Step.objects.filter(pk__in=[pk for pk in cycle if pk]).values_list("pk", "key")
        )
        keys[step.pk] = step.key  # the edited name, which may not be saved yet
        names = " → ".join(keys[pk] for pk in cycle)
        message = _("These requirements form a cycle: %(cycle)s")
        raise ValidationError({"requires": message % {"cycle": names}})
