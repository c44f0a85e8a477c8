from django.apps import AppConfig


def _clienten_van_regio(regio_id: int):
    """The young people who have lived in ``regio_id`` (for the audit log's system rows, R-P2)."""
    from .models import Woonplaats

    return Woonplaats.objects.filter(gemeente__regio_id=regio_id).values("jeugdige_id")


class JeugdigenConfig(AppConfig):
    name = "jeugdregie.jeugdigen"
    label = "jeugdigen"
    verbose_name = "Jeugdigen"

    def ready(self) -> None:
        from jeugdregie.audit.regio import registreer_clienten_van_regio

        registreer_clienten_van_regio(_clienten_van_regio)
