from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "stadt360.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from . import signals

        # Every app registers its own indexed kinds (the offer kinds too) from search_index.py.
        autodiscover_modules("search_index")
        signals.connect_receivers()
