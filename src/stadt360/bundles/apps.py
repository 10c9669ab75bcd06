from django.apps import AppConfig


class BundlesConfig(AppConfig):
    name = "stadt360.bundles"
