from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "stadt360.portal"
    verbose_name = _("Provider portal")
