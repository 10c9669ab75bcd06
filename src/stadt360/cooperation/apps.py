from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "stadt360.cooperation"
    verbose_name = _("Cooperation")
