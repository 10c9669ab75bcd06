"""Background work of events: thin task wrappers around events.notifications and the
periodic services (offers that ran out, reminders the day before)."""

from django.tasks import task


@task()
def send_registration_confirmation(*, registration_id: int) -> bool:
    from .notifications import mail_confirmation

    return mail_confirmation(registration_id=registration_id)


@task()
def send_registration_notice(*, kind: str, registration_id: int) -> bool:
    from .notifications import mail_notice

    return mail_notice(kind=kind, registration_id=registration_id)


@task()
def send_cancellation(*, registration_id: int, message: str = "") -> bool:
    from .notifications import mail_cancellation

    return mail_cancellation(registration_id=registration_id, message=message)


@task()
def send_organiser_message(*, registration_id: int, subject: str, body: str) -> bool:
    from .notifications import mail_organiser_message

    return mail_organiser_message(registration_id=registration_id, subject=subject, body=body)


@task()
def events_periodic_task() -> dict[str, int]:
    from .services import run_periodic

    return run_periodic()
