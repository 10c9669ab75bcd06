from django.apps import AppConfig


class SituationsConfig(AppConfig):
    name = "stadt360.situations"
