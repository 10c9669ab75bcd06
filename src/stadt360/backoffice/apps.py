from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "stadt360.backoffice"
