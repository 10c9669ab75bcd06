from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChildcareConfig(AppConfig):
    name = "stadt360.childcare"
    verbose_name = _("Childcare")
