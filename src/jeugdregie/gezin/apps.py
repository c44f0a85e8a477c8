from django.apps import AppConfig


class GezinConfig(AppConfig):
    name = "jeugdregie.gezin"
    label = "gezin"
    verbose_name = "Gezin en gezag"
