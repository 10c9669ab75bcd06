"""The one place offers are written: create, update, publish, archive, duplicate, upsert, withdraw.

Every offer kind registered in :mod:`stadt360.offers.registry` shares this logic; portal,
write API and imports call these functions with the kind's key. Every write is keyword-only, validated with ``full_clean()``, runs
inside ``transaction.atomic()``, writes an audit entry with the changed fields and, after
commit, enqueues the kind's ``refresh_task`` (derived data: the district of the position).

``data`` maps model field names to values (strings are converted like a form would:
``"420.50"`` → Decimal, ``"2026-03-01"`` → date). Foreign keys take an instance or a primary
key. A Kita also takes ``opening_hours`` (``[{"weekday": 0, "opens": "06:30", "closes":
"16:30"}]``) and ``free_places`` (``[{"min_age_months": 12, "max_age_months": 36,
"available_from": "2026-08-01", "count": 2}]``); given, they replace the Kita's rows.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadt360.core import audit
from stadt360.core.choices import OfferSource, OfferStatus
from stadt360.core.models import AuditEntry, Offer
from stadt360.core.publishing import may_publish, require_verified

from .registry import OfferKind, registry

if TYPE_CHECKING:
    from stadt360.providers.models import Provider

# Fields no caller may set through ``data``: identity, ownership, bookkeeping.
PROTECTED_FIELDS = frozenset(
    {"id", "provider", "source", "external_id", "created_at", "updated_at", "reminded_at"}
)
POSITION_FIELDS = frozenset({"latitude", "longitude", "postcode"})


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def get_kind(kind: str | OfferKind) -> OfferKind:
    return registry.get(kind)


def kind_of(offer: Offer) -> OfferKind:
    return registry.for_model(type(offer))


# --- data → model values --------------------------------------------------------------------


def normalise(*, kind: OfferKind, data: Mapping[str, Any]) -> tuple[dict[str, Any], dict]:
    """``(values by attname, nested rows)`` from caller data; a ValidationError names bad fields."""
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    nested: dict[str, list[dict[str, Any]]] = {}
    meta = kind.model._meta
    for key, value in data.items():
        if key in kind.nested:
            nested[key] = list(value or [])
            continue
        try:
            model_field = meta.get_field(key)
        except FieldDoesNotExist:
            errors[key] = [_("This field does not exist.")]
            continue
        if key in PROTECTED_FIELDS or not model_field.concrete or model_field.auto_created:
            errors[key] = [_("This field cannot be set.")]
            continue
        try:
            values[model_field.attname] = to_python(model_field, value)
        except ValidationError as error:
            errors[key] = error.messages
    if errors:
        raise ValidationError(errors)
    return values, nested


def to_python(model_field: models.Field, value: Any) -> Any:
    if model_field.is_relation:
        if isinstance(value, models.Model):
            return value.pk
        target = model_field.target_field  # type: ignore[attr-defined]
        return None if value in (None, "") else target.to_python(value)
    if value is None and not model_field.null and isinstance(model_field, models.CharField):
        return ""
    return model_field.to_python(value)


def field_of(model: type[models.Model], name: str) -> models.Field:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field


def nested_instances(kind: OfferKind, name: str, rows: list[dict]) -> list[models.Model]:
    """Validated, unsaved rows of one nested list (errors keyed ``opening_hours``)."""
    spec = kind.nested[name]
    model = spec.model_class
    instances, messages = [], []
    for index, row in enumerate(rows, start=1):
        try:
            values = {key: to_python(field_of(model, key), row.get(key)) for key in spec.fields}
            instance = model(**values)
            instance.full_clean(exclude=[spec.fk], validate_unique=False)
            instances.append(instance)
        except (ValidationError, FieldDoesNotExist) as error:
            detail = "; ".join(getattr(error, "messages", [str(error)]))
            messages.append(_("Row %(row)s: %(detail)s") % {"row": index, "detail": detail})
    if name == "opening_hours":
        weekdays = [getattr(row, "weekday") for row in instances]  # noqa: B009
        if len(weekdays) != len(set(weekdays)):
            messages.append(_("Each weekday may appear only once."))
    if messages:
        raise ValidationError({name: messages})
    return instances


def nested_state(kind: OfferKind, name: str, rows: Iterable[models.Model]) -> list[list[str]]:
    """A comparable, JSON-safe form of nested rows (sorted lists of strings)."""
    fields = kind.nested[name].fields
    return sorted([str(getattr(row, key)) for key in fields] for row in rows)


def current_nested(offer: Offer, kind: OfferKind, name: str) -> list[list[str]]:
    return nested_state(kind, name, getattr(offer, name).all())


# --- validation and writing -------------------------------------------------------------------


def validate(offer: Offer, kind: OfferKind, nested: Mapping[str, list]) -> dict[str, list]:
    """``full_clean()`` the offer and its nested rows together; returns the nested instances."""
    errors: dict[str, list[str]] = {}
    try:
        offer.full_clean()
    except ValidationError as error:
        errors.update(error.message_dict)
    instances = {}
    for name, rows in nested.items():
        try:
            instances[name] = nested_instances(kind, name, rows)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return instances


def replace_nested(offer: Offer, kind: OfferKind, instances: Mapping[str, list]) -> None:
    for name, rows in instances.items():
        spec = kind.nested[name]
        getattr(offer, name).all().delete()
        for row in rows:
            setattr(row, spec.fk, offer)
        spec.model_class._default_manager.bulk_create(rows)


def enqueue_refresh(kind: OfferKind, ids: list[int]) -> None:
    """After commit: the kind's refresh task recomputes derived data of these offers."""
    if ids:
        transaction.on_commit(lambda: kind.refresh_task.enqueue(ids=ids))


