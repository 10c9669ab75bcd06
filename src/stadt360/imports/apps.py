from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "stadt360.imports"
    verbose_name = _("Feed imports")

    def ready(self) -> None:
        from .retention import connect

        connect()
