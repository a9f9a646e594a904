from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "koers.ops"
    label = "ops"
    verbose_name = "Beheer"
