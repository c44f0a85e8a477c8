from django.apps import AppConfig


class DeclaratiesConfig(AppConfig):
    name = "jeugdregie.declaraties"
    label = "declaraties"
    verbose_name = "Bekostigen"
