from django.apps import AppConfig


class VerwijzingenConfig(AppConfig):
    name = "jeugdregie.verwijzingen"
    label = "verwijzingen"
    verbose_name = "Verwijzen"
