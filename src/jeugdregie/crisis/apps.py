from django.apps import AppConfig


class CrisisConfig(AppConfig):
    name = "jeugdregie.crisis"
    label = "crisis"
    verbose_name = "Crisis"
