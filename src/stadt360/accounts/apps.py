from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "stadt360.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added

        from .mfa import count_new_authenticator

        authenticator_added.connect(count_new_authenticator, dispatch_uid="s360-mfa-added")

        from . import checks  # noqa: F401  (registers the deployment check)
        from .privacy import autodiscover

        # Every app's ``personal_data`` module registers what it holds about people.
        autodiscover()
