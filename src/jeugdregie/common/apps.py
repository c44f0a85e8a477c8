from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "jeugdregie.common"
    label = "common"
    verbose_name = "Gemeenschappelijk"
