from django.apps import AppConfig


class ToewijzingenConfig(AppConfig):
    name = "jeugdregie.toewijzingen"
    label = "toewijzingen"
    verbose_name = "Toewijzen"
