from django.apps import AppConfig


class HswvConfig(AppConfig):
    name = "jeugdregie.hswv"
    label = "hswv"
    verbose_name = "HSWV-inzet"
