from django.apps import AppConfig


class HulpverleningConfig(AppConfig):
    name = "jeugdregie.hulpverlening"
    label = "hulpverlening"
    verbose_name = "Hulpverlening"