def audit_many(offers: list[Offer], action: str, *, by: Any, via: str, changes: list[dict]) -> None:
    """One audit entry per offer, in one INSERT (imports write thousands)."""
    if not offers:
        return
    user = by if getattr(by, "is_authenticated", False) else None
    content_type = ContentType.objects.get_for_model(offers[0])
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=user,
            via=via,
            provider_id=offer.provider_id,
            content_type=content_type,
            object_id=str(offer.pk),
            object_repr=str(offer)[:200],
            action=action,
            changes=change,
        )
        for offer, change in zip(offers, changes, strict=True)
    )


def hold_back(offer: Offer, provider: Any) -> bool:
    """The publish rule on every write: an unverified provider's offer is stored as a draft.

    True when the offer would have been public and is a draft now (imports report it).
    """
    if offer.status == OfferStatus.PUBLISHED and not may_publish(provider):
        offer.status = OfferStatus.DRAFT
        return True
    return False


def created_changes(offer: Offer, values: Mapping[str, Any], nested_rows: Mapping) -> dict:
    changes = audit.changes_between({}, {key: getattr(offer, key) for key in values})
    changes.update({name: [None, state] for name, state in nested_rows.items()})
    return changes


# --- services --------------------------------------------------------------------------------


def create_offer(
    *,
    kind: str | OfferKind,
    provider: "Provider",
    data: Mapping[str, Any],
    by: Any = None,
    via: str = "",
    source: str = OfferSource.MANUAL,
    external_id: str = "",
) -> Offer:
    offer_kind = get_kind(kind)
    values, nested = normalise(kind=offer_kind, data=data)
    with transaction.atomic():
        offer = offer_kind.model(
            provider=provider, source=source, external_id=external_id, **values
        )
        hold_back(offer, provider)
        instances = validate(offer, offer_kind, nested)
        offer.save()
        replace_nested(offer, offer_kind, instances)
        states = {name: nested_state(offer_kind, name, rows) for name, rows in instances.items()}
        audit.record(
            offer,
            f"{offer_kind.key}.created",
            by=by,
            via=via,
            changes=created_changes(offer, {"external_id": 1, "status": 1, **values}, states),
        )
        enqueue_refresh(offer_kind, [offer.pk])
    return offer


def update_offer(*, offer: Offer, data: Mapping[str, Any], by: Any = None, via: str = "") -> Offer:
    apply_update(offer=offer, data=data, by=by, via=via)
    return offer


def apply_update(
    *, offer: Offer, data: Mapping[str, Any], by: Any, via: str, action: str = "updated"
) -> dict[str, list]:
    """Updates the offer; returns the changes (empty: nothing differed, nothing was written).

    An unverified provider's offer ends as a draft, even one that was public before.
    """
    kind = kind_of(offer)
    values, nested = normalise(kind=kind, data=data)
    with transaction.atomic():
        changes = assign(offer, values, offer.provider)
        instances = validate(offer, kind, nested)
        for name, rows in instances.items():
            old, new = current_nested(offer, kind, name), nested_state(kind, name, rows)
            if old != new:
                changes[name] = [old, new]
        if not changes:
            return {}
        offer.save()
        replace_nested(offer, kind, {k: v for k, v in instances.items() if k in changes})
        audit.record(offer, f"{kind.key}.{action}", by=by, via=via, changes=changes)
        enqueue_refresh(kind, [offer.pk])
    return changes


