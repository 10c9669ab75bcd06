"""What events hold about a person: their registrations. Registered with ``accounts.privacy``.

An account's registrations are those linked to it or made with one of its verified
addresses. Deleting the account cancels the ones still active (a held place passes to the
waiting list) and removes name, address and answers; the row stays, without the person,
for the date's counts. Registrations without an account are deleted by their management
link (``events.services.delete_registration_data``). After
``RETENTION_EVENT_REGISTRATION_DAYS`` past their date every registration is anonymised.
"""

from datetime import datetime
from typing import Any

from django.db.models import Q

from stadt360.accounts.privacy import (
    Person,
    PersonalData,
    RetentionRule,
    by_address,
    register,
    register_retention,
    rows,
)

from .models import ACTIVE_STATUSES, Registration
from .services import anonymise, cancel_registration


def registrations_of(person: Person) -> Any:
    own = by_address("email", person)
    if person.user is not None:
        own |= Q(user=person.user)
    return Registration.objects.filter(own, anonymised_at__isnull=True)


def _export(person: Person) -> list[dict[str, Any]]:
    return rows(
        registrations_of(person),
        [
            "date__event__title",
            "date__starts_at",
            "name",
            "email",
            "status",
            "answers",
            "consent_text",
            "consented_at",
            "checked_in_at",
            "created_at",
        ],
    )


def _erase(person: Person) -> None:
    for registration in registrations_of(person).filter(status__in=ACTIVE_STATUSES):
        cancel_registration(registration=registration)
    anonymise(registrations_of(person))


register(
    PersonalData(
        key="event_registrations",
        models=("events.Registration",),
        export=_export,
        erase=_erase,
    )
)


def _anonymise_past(cutoff: datetime) -> int:
    return anonymise(Registration.objects.filter(date__ends_at__lt=cutoff))


register_retention(
    RetentionRule(
        key="event_registrations",
        setting="RETENTION_EVENT_REGISTRATION_DAYS",
        apply=_anonymise_past,
    )
)
