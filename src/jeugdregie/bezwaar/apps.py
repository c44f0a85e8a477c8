from django.apps import AppConfig


class BezwaarConfig(AppConfig):
    name = "jeugdregie.bezwaar"
    label = "bezwaar"
    verbose_name = "Bezwaar en beroep"
