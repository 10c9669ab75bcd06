from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "stadt360.api"