def set_status(*, offer: Offer, status: str, action: str, by: Any = None, via: str = "") -> Offer:
    """Publish, archive or withdraw: only the status changes (and nothing when it is already so).

    Publishing refuses an unverified provider (:class:`UnverifiedProvider`, a 403).
    """
    kind = kind_of(offer)
    if status == OfferStatus.PUBLISHED:
        require_verified(offer.provider)
    if offer.status == status:
        return offer
    with transaction.atomic():
        before = offer.status
        offer.status = status
        offer.full_clean()
        offer.save(update_fields=["status", "updated_at"])
        audit.record(
            offer, f"{kind.key}.{action}", by=by, via=via, changes={"status": [before, status]}
        )
        enqueue_refresh(kind, [offer.pk])
    return offer


def publish_offer(*, offer: Offer, by: Any = None, via: str = "") -> Offer:
    return set_status(offer=offer, status=OfferStatus.PUBLISHED, action="published", by=by, via=via)


def archive_offer(*, offer: Offer, by: Any = None, via: str = "") -> Offer:
    return set_status(offer=offer, status=OfferStatus.ARCHIVED, action="archived", by=by, via=via)


def duplicate_offer(*, offer: Offer, by: Any = None, via: str = "") -> Offer:
    """A draft copy entered by hand (no external id), with the Kita's nested rows."""
    kind = kind_of(offer)
    skip = PROTECTED_FIELDS | {"status", "district"}
    data: dict[str, Any] = {
        f.name: getattr(offer, f.attname)
        for f in offer._meta.concrete_fields
        if f.name not in skip and not f.auto_created
    }
    data["district"] = offer.district_id
    for name, spec in kind.nested.items():
        data[name] = [
            {key: getattr(row, key) for key in spec.fields} for row in getattr(offer, name).all()
        ]
    with transaction.atomic():
        copy = create_offer(kind=kind, provider=offer.provider, data=data, by=by, via=via)
        audit.record(
            copy,
            f"{kind.key}.duplicated",
            by=by,
            via=via,
            changes={"duplicated_from": [None, offer.pk]},
        )
    return copy


def upsert_offer(
    *,
    kind: str | OfferKind,
    provider: "Provider",
    external_id: str,
    data: Mapping[str, Any],
    by: Any = None,
    via: str = "",
) -> tuple[Offer, Outcome]:
    """Creates (source=import) or updates the provider's offer with this external id.

    ``unchanged`` means no field differed: then nothing is written and nothing audited.
    """
    offer_kind = get_kind(kind)
    if not external_id:
        raise ValidationError({"external_id": [_("An external id is required.")]})
    mine = offer_kind.model.objects.select_for_update().filter(
        provider=provider, external_id=external_id
    )
    with transaction.atomic():
        existing = mine.first()
        if existing is None:
            try:
                offer = create_offer(
                    kind=offer_kind,
                    provider=provider,
                    data=data,
                    by=by,
                    via=via,
                    source=OfferSource.IMPORT,
                    external_id=external_id,
                )
                return offer, Outcome.CREATED
            except (IntegrityError, ValidationError):
                # A concurrent call created it first (there was no row to lock): the unique
                # check (full_clean) or the constraint refused this insert, its savepoint
                # is rolled back, and this call updates the row the other one committed.
                # Without such a row the error was the data's own: raised as it is.
                existing = mine.first()
                if existing is None:
                    raise
        changes = apply_update(offer=existing, data=data, by=by, via=via)
    return existing, (Outcome.UPDATED if changes else Outcome.UNCHANGED)


def withdraw_offer(*, offer: Offer, by: Any = None, via: str = "") -> Offer:
    """Archives an offer its feed withdrew (OpenImmo ``aktion="DELETE"``)."""
    return set_status(offer=offer, status=OfferStatus.ARCHIVED, action="withdrawn", by=by, via=via)


