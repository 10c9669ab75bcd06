"""What organisations hold about a person: memberships, invitations, API keys, reviews,
and the organisation's contact address when it is the person's own.

Registered with ``accounts.privacy``; ``accounts.services.delete_account`` checks first
that no organisation with other members loses its last administrator.
"""

from datetime import datetime
from typing import Any

from django.db.models import Q

from stadt360.accounts.privacy import (
    Person,
    PersonalData,
    RetentionRule,
    by_address,
    deleting,
    forget,
    register,
    register_retention,
    rows,
)

from .models import ApiToken, Invitation, Membership, Provider


def _invitations(person: Person) -> dict[str, Any]:
    fields = ["provider__name", "role", "created_at", "expires_at", "accepted_at", "revoked"]
    return {
        "received": rows(
            Invitation.objects.filter(by_address("email", person)), ["email", *fields]
        ),
        # Whom they invited is the invitee's address: the export removes it (keep_only).
        "sent": rows(Invitation.objects.filter(invited_by=person.user), ["email", *fields]),
    }


def _erase_invitations(person: Person) -> None:
    Invitation.objects.filter(by_address("email", person)).delete()
    forget(Invitation, "invited_by", person)


def _api_keys(person: Person) -> dict[str, Any]:
    # Names and dates; never the key or its hash.
    fields = ["provider__name", "name", "scopes", "created_at", "revoked_at"]
    return {
        "created": rows(ApiToken.objects.filter(created_by=person.user), fields),
        "revoked": rows(ApiToken.objects.filter(revoked_by=person.user), fields),
    }


def _erase_api_keys(person: Person) -> None:
    forget(ApiToken, "created_by", person)
    forget(ApiToken, "revoked_by", person)


def _organisations(person: Person) -> dict[str, Any]:
    return {
        "reviewed_by_you": rows(
            Provider.objects.filter(reviewed_by=person.user),
            ["name", "verified", "rejected", "reviewed_at"],
        ),
        "your_address_as_contact": rows(
            Provider.objects.filter(by_address("email", person)), ["name", "email", "phone"]
        ),
    }


def _erase_organisations(person: Person) -> None:
    """The city's review stays without its reviewer; the person's address leaves the contact."""
    forget(Provider, "reviewed_by", person)
    Provider.objects.filter(by_address("email", person)).update(email="")


register(
    PersonalData(
        key="memberships",
        models=("providers.Membership",),
        export=lambda person: rows(
            Membership.objects.filter(user=person.user), ["provider__name", "role", "created_at"]
        ),
        erase=deleting(lambda person: Membership.objects.filter(user=person.user)),
    )
)
register(
    PersonalData(
        key="invitations",
        models=("providers.Invitation",),
        export=_invitations,
        erase=_erase_invitations,
    )
)
register(
    PersonalData(
        key="api_keys", models=("providers.ApiToken",), export=_api_keys, erase=_erase_api_keys
    )
)
register(
    PersonalData(
        key="organisations",
        models=("providers.Provider",),
        export=_organisations,
        erase=_erase_organisations,
    )
)


def _delete_old_invitations(cutoff: datetime) -> int:
    """Invitations whose validity ended before the cutoff (accepted ones became memberships)."""
    done = Q(expires_at__lt=cutoff) | Q(revoked=True, updated_at__lt=cutoff)
    return Invitation.objects.filter(done).delete()[0]


register_retention(
    RetentionRule(
        key="invitations", setting="RETENTION_INVITATION_DAYS", apply=_delete_old_invitations
    )
)
