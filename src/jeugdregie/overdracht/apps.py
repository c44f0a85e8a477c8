from django.apps import AppConfig


class OverdrachtConfig(AppConfig):
    name = "jeugdregie.overdracht"
    label = "overdracht"
    verbose_name = "Overdracht tussen gemeenten"
