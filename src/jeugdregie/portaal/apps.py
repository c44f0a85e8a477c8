from django.apps import AppConfig


class PortaalConfig(AppConfig):
    name = "jeugdregie.portaal"
    label = "portaal"
    verbose_name = "Portaal"
