from django.apps import AppConfig


class BeheersingConfig(AppConfig):
    name = "jeugdregie.beheersing"
    label = "beheersing"
    verbose_name = "Beheersen"
