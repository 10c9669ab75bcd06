from django.core.management.base import BaseCommand, CommandError, CommandParser

from stadt360.providers.models import ProviderKind
from stadt360.providers.services import create_provider


class Command(BaseCommand):
    help = "Creates a provider (organisation) and prints its slug."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--kind", required=True, choices=ProviderKind.values)

    def handle(self, *args: object, **options: str) -> None:
        if not options["name"].strip():
            raise CommandError("The name must not be empty.")
        provider = create_provider(name=options["name"], kind=options["kind"], by=None)
        self.stdout.write(provider.slug)
