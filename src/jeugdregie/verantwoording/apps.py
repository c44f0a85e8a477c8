from django.apps import AppConfig


class VerantwoordingConfig(AppConfig):
    name = "jeugdregie.verantwoording"
    label = "verantwoording"
    verbose_name = "Verantwoorden"
