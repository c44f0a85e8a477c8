"""Issue 22 §2/§5 (R-R2): MVS's task-based assignment in the demo. Seed 004: from 1 January 2023
Maassluis, Vlaardingen and Schiedam buy their specialist youth care themselves, "taakgericht, als
één integrale opdracht en met populatiebekostiging". In the synthetic Rijnmond (``rijnmond.py``)
MVS's specialist care is Wonen/Verblijf: no contract covers it there, so the assignment covers
those products for MVS and no keuzebudget route conflicts with it.

Everything goes through the ``taakgericht`` services with the demo users of ``demogebruikers.py``
(the contractmanager of Rijnmond records; finance of Schiedam pays; the toegang of Schiedam refers;
the opdrachtnemer reports starts): the assignment, a lump sum per year (an illustrative € 450 per
young inhabitant; the seed names no amount), the year's twelve-term schedule, the terms of the
months that have ended paid (dated today by the service, R-B9), and a few children of Schiedam
referred and started, so the monitoring shows children in care. Idempotent: nothing is added when
the assignment exists. Relative to ``vandaag`` (the server's date)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jeugdregie.accounts.models import Gebruiker
from jeugdregie.catalogus.constants import Onderdeel
from jeugdregie.catalogus.models import Product
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.models import Aanbieder, Gemeente, Regio
from jeugdregie.taakgericht.models import TaakgerichteOpdracht
from jeugdregie.taakgericht.services import (
    betaal_termijn,
    leg_opdracht_vast,
    meld_start,
    stel_betaalschema_op,
    stel_opdrachtbedrag_vast,
    verwijs_naar_opdracht,
)

from .rijnmond import CODE as RIJNMOND
from .rijnmond import MODEL_BEGIN, MVS

NAAM = "Jeugdmodel MVS"
OPDRACHTNEMER_AGB = "96999901"
BEGIN = MODEL_BEGIN  # seed 004: "per 1 januari 2023"
PER_JEUGDIGE = Decimal("450")  # illustrative lump sum per young inhabitant per year
SCHIEDAM = "0606"
KINDEREN = 4


def opdrachtnemer(regio: Regio) -> Aanbieder:
    """The provider MVS contracts as one integral assignment (made once)."""
    aanbieder, _ = Aanbieder.objects.get_or_create(
        agb_code=OPDRACHTNEMER_AGB,
        defaults={"naam": NAAM, "categorie": "jo", "regio": regio, "iban": "NL91RABO0396999901"},
    )
    return aanbieder


def speel_taakgericht() -> TaakgerichteOpdracht | None:
    """The assignment and its money and care as above; None when Rijnmond, MVS or the demo users
    are missing or the assignment already exists."""
    regio = Regio.objects.filter(code=RIJNMOND).first()
    gebruikers = {
        g.username: g
        for g in Gebruiker.objects.filter(
            username__in=["contractmanager-rijnmond", "financieel-schiedam", "toegang-schiedam", "aanbieder-mvs"]
        )
    }
    if regio is None or len(gebruikers) < 4 or TaakgerichteOpdracht.objects.filter(regio=regio, naam=NAAM).exists():
        return None
    gemeenten = list(Gemeente.objects.filter(regio=regio, subregio__code=MVS).order_by("cbs_code"))
    producten = Product.objects.filter(onderdeel=Onderdeel.WONEN_VERBLIJF, actief=True).order_by("code")
    if not gemeenten or not producten:
        return None
    opdracht = leg_opdracht_vast(
        regio=regio,
        aanbieder=opdrachtnemer(regio),
        naam=NAAM,
        gemeenten=[g.pk for g in gemeenten],
        productcodes=[p.code for p in producten],
        begindatum=BEGIN,
        door=gebruikers["contractmanager-rijnmond"],
    )
    dag = vandaag()
    jaarbedrag = PER_JEUGDIGE * sum(g.jeugdigen for g in gemeenten)
    for jaar in range(BEGIN.year, dag.year + 1):
        stel_opdrachtbedrag_vast(
            opdracht=opdracht, jaar=jaar, bedrag=jaarbedrag, door=gebruikers["contractmanager-rijnmond"]
        )
        for termijn in stel_betaalschema_op(opdracht, jaar, door=gebruikers["contractmanager-rijnmond"]):
            if termijn.einddatum < dag.replace(day=1):  # the current month's term is finance's work
                betaal_termijn(termijn, door=gebruikers["financieel-schiedam"])
    _zorg(opdracht, gebruikers, producten.first(), dag)
    return opdracht


def _zorg(opdracht, gebruikers, product: Product, dag: date) -> None:
    """A few residents of Schiedam referred by its toegang and started by the opdrachtnemer."""
    schiedam = Gemeente.objects.get(cbs_code=SCHIEDAM, regio=opdracht.regio)
    kinderen = Jeugdige.objects.voor_gebruiker(gebruikers["toegang-schiedam"]).filter(
        geboortedatum__gt=date(dag.year - 16, 1, 1)
    )
    for jeugdige in kinderen.order_by("pk")[:KINDEREN]:
        verwijs_naar_opdracht(opdracht=opdracht, jeugdige=jeugdige, door=gebruikers["toegang-schiedam"])
        meld_start(
            opdracht=opdracht,
            bsn=jeugdige.bsn,
            productcode=product.code,
            begindatum=dag,
            door=gebruikers["aanbieder-mvs"],
            gemeente_id=schiedam.pk,
        )
