"""Reminding providers of offers that expire within a week or were not updated for six months.

An offer is reminded about once per state: ``reminded_at`` is set when the e-mail went
out, and only an update of the offer (``updated_at`` later than ``reminded_at``) makes
it due again. Setting ``reminded_at`` uses ``update()``, so it does not count as an update.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stadt360.core.choices import OfferStatus
from stadt360.offers.registry import registry as offer_kinds
from stadt360.providers.models import Provider

EXPIRY_WARNING_DAYS = 7
STALE_AFTER = datetime.timedelta(days=182)


@dataclass(frozen=True)
class ReminderResult:
    emails: int
    offers: int
    providers_without_email: int


def due_offers(kind: str, *, now: datetime.datetime) -> list:
    today = timezone.localdate(now)
    soon = today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    return list(
        offer_kinds.get(kind)
        .model.objects.filter(status=OfferStatus.PUBLISHED)
        .filter(Q(valid_until__range=(today, soon)) | Q(updated_at__lt=now - STALE_AFTER))
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=F("updated_at")))
        .select_related("provider")
    )


def send_offer_reminders(*, now: datetime.datetime | None = None) -> ReminderResult:
    """One e-mail per provider listing its due offers; returns what was sent."""
    now = now or timezone.now()
    by_provider: dict = defaultdict(list)
    for kind in offer_kinds.kinds:
        for offer in due_offers(kind, now=now):
            by_provider[offer.provider].append((kind, offer))
    emails = offers = without = 0
    for provider, items in by_provider.items():
        if not provider.email:
            without += 1
            continue
        with translation.override(settings.LANGUAGE_CODE):
            send_mail(subject(len(items)), body(provider, items, now=now), None, [provider.email])
        for kind in {kind for kind, _offer in items}:
            ids = [offer.pk for k, offer in items if k == kind]
            offer_kinds.get(kind).model.objects.filter(pk__in=ids).update(reminded_at=now)
        emails, offers = emails + 1, offers + len(items)
    return ReminderResult(emails=emails, offers=offers, providers_without_email=without)


def subject(count: int) -> str:
    return _("Stadt360: %(n)s of your offers need attention") % {"n": count}


def body(provider: Provider, items: list, *, now: datetime.datetime) -> str:
    today = timezone.localdate(now)
    lines = [
        _("Hello %(name)s,") % {"name": provider.name},
        "",
        _("please check these offers:"),
        "",
    ]
    for _kind, offer in items:
        if offer.valid_until and offer.valid_until <= today + datetime.timedelta(
            days=EXPIRY_WARNING_DAYS
        ):
            reason = _("ends on %(date)s") % {"date": offer.valid_until.strftime("%d.%m.%Y")}
        else:
            reason = _("not updated since %(date)s") % {
                "date": offer.updated_at.strftime("%d.%m.%Y")
            }
        lines.append(f"- {offer} ({offer._meta.verbose_name}): {reason}")
    lines += ["", _("Extend, update or archive them in the provider portal."), ""]
    return "\n".join(lines)
