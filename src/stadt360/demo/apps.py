from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Seeded demo data. Sits above the domain apps: it imports them, nothing imports it."""

    name = "stadt360.demo"
