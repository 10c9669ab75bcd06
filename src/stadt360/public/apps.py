from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "stadt360.public"
