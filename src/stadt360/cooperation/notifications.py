"""The e-mails of the interest flow: to each recipient organisation, and back to the sender."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from stadt360.providers.models import Membership, Provider

from .models import Interest, InterestRecipient


def provider_addresses(provider: Provider) -> list[str]:
    """Its members' addresses; the organisation's own address when it has no members yet."""
    members = Membership.objects.filter(provider=provider).values_list("user__email", flat=True)
    return sorted(set(members)) or ([provider.email] if provider.email else [])


def mail_recipients(interest: Interest) -> int:
    """One mail per recipient organisation; returns how many were sent."""
    sent = 0
    rows = interest.recipients.select_related("provider", "post", "company__provider")
    for row in rows:
        addresses = provider_addresses(row.provider)
        if not addresses:
            continue
        send_mail(
            subject=_("%(sender)s is interested in cooperating")
            % {"sender": interest.provider.name},
            message=render_to_string(
                "cooperation/email/interest_received.txt", {"interest": interest, "recipient": row}
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=addresses,
        )
        sent += 1
    return sent


def mail_answer(recipient: InterestRecipient) -> bool:
    addresses = provider_addresses(recipient.interest.provider)
    if not addresses:
        return False
    send_mail(
        subject=_("%(name)s answered your interest") % {"name": recipient.provider.name},
        message=render_to_string(
            "cooperation/email/interest_answered.txt", {"recipient": recipient}
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=addresses,
    )
    return True
