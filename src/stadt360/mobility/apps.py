from django.apps import AppConfig


class MobilityConfig(AppConfig):
    name = "stadt360.mobility"
