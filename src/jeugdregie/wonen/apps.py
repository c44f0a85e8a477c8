from django.apps import AppConfig


class WonenConfig(AppConfig):
    name = "jeugdregie.wonen"
    label = "wonen"
    verbose_name = "Wonen en Verblijf"