def withdraw_missing(
    *,
    kind: str | OfferKind,
    provider: "Provider",
    seen_external_ids: Iterable[str],
    by: Any = None,
    via: str = "",
) -> int:
    """Archives the provider's imported offers that a full feed no longer lists."""
    offer_kind = get_kind(kind)
    seen = set(seen_external_ids)
    with transaction.atomic():
        candidates = (
            offer_kind.model.objects.select_for_update()
            .filter(provider=provider, source=OfferSource.IMPORT)
            .exclude(status=OfferStatus.ARCHIVED)
            .exclude(external_id="")
        )
        missing = [offer for offer in candidates if offer.external_id not in seen]
        if not missing:
            return 0
        ids = [offer.pk for offer in missing]
        offer_kind.model.objects.filter(pk__in=ids).update(
            status=OfferStatus.ARCHIVED, updated_at=timezone.now()
        )
        audit_many(
            missing,
            f"{offer_kind.key}.withdrawn",
            by=by,
            via=via,
            changes=[{"status": [offer.status, OfferStatus.ARCHIVED.value]} for offer in missing],
        )
        enqueue_refresh(offer_kind, ids)
    return len(missing)


def hold_back_provider(*, provider: "Provider", by: Any = None, via: str = "") -> int:
    """The city withdrew ``provider``'s verification: its published offers become drafts.

    Why here: the publish rule is checked on every write, but offers published while the
    provider was verified would otherwise stay public (lists, search, bundles) until edited.
    Every kind in the registry is covered; returns how many offers were taken back.
    """
    taken = 0
    with transaction.atomic():
        for offer_kind in registry:
            public = list(
                offer_kind.model.objects.select_for_update().filter(
                    provider=provider, status=OfferStatus.PUBLISHED
                )
            )
            if not public:
                continue
            ids = [offer.pk for offer in public]
            offer_kind.model.objects.filter(pk__in=ids).update(
                status=OfferStatus.DRAFT, updated_at=timezone.now()
            )
            audit_many(
                public,
                f"{offer_kind.key}.held_back",
                by=by,
                via=via,
                changes=[{"status": [OfferStatus.PUBLISHED.value, OfferStatus.DRAFT.value]}]
                * len(ids),
            )
            enqueue_refresh(offer_kind, ids)
            taken += len(ids)
    return taken


# --- derived data (run by the kinds' refresh tasks) ------------------------------------------


def refresh_offers(*, kind: str | OfferKind, ids: Iterable[int]) -> int:
    """Places offers without a district in the nearest district of the region they lie in.

    Offers outside every region's box keep no district (a Chemnitz Kita is not in Gera).
    Derived data is not a provider's change: ``updated_at`` stays, no audit entry.
    Returns how many offers got a district.
    """
    from stadt360.core.geo import bounding_box_for, haversine_km
    from stadt360.core.models import Region

    offer_kind = get_kind(kind)
    offers = offer_kind.model.objects.filter(pk__in=list(ids), district__isnull=True)
    placed = 0
    for region in Region.objects.prefetch_related("districts"):
        box = bounding_box_for(region)
        districts = sorted(region.districts.all(), key=lambda d: d.pk)
        if not districts:
            continue
        by_district: dict[int, list[int]] = {}
        for pk, lat, lon in offers.values_list("pk", "latitude", "longitude"):
            if box.contains(lat, lon):
                best = min(districts, key=lambda d: haversine_km(lat, lon, d.latitude, d.longitude))
                by_district.setdefault(best.pk, []).append(pk)
        for district_id, pks in by_district.items():
            placed += offer_kind.model.objects.filter(pk__in=pks).update(district_id=district_id)
    return placed


# --- many at once (feed imports) -------------------------------------------------------------


@dataclass
class UpsertResult:
    external_id: str
    outcome: Outcome | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)
    offer: Offer | None = None
    held_back: bool = False  # meant to be public, stored as a draft (unverified provider)


def upsert_many(
    *,
    kind: str | OfferKind,
    provider: "Provider",
    items: list[tuple[str, Mapping[str, Any]]],
    by: Any = None,
    via: str = "",
) -> list[UpsertResult]:
    """``upsert_offer`` for a batch, in bulk: one prefetch, bulk writes, bulk audit entries.

    Same results as calling ``upsert_offer`` per item: each item is validated on its own
    (a bad item is returned with its errors, the rest is written). Kinds with nested rows,
    and a batch the database refuses as a whole, fall back to one savepoint per item.
    """
    offer_kind = get_kind(kind)
    if offer_kind.nested:
        return [upsert_isolated(offer_kind, provider, eid, data, by, via) for eid, data in items]
    existing = {
        offer.external_id: offer
        for offer in offer_kind.model.objects.filter(
            provider=provider, external_id__in=[eid for eid, _data in items]
        )
    }
    results, creates, updates = prepare_many(offer_kind, provider, existing, items)
    try:
        with transaction.atomic():
            write_many(offer_kind, creates, updates, by=by, via=via)
    except IntegrityError:
        redo = {result.external_id for result, *_rest in creates + updates}
        data_by_id = dict(items)
        results = [
            upsert_isolated(offer_kind, provider, r.external_id, data_by_id[r.external_id], by, via)
            if r.external_id in redo
            else r
            for r in results
        ]
    return results


