from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "jeugdregie.common"
    label = "common"
    verbose_name = "Gemeenschappelijk"

    def ready(self) -> None:
        from .lookups import registreer

        registreer()
