from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from stadt360.accounts.views import admin_login, cms_login

# Staff sign in through allauth like everyone else (password, then the second factor);
# the admin's own login form would accept the password alone.
admin.site.login = admin_login  # type: ignore[method-assign]

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", include("stadt360.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Wagtail's login forms would accept the password alone: both hand over to allauth.
    path("cms/login/", cms_login, name="cms-login"),
    path("cms/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
]
urlpatterns += i18n_patterns(
    path("konto/meine-daten/", include("stadt360.accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("portal/unternehmen/", include("stadt360.portal.company_urls")),
    path("portal/kooperation/", include("stadt360.portal.cooperation_urls")),
    path("portal/veranstaltungen/", include("stadt360.portal.event_urls")),
    path("portal/", include("stadt360.portal.urls")),
    path("backoffice/moderation/", include("stadt360.backoffice.moderation_urls")),
    path("backoffice/", include("stadt360.backoffice.urls")),
    path("unternehmen/", include("stadt360.public.company_urls")),
    path("kooperation/", include("stadt360.public.cooperation_urls")),
    path("", include("stadt360.public.urls")),
    # Last: Wagtail serves the editorial page tree (innovation centre, news, legal pages).
    path("_util/login/", cms_login, name="cms-frontend-login"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
