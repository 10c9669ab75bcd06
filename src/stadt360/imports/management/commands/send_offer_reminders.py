from django.core.management.base import BaseCommand

from stadt360.imports.reminders import send_offer_reminders


class Command(BaseCommand):
    help = "E-mails providers about offers expiring within 7 days or not updated for 6 months."

    def handle(self, *args: object, **options: object) -> None:
        result = send_offer_reminders()
        self.stdout.write(
            f"{result.emails} e-mails about {result.offers} offers; "
            f"{result.providers_without_email} providers without e-mail address"
        )
