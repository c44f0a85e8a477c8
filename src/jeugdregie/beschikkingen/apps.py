from django.apps import AppConfig


class BeschikkingenConfig(AppConfig):
    name = "jeugdregie.beschikkingen"
    label = "beschikkingen"
    verbose_name = "Beschikkingen"
