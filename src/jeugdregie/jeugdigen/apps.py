from django.apps import AppConfig


def _woonde_in_regio(regio_id: int):
    """For the audit log (R-P2): the row's young person had a place of residence in a municipality
    of ``regio_id`` on the (Amsterdam) date the row was written."""
    from django.db.models import DateTimeField, Exists, ExpressionWrapper, OuterRef, Q
    from django.db.models.functions import TruncDate

    from .models import Woonplaats

    dag = TruncDate(ExpressionWrapper(OuterRef("tijdstip"), output_field=DateTimeField()))
    return Exists(
        Woonplaats.objects.filter(jeugdige_id=OuterRef("client_id"), gemeente__regio_id=regio_id, begindatum__lte=dag)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=dag))
        .order_by()
    )


class JeugdigenConfig(AppConfig):
    name = "jeugdregie.jeugdigen"
    label = "jeugdigen"
    verbose_name = "Jeugdigen"

    def ready(self) -> None:
        from jeugdregie.audit.regio import registreer_woonde_in_regio

        registreer_woonde_in_regio(_woonde_in_regio)
