from django.apps import AppConfig


class SyntheseConfig(AppConfig):
    name = "jeugdregie.synthese"
    label = "synthese"
    verbose_name = "Synthetische regio"
