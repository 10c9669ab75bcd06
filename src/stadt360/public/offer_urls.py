"""URLs of the offer browse and detail pages; included into ``public.urls`` (app ``public``).

One list and one detail URL per registered offer kind with a public URL segment
(``/stellen/``, ``/stellen/<pk>/`` …), named ``<key>-list`` and ``<key>-detail``.
"""

from django.urls import URLPattern, path

from stadt360.offers.registry import registry

from .offer_views import offer_detail, offer_list


def kind_patterns() -> list[URLPattern]:
    return [
        pattern
        for kind in registry
        if kind.public_segment
        for pattern in (
            path(
                f"{kind.public_segment}/", offer_list, {"kind": kind.key}, name=f"{kind.key}-list"
            ),
            path(
                f"{kind.public_segment}/<int:pk>/",
                offer_detail,
                {"kind": kind.key},
                name=f"{kind.key}-detail",
            ),
        )
    ]


urlpatterns = kind_patterns()
