from django.apps import AppConfig


class JeugdigenConfig(AppConfig):
    name = "jeugdregie.jeugdigen"
    label = "jeugdigen"
    verbose_name = "Jeugdigen"
