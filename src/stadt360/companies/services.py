"""Writes of company profiles, sites and products: keyword-only, audited, in a transaction.

``data`` maps field names to cleaned values (a form's ``cleaned_data`` or API input).
The WZ title and section are derived from the code here, never typed in.
"""

import datetime
from collections.abc import Mapping
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from stadt360.core import audit
from stadt360.providers.models import MemberRole, Membership, Provider

from . import industries
from .choices import category_choices
from .models import Company, Product, ProductImage, Site

PROFILE_FIELDS = (
    "description",
    "wz_code",
    "size_class",
    "founded_year",
    "contact_name",
    "contact_email",
    "contact_phone",
    "languages",
    "certificates",
    "apprenticeships",
)
PRODUCT_FIELDS = ("kind", "name", "description", "category", "position")
SITE_FIELDS = ("name", "street", "postcode", "city", "district", "latitude", "longitude")


def _apply_profile(company: Company, data: Mapping[str, Any]) -> None:
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(company, name, data[name])
    code = industries.normalise_code(company.wz_code)
    if not industries.is_known(code):
        raise ValidationError({"wz_code": _("This is not a WZ 2008 code.")})
    company.wz_code = code
    company.wz_label = industries.title(code)
    company.wz_section = industries.section_of(code)
    company.offers_apprenticeships = bool(company.apprenticeships)


def create_company(*, provider: Provider, data: Mapping[str, Any], by: Any) -> Company:
    with transaction.atomic():
        company = Company(provider=provider)
        _apply_profile(company, data)
        company.full_clean()
        company.save()
        audit.record(
            company,
            "company.created",
            by=by,
            provider=provider,
            changes=audit.changes_between({}, audit.snapshot(company, PROFILE_FIELDS)),
        )
    return company


def update_company(*, company: Company, data: Mapping[str, Any], by: Any) -> Company:
    with transaction.atomic():
        before = audit.snapshot(company, PROFILE_FIELDS)
        _apply_profile(company, data)
        company.full_clean()
        company.save()
        changes = audit.changes_between(before, audit.snapshot(company, PROFILE_FIELDS))
        audit.record(company, "company.updated", by=by, provider=company.provider, changes=changes)
    return company


def verify_company(*, company: Company, by: Any) -> Company:
    """The city confirms the profile; ``updated_at`` stays (it is the company's own date)."""
    now = timezone.now()
    with transaction.atomic():
        Company.objects.filter(pk=company.pk).update(
            verified_by_city=True, verified_at=now, verified_by=by
        )
        company.verified_by_city, company.verified_at, company.verified_by = True, now, by
        audit.record(
            company,
            "company.verified",
            by=by,
            provider=company.provider,
            changes={"verified_by_city": [False, True]},
        )
    return company


def save_product(
    *, company: Company, data: Mapping[str, Any], by: Any, product: Product | None = None
) -> Product:
    if data.get("category") not in dict(category_choices()):
        raise ValidationError({"category": _("Please choose a category from the list.")})
    with transaction.atomic():
        created = product is None
        product = product or Product(company=company)
        before = {} if created else audit.snapshot(product, PRODUCT_FIELDS)
        for name in PRODUCT_FIELDS:
            if name in data:
                setattr(product, name, data[name])
        product.full_clean()
        product.save()
        changes = audit.changes_between(before, audit.snapshot(product, PRODUCT_FIELDS))
        action = "product.created" if created else "product.updated"
        audit.record(product, action, by=by, provider=company.provider, changes=changes)
        _touch(company)
    return product


def delete_product(*, product: Product, by: Any) -> None:
    with transaction.atomic():
        company = product.company
        audit.record(
            product,
            "product.deleted",
            by=by,
            provider=company.provider,
            changes={"name": [product.name, None]},
        )
        for image in product.images.all():
            image.file.delete(save=False)
        product.delete()
        _touch(company)


def add_product_image(
    *, product: Product, content: ContentFile, alt_text: str, by: Any
) -> ProductImage:
    """Stores an already re-encoded picture (the portal re-encodes uploads first)."""
    if not alt_text.strip():
        raise ValidationError(
            {"alt_text": _("Please describe the picture for people who cannot see it.")}
        )
    with transaction.atomic():
        image = ProductImage(product=product, alt_text=alt_text.strip())
        image.file.save(content.name or "image.png", content, save=False)
        image.full_clean()
        image.save()
        audit.record(
            product,
            "product.image_added",
            by=by,
            provider=product.company.provider,
            changes={"image": [None, image.file.name], "alt_text": [None, image.alt_text]},
        )
    return image


def save_site(
    *, company: Company, data: Mapping[str, Any], by: Any, site: Site | None = None
) -> Site:
    with transaction.atomic():
        created = site is None
        site = site or Site(company=company)
        before = {} if created else audit.snapshot(site, SITE_FIELDS)
        for name in SITE_FIELDS:
            if name in data:
                setattr(site, name, data[name])
        site.full_clean()
        site.save()
        changes = audit.changes_between(before, audit.snapshot(site, SITE_FIELDS))
        audit.record(
            site,
            "site.created" if created else "site.updated",
            by=by,
            provider=company.provider,
            changes=changes,
        )
        _touch(company)
    return site


def delete_site(*, site: Site, by: Any) -> None:
    with transaction.atomic():
        audit.record(
            site,
            "site.deleted",
            by=by,
            provider=site.company.provider,
            changes={"name": [site.name, None]},
        )
        site.delete()
        _touch(site.company)


def _touch(company: Company) -> None:
    """A product or site change counts as an update of the profile (freshness, reminders)."""
    company.save(update_fields=["updated_at"])  # a save, so the search index hears of it


# --- reminders -------------------------------------------------------------------------------


def remind_stale_companies(*, now: datetime.datetime | None = None) -> int:
    """Mails every company whose profile is six months old; returns how many were reminded."""
    now = now or timezone.now()
    reminded = 0
    for company in Company.objects.stale(now=now).select_related("provider"):
        recipients = reminder_recipients(company)
        if not recipients:
            continue
        with transaction.atomic():
            Company.objects.filter(pk=company.pk).update(reminded_at=now)
            audit.record(
                company,
                "company.reminded",
                provider=company.provider,
                via="reminder",
                changes={"reminded_at": [None, now.isoformat()]},
            )
            transaction.on_commit(partial(_mail_reminder, company, recipients))
        reminded += 1
    return reminded


def reminder_recipients(company: Company) -> list[str]:
    admins = Membership.objects.filter(provider=company.provider, role=MemberRole.ADMIN)
    emails = list(admins.values_list("user__email", flat=True))
    return emails or [e for e in (company.contact_email or company.provider.email,) if e]


def _mail_reminder(company: Company, recipients: list[str]) -> None:
    send_mail(
        subject=_("Please check the profile of %(name)s on Gera 360°")
        % {"name": company.provider.name},
        message=render_to_string("companies/email/reminder.txt", {"company": company}),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )
