from django.apps import AppConfig


class TaakgerichtConfig(AppConfig):
    name = "jeugdregie.taakgericht"
    label = "taakgericht"
    verbose_name = "Taakgerichte bekostiging"
