"""Background work of events: thin task wrappers around events.notifications."""

from django.tasks import task


@task()
def send_registration_confirmation(*, registration_id: int) -> bool:
    from .notifications import mail_confirmation

    return mail_confirmation(registration_id=registration_id)
