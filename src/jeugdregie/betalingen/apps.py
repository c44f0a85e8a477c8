from django.apps import AppConfig


class BetalingenConfig(AppConfig):
    name = "jeugdregie.betalingen"
    label = "betalingen"
    verbose_name = "Betalen"
