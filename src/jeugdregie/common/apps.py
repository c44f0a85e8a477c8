import gc

from django.apps import AppConfig
from django.conf import settings


class CommonConfig(AppConfig):
    name = "jeugdregie.common"
    label = "common"
    verbose_name = "Gemeenschappelijk"

    def ready(self) -> None:
        from .lookups import registreer

        registreer()
        stel_geheugenbeheer_in()


def stel_geheugenbeheer_in() -> None:
    """The collector's first threshold from ``JEUGDREGIE_GC_DREMPEL`` (issue 18, W2), and the
    objects loaded so far (every model and module: ``ready`` runs after the imports) frozen out
    of its walks, so a full collection walks what the process made since, not all of Django."""
    _, tweede, derde = gc.get_threshold()
    gc.set_threshold(settings.JEUGDREGIE_GC_DREMPEL, tweede, derde)
    gc.freeze()
