from django.apps import AppConfig


class BewaringConfig(AppConfig):
    name = "jeugdregie.bewaring"
    label = "bewaring"
    verbose_name = "Bewaring en rechten van betrokkenen"

    def ready(self) -> None:
        from . import checks  # noqa: F401 — registers the retention-term system checks (R-P7)
