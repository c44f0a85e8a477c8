"""Issue 20 §5 in the synthetic region (R-D3): one young person of Zwolle with running ambulant
care moves to another municipality of IJsselland two weeks before ``vandaag``, through the
jeugdigen service, so the handover opens the way it does in production (``overdracht``): the
demo toegang of Zwolle finds "Verhuisd: toewijzingen beëindigen" on its home page and the new
municipality "Verhuisd: opnieuw toewijzen". Deterministic: the lowest eligible child."""

from __future__ import annotations

from datetime import date, timedelta

from jeugdregie.jeugdigen.models import Jeugdige, Woonplaats
from jeugdregie.jeugdigen.services import registreer_verhuizing
from jeugdregie.organisaties.models import Gemeente
from jeugdregie.overdracht.models import Overdracht
from jeugdregie.toewijzingen.constants import ToewijzingSoort, ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing

ZWOLLE, NAAR = "0193", "0150"  # Zwolle → Deventer


def verhuis_een_jeugdige(*, vandaag: date) -> Overdracht | None:
    """Idempotent: nothing when a demo handover exists or no child qualifies."""
    zwolle = Gemeente.objects.filter(cbs_code=ZWOLLE).first()
    naar = Gemeente.objects.filter(cbs_code=NAAR).first()
    if zwolle is None or naar is None or Overdracht.objects.filter(van_gemeente=zwolle).exists():
        return None
    per = vandaag - timedelta(days=14)
    met_verblijf = Toewijzing.objects.filter(soort=ToewijzingSoort.WONEN_VERBLIJF).values("jeugdige_id")
    lang_genoeg = Woonplaats.objects.filter(
        gemeente=zwolle, einddatum__isnull=True, begindatum__lt=per - timedelta(days=365)
    ).values("jeugdige_id")
    kandidaat = (
        Toewijzing.objects.filter(
            gemeente=zwolle,
            soort=ToewijzingSoort.KEUZEBUDGET,
            status=ToewijzingStatus.GESTART,
            begindatum__lt=per - timedelta(days=60),
            einddatum__gt=vandaag + timedelta(days=60),
            jeugdige_id__in=lang_genoeg,
        )
        .exclude(jeugdige_id__in=met_verblijf)
        .order_by("jeugdige_id")
        .values_list("jeugdige_id", flat=True)
        .first()
    )
    if kandidaat is None:
        return None
    registreer_verhuizing(jeugdige=Jeugdige.objects.get(pk=kandidaat), gemeente=naar, per=per)
    return Overdracht.objects.filter(jeugdige_id=kandidaat).first()
