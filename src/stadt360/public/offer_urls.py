"""URLs of the offer browse and detail pages; included into ``public.urls`` (app ``public``)."""

from django.urls import path

from .offer_views import offer_detail, offer_list

urlpatterns = [
    path("stellen/", offer_list, {"kind": "job"}, name="job-list"),
    path("stellen/<int:pk>/", offer_detail, {"kind": "job"}, name="job-detail"),
    path("wohnungen/", offer_list, {"kind": "flat"}, name="flat-list"),
    path("wohnungen/<int:pk>/", offer_detail, {"kind": "flat"}, name="flat-detail"),
    path("kitas/", offer_list, {"kind": "kita"}, name="kita-list"),
    path("kitas/<int:pk>/", offer_detail, {"kind": "kita"}, name="kita-detail"),
    path("schulen/", offer_list, {"kind": "school"}, name="school-list"),
    path("schulen/<int:pk>/", offer_detail, {"kind": "school"}, name="school-detail"),
]
