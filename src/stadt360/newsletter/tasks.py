"""Background work of the newsletter: thin task wrappers around the services."""

from django.tasks import task

from .mail import already_subscribed_message, confirmation_message
from .models import Subscriber, SubscriberStatus
from .services import send_batch


@task()
def send_signup_mail_task(*, subscriber_id: int, kind: str) -> bool:
    """The confirmation mail (``kind="confirm"``) or the "already subscribed" mail."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return False
    if kind == "confirm" and subscriber.status == SubscriberStatus.PENDING:
        confirmation_message(subscriber).send()
        return True
    if kind == "already" and subscriber.status == SubscriberStatus.CONFIRMED:
        already_subscribed_message(subscriber).send()
        return True
    return False


@task()
def send_batch_task(*, issue_id: int, delivery_ids: list[int]) -> int:
    return send_batch(issue_id=issue_id, delivery_ids=delivery_ids)
