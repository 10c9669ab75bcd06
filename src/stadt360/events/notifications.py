"""Mails to registrants, all sent through background tasks (events.tasks).

Filled in by the registration work: confirmation with .ics and management link, offers from
the waiting list, reminders, cancellations, messages from the organiser.
"""


def send_registration_mail(
    *,
    registration_id: int,
) -> None:
    """Queue the confirmation mail of a new registration (task ``events.tasks``)."""
    from .tasks import send_registration_confirmation

    send_registration_confirmation.enqueue(registration_id=registration_id)


def mail_confirmation(*, registration_id: int) -> bool:
    """The confirmation mail. Written by the registration work (with .ics, management link)."""
    raise NotImplementedError