def prepare_many(offer_kind, provider, existing, items):
    results, creates, updates = [], [], []
    for external_id, data in items:
        result = UpsertResult(external_id)
        results.append(result)
        try:
            values, _nested = normalise(kind=offer_kind, data=data)
            offer = existing.get(external_id)
            if offer is None:
                offer = offer_kind.model(
                    provider=provider, source=OfferSource.IMPORT, external_id=external_id, **values
                )
                result.held_back = hold_back(offer, provider)
                quick_clean(offer)
                creates.append((result, offer, values))
                continue
            changes = assign(offer, values, provider)
            result.held_back = held_back(values, offer)
            if not changes:
                result.outcome, result.offer = Outcome.UNCHANGED, offer
                continue
            quick_clean(offer)
            updates.append((result, offer, changes))
        except ValidationError as error:
            result.errors = error.message_dict
    return results, creates, updates


def held_back(data: Mapping[str, Any], offer: Offer) -> bool:
    """Whether the caller asked for a public offer and the publish rule kept it a draft."""
    return data.get("status") == OfferStatus.PUBLISHED and offer.status != OfferStatus.PUBLISHED


def assign(offer: Offer, values: dict[str, Any], provider: Any) -> dict[str, list]:
    """Sets the values on ``offer``; returns the changes.

    A move clears the district (the refresh task places it again); the publish rule may
    turn the offer into a draft (:func:`hold_back`).
    """
    if "district_id" not in values and any(
        getattr(offer, key) != values[key] for key in POSITION_FIELDS & values.keys()
    ):
        values = {**values, "district_id": None}
    before = audit.snapshot(offer, [*values.keys(), "status"])
    for key, value in values.items():
        setattr(offer, key, value)
    hold_back(offer, provider)
    return audit.changes_between(before, audit.snapshot(offer, before.keys()))


def quick_clean(offer: Offer) -> None:
    """``full_clean()`` minus per-row queries: uniqueness (the batch prefetch covers it) and
    the provider's existence (the caller holds the provider)."""
    offer.full_clean(exclude={"provider"}, validate_unique=False, validate_constraints=False)
    offer.validate_constraints(exclude={"provider", "external_id"})


def write_many(offer_kind: OfferKind, creates: list, updates: list, *, by: Any, via: str) -> None:
    now = timezone.now()
    if creates:
        new = [offer for _result, offer, _values in creates]
        offer_kind.model.objects.bulk_create(new)
        audit_many(
            new,
            f"{offer_kind.key}.created",
            by=by,
            via=via,
            changes=[
                created_changes(offer, {"external_id": 1, "status": 1, **values}, {})
                for _result, offer, values in creates
            ],
        )
    if updates:
        changed = [offer for _result, offer, _changes in updates]
        for offer in changed:
            offer.updated_at = now
        names = {key for _r, _o, changes in updates for key in changes}
        by_attname = {f.attname: f.name for f in offer_kind.model._meta.concrete_fields}
        fields = sorted(by_attname[name] for name in names)
        offer_kind.model.objects.bulk_update(changed, [*fields, "updated_at"])
        audit_many(
            changed,
            f"{offer_kind.key}.updated",
            by=by,
            via=via,
            changes=[changes for _result, _offer, changes in updates],
        )
    for result, offer, _values in creates:
        result.outcome, result.offer = Outcome.CREATED, offer
    for result, offer, _changes in updates:
        result.outcome, result.offer = Outcome.UPDATED, offer
    enqueue_refresh(offer_kind, [offer.pk for _r, offer, _x in creates + updates])


def upsert_isolated(offer_kind, provider, external_id, data, by, via) -> UpsertResult:
    """One item in its own savepoint: its errors are returned, never raised."""
    result = UpsertResult(external_id)
    try:
        with transaction.atomic():
            result.offer, result.outcome = upsert_offer(
                kind=offer_kind,
                provider=provider,
                external_id=external_id,
                data=data,
                by=by,
                via=via,
            )
        result.held_back = held_back(data, result.offer)
    except ValidationError as error:
        result.errors = error.message_dict
    except IntegrityError as error:
        result.errors = {
            "__all__": [_("The database refused the record: %(error)s") % {"error": error}]
        }
    return result
