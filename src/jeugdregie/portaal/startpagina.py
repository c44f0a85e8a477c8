"""The role sections of the home page (issue 19 §4), composed from the apps that own the figures,
as ``werkvoorraden`` composes the worklists. Each section is built only when the role's named
policy (``policies.py``) lets the user see it, and every list inside is scoped by its own app
(R-P1). Counts, amounts and provider names only: the pages they link to show the rest, and log
the read where it is personal data (R-P2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q

from jeugdregie.accounts.models import Gebruiker
from jeugdregie.accounts.tweefactor import met_app_status
from jeugdregie.audit.constants import Uitkomst
from jeugdregie.audit.models import AuditRegel
from jeugdregie.audit.services import verifieer_staart
from jeugdregie.beheersing import startpagina as beheersing
from jeugdregie.betalingen import startpagina as betalingen
from jeugdregie.common.domein import vraag
from jeugdregie.declaraties import startpagina as declaraties
from jeugdregie.verwijzingen import startpagina as verwijzingen
from jeugdregie.verwijzingen.policies import is_gi

from . import policies

#: The window of the refused lines (up to the last submission), of the audit refusals and of the
#: failed jobs.
AFKEUR_DAGEN = 90
BEHEER_VENSTER = timedelta(days=7)
#: The home page checks the last links of the audit chain (R-P6); the whole chain is the command's.
KETEN_STAART = 1000


@dataclass
class Startpagina:
    """What a role's home page holds beyond the worklists; a section is None when not shown."""

    financieel: dict | None = None
    contractbeheer: dict | None = None
    kerncijfers: dict | None = None
    verwijzer: dict | None = None
    beheer: dict | None = None


def _financieel(gebruiker, *, op: date, nu: datetime) -> dict:
    sinds = declaraties.afkeurvenster(gebruiker, op=op, dagen=AFKEUR_DAGEN)
    return {
        "klaar_voor_batch": betalingen.maanden_klaar_voor_batch(gebruiker, nu=nu),
        "wachten_op_tweede": betalingen.wachten_op_tweede_beoordelaar(gebruiker),
        "afgekeurd": declaraties.afgekeurd_naar_oorzaak(gebruiker, sinds=sinds),
        "afgekeurd_sinds": sinds,
    }


def _contractbeheer(gebruiker, *, op: date) -> dict:
    lichtperiode, rood = beheersing.rode_lichten(gebruiker, op=op)
    signaalperiode, signalen = beheersing.signalen_van_regio(gebruiker, op=op)
    maatregelen = list(beheersing.maatregelen_op_te_volgen(gebruiker, op=op)[:20])
    for maatregel in maatregelen:
        maatregel.verstreken = maatregel.opvolgdatum < op
    return {
        "lichtperiode": lichtperiode,
        "rode_lichten": rood,
        "signaalperiode": signaalperiode,
        "signaalkwartaal": beheersing.kwartaallabel(signaalperiode) if signaalperiode else "",
        "signalen": signalen,
        "maatregelen": maatregelen,
    }


@dataclass(frozen=True)
class MislukteTakenvraag:
    """The beheerder's home page asks the background tasks (``taken``, a later layer) for their
    failed runs since ``sinds``; answered as listed in ``abonnementen.VRAGEN``."""

    sinds: datetime


def _beheer(gebruiker, *, nu: datetime) -> dict:
    """R-P5: the accounts of the beheerder's region; R-P2: refused reads in the audit log;
    the background tasks' failed runs."""
    accounts = met_app_status(Gebruiker.objects.voor_gebruiker(gebruiker))
    gebruikers = accounts.aggregate(
        totaal=Count("pk"),
        inactief=Count("pk", filter=Q(is_active=False)),
        zonder_tweede_factor=Count("pk", filter=Q(is_active=True, heeft_app=False, heeft_sleutel=False)),
    )
    sinds = nu - BEHEER_VENSTER
    audit = AuditRegel.objects.voor_gebruiker(gebruiker).filter(tijdstip__gte=sinds)
    # ``taken`` sits above the portal in the layers (it composes apps for Celery): asked, not imported
    mislukt = [rij for antwoord in vraag(MislukteTakenvraag(sinds=sinds)) for rij in antwoord]
    return {
        "gebruikers": gebruikers,
        "geweigerd": audit.filter(uitkomst=Uitkomst.GEWEIGERD).count(),
        "auditfouten": audit.filter(uitkomst=Uitkomst.MISLUKT).count(),
        "keten": verifieer_staart(aantal=KETEN_STAART),
        "keten_staart": KETEN_STAART,
        "sinds": sinds,
        "mislukte_taken": mislukt,
    }


def startpagina(gebruiker, *, op: date, nu: datetime) -> Startpagina:
    pagina = Startpagina()
    if policies.toont_financiele_start(gebruiker):
        pagina.financieel = _financieel(gebruiker, op=op, nu=nu)
    if policies.toont_contractbeheer(gebruiker):
        pagina.contractbeheer = _contractbeheer(gebruiker, op=op)
    if policies.toont_kerncijfers(gebruiker):
        pagina.kerncijfers = {"cijfers": beheersing.kerncijfers(gebruiker, op=op)}
    if policies.toont_eigen_verwijzingen(gebruiker):
        pagina.verwijzer = {
            "aanmeldingen": verwijzingen.eigen_aanmeldingen(gebruiker),
            "verwijzingen": verwijzingen.verwijzingen_per_status(gebruiker),
            "recent": verwijzingen.recente_verwijzingen(gebruiker),
            "is_gi": is_gi(gebruiker),
        }
    if policies.toont_beheer(gebruiker):
        pagina.beheer = _beheer(gebruiker, nu=nu)
    return pagina
