from django.apps import AppConfig


class VerzoekenConfig(AppConfig):
    name = "jeugdregie.verzoeken"
    label = "verzoeken"
    verbose_name = "Verzoeken om toewijzing (JW315)"
