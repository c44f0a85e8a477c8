from django.apps import AppConfig


class IjwConfig(AppConfig):
    name = "jeugdregie.ijw"
    label = "ijw"
    verbose_name = "iJw-berichtenverkeer"
