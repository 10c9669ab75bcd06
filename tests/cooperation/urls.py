"""The project's URLs plus the portal pages of companies and cooperation, mounted as the
lead will mount them (``/portal/unternehmen/``, ``/portal/kooperation/``)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from stadt360.config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *i18n_patterns(
        path("portal/unternehmen/", include("stadt360.portal.company_urls")),
        path("portal/kooperation/", include("stadt360.portal.cooperation_urls")),
        prefix_default_language=False,
    ),
    *project_urlpatterns,
]
