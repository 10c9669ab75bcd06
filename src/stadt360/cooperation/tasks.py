"""Background work of the cooperation board: thin task wrappers."""

from django.tasks import task

from .models import Interest, InterestRecipient
from .notifications import mail_answer, mail_recipients


@task()
def notify_interest_recipients_task(*, interest_id: int) -> int:
    interest = Interest.objects.select_related("provider").filter(pk=interest_id).first()
    return mail_recipients(interest) if interest else 0


@task()
def notify_interest_sender_task(*, recipient_id: int) -> bool:
    recipient = (
        InterestRecipient.objects.select_related(
            "provider", "interest__provider", "post", "company__provider"
        )
        .filter(pk=recipient_id)
        .first()
    )
    return mail_answer(recipient) if recipient else False
