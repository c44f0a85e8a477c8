from django.apps import AppConfig


class CasusregieConfig(AppConfig):
    name = "jeugdregie.casusregie"
    label = "casusregie"
    verbose_name = "Casusregie"
