from django.urls import path

from .language import speaking_request_language
from .main import api


def api_urls() -> tuple[list, str, str]:
    # A function, not module-level names: include() would read a module-level ``app_name``.
    patterns, app, namespace = api.urls
    return speaking_request_language(patterns), app, namespace


urlpatterns = [path("", api_urls())]
