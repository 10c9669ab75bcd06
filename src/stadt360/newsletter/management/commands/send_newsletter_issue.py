from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from stadt360.newsletter.models import Issue
from stadt360.newsletter.services import send_issue


class Command(BaseCommand):
    help = (
        "Queues a newsletter issue for sending in batches (background tasks). Run again on "
        "an issue that is still sending to re-enqueue the mails not sent yet; nothing is "
        "sent twice."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("issue_id", type=int)

    def handle(self, *args: Any, issue_id: int, **options: Any) -> None:
        issue = Issue.objects.filter(pk=issue_id).first()
        if issue is None:
            raise CommandError(f"No newsletter issue with id {issue_id}.")
        try:
            queued = send_issue(issue=issue, by=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Issue {issue_id}: {queued} mails queued.")
