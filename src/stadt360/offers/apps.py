from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "stadt360.offers"
    verbose_name = _("Offers")

    def ready(self) -> None:
        # Each kind's app registers itself from its offer_kind.py (NetBox-style self-registration).
        autodiscover_modules("offer_kind")
