from django.apps import AppConfig


class BegrotingConfig(AppConfig):
    name = "jeugdregie.begroting"
    label = "begroting"
    verbose_name = "Begroting en budgetbeheersing"
