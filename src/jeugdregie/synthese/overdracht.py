"""Issue 20 §5 in the synthetic region (R-D3): one young person of Zwolle with running ambulant
care moves to another municipality of IJsselland two weeks before ``vandaag``, through the
jeugdigen service, so the handover opens the way it does in production (``overdracht``): the
demo toegang of Zwolle finds "Verhuisd: toewijzingen beëindigen" on its home page and the new
municipality "Verhuisd: opnieuw toewijzen". Deterministic: the lowest eligible child.

``speel_geschil`` (``manage.py overdracht_demo``, after the demo users exist) has the new
municipality's toegang record a dispute about that handover through the service
(``overdracht.services.registreer_geschil``), so both toegangen find "Geschillen tussen
gemeenten" on their home page."""

from __future__ import annotations

from datetime import date, timedelta

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.models import Gebruiker
from jeugdregie.jeugdigen.models import Jeugdige, Woonplaats
from jeugdregie.jeugdigen.services import registreer_verhuizing
from jeugdregie.organisaties.models import Gemeente
from jeugdregie.overdracht.models import Geschil, Overdracht
from jeugdregie.overdracht.services import registreer_geschil
from jeugdregie.toewijzingen.constants import ToewijzingSoort, ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.verblijf import met_verblijf_q

ZWOLLE, NAAR = "0193", "0150"  # Zwolle → Deventer


def verhuis_een_jeugdige(*, vandaag: date) -> Overdracht | None:
    """Idempotent: nothing when a demo handover exists or no child qualifies."""
    zwolle = Gemeente.objects.filter(cbs_code=ZWOLLE).first()
    naar = Gemeente.objects.filter(cbs_code=NAAR).first()
    if zwolle is None or naar is None or Overdracht.objects.filter(van_gemeente=zwolle).exists():
        return None
    per = vandaag - timedelta(days=14)
    met_verblijf = Toewijzing.objects.filter(met_verblijf_q()).values("jeugdige_id")  # R-W7: also a crisis bed
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


GESCHIL = (
    "Volgens ons woonde de jeugdige op de verhuisdatum feitelijk nog in Zwolle: de inschrijving in "
    "de BRP volgde pas later. Wij vragen Zwolle de hulp tot de werkelijke verhuizing voort te zetten."
)


def speel_geschil() -> str:
    """R-D3: the new municipality's toegang disputes the demo handover (idempotent); the Dutch
    summary line."""
    overdracht = Overdracht.objects.filter(van_gemeente__cbs_code=ZWOLLE).order_by("pk").first()
    if overdracht is None:
        return "Overdracht-demo overgeslagen: geen verhuizing uit Zwolle (draai eerst genereer_regio)."
    if Geschil.objects.filter(overdracht=overdracht).exists():
        return "Overdracht-demo: het geschil staat er al."
    toegang = (
        Gebruiker.objects.filter(rol=Rol.TOEGANG, gemeente_id=overdracht.naar_gemeente_id, is_active=True)
        .order_by("pk")
        .first()
    )
    if toegang is None:
        return "Overdracht-demo overgeslagen: geen toegang van de nieuwe gemeente (draai eerst maak_demogebruikers)."
    geschil = registreer_geschil(overdracht=overdracht, omschrijving=GESCHIL, door=toegang)
    return f"Overdracht-demo: geschil {geschil.pk} over overdracht {overdracht.pk} vastgelegd."
