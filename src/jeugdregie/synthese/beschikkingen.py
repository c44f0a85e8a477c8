"""The demo's beschikkingen (issue 20 §2, R-D1): every toegang decision of the region has its letter,
or waits on the toegang's worklist for an addressee.

Two parts. The decisions that went through the route's services (an event row: the honoured
request of ``ijw_demo``, a demo user's decision) get theirs from the beschikkingen' own catch-up
(``inhalen.haal_in``). The bulk trajectories write no event rows (nobody acted, README; event rows
would also set the iJw outbox's catch-up ``uitbox.verzamel`` and the control system's rollup to
work on five years of history), so their decisions get their letters here, in bulk, keyed by the
decided object and the kind of letter (``Beschikking.besluittype``/``besluit_id``/``soort``):

| decision of the bulk history | route event it stands for | letter |
|---|---|---|
| keuzebudget allocation | ``toewijzing_aangemaakt`` | toewijzing |
| Wonen/Verblijf allocation | ``zorgtoewijzing_wonen`` | wonen |
| withdrawn allocation (also the allocation's own letter) | ``toewijzing_ingetrokken`` | intrekking |
| decided adjustment request (granted, partly, refused) | ``aanpassing_besloten`` | aanpassing |
| crisisopvolging request granted (known child) | ``crisisopvolging_toegewezen`` | crisisopvolging |
| crisisopvolging request refused (known child) | ``crisisopvolging_afgewezen`` | afwijzing |

Each letter is composed by the service's own ``maken.stel_beschikking_op`` from the service's own
readers (``besluit.lees_besluit``, given the rows read here for the whole region) and addressed by
``gezin.services.geadresseerden`` (once per child: the letters share the day; the family rows
read at once, ``Gezinsvoorraad``), numbered per
municipality and year in the order of the decisions as the service numbers them, dated today as
the catch-up dates them, not sent; a child nobody can be addressed for gets a
``WachtendeBeschikking`` with the service's reason. No PDF: it is rendered from the frozen content
at the first download (``pdf.zorg_voor_pdf``; WeasyPrint for every letter would take hours).
``tests/test_synthese_beschikkingen.py`` checks the letters against ``maak_beschikking`` cell for
cell. Idempotent: a decision that has its letter or waiting item is skipped."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from jeugdregie.beschikkingen.besluit import (
    AANPASSING_RELATIES,
    CRISIS_RELATIES,
    TOEWIJZING_RELATIES,
    Bron,
    Voorraad,
    lees_besluit,
)
from jeugdregie.beschikkingen.models import Beschikking, Volgnummer, WachtendeBeschikking
from jeugdregie.beschikkingen.services.inhalen import haal_in
from jeugdregie.beschikkingen.services.maken import nummer_tekst, stel_beschikking_op
from jeugdregie.beschikkingen.services.sjablonen import huidig_sjabloon
from jeugdregie.catalogus.models import tarieven_in_regio
from jeugdregie.common.opmaak import getal
from jeugdregie.common.tijd import vandaag
from jeugdregie.crisis.models import Crisisopvolgingsverzoek
from jeugdregie.gezin.services import GeenGeadresseerde, Gezinsvoorraad, geadresseerden
from jeugdregie.organisaties.models import Regio
from jeugdregie.toewijzingen.constants import AanpassingStatus, ToewijzingSoort, ToewijzingStatus, VerzoekStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing
from jeugdregie.verwijzingen.constants import Gebeurtenissoort
from jeugdregie.verwijzingen.models import Resultaat

BLOK = 2000


@dataclass(frozen=True)
class Bulkresultaat:
    gemaakt: int
    wachtend: int


def besluiten_zonder_brief() -> Iterator[tuple[Bron, object]]:
    """Every decision of the region without a letter or waiting item, with its object read."""
    bekend = set(Beschikking.objects.values_list("besluittype", "besluit_id", "soort"))
    bekend |= set(WachtendeBeschikking.objects.values_list("besluittype", "besluit_id", "soort"))

    def nieuw(bron: Bron) -> bool:
        return (bron.besluittype, bron.besluit_id, bron.soort) not in bekend

    toewijzingen = (
        Toewijzing.objects.exclude(soort=ToewijzingSoort.CRISISOPVOLGING)
        .select_related(*TOEWIJZING_RELATIES)
        .order_by("id")
    )
    for toewijzing in toewijzingen.iterator(chunk_size=BLOK):
        gemaakt = (
            Gebeurtenissoort.ZORGTOEWIJZING_WONEN
            if toewijzing.soort == ToewijzingSoort.WONEN_VERBLIJF
            else Gebeurtenissoort.TOEWIJZING_AANGEMAAKT
        )
        soorten = [gemaakt]
        if toewijzing.status == ToewijzingStatus.INGETROKKEN:
            soorten.append(Gebeurtenissoort.TOEWIJZING_INGETROKKEN)
        for soort in soorten:
            bron = Bron(gebeurtenissoort=soort, besluittype="toewijzing", besluit_id=toewijzing.pk)
            if nieuw(bron):
                yield bron, toewijzing
    aanvragen = (
        Aanpassingsaanvraag.objects.exclude(status=AanpassingStatus.INGEDIEND)
        .select_related(*AANPASSING_RELATIES)
        .order_by("id")
    )
    for aanvraag in aanvragen.iterator(chunk_size=BLOK):
        bron = Bron(Gebeurtenissoort.AANPASSING_BESLOTEN, "aanpassingsaanvraag", aanvraag.pk)
        if nieuw(bron):
            yield bron, aanvraag
    verzoeken = (
        Crisisopvolgingsverzoek.objects.filter(jeugdige__isnull=False)
        .exclude(status=VerzoekStatus.INGEDIEND)
        .select_related(*CRISIS_RELATIES)
        .order_by("id")
    )
    for verzoek in verzoeken.iterator(chunk_size=BLOK):
        if verzoek.status == VerzoekStatus.TOEGEWEZEN and verzoek.toewijzing_id is None:
            continue
        soort = (
            Gebeurtenissoort.CRISISOPVOLGING_TOEGEWEZEN
            if verzoek.status == VerzoekStatus.TOEGEWEZEN
            else Gebeurtenissoort.CRISISOPVOLGING_AFGEWEZEN
        )
        bron = Bron(soort, "crisisopvolgingsverzoek", verzoek.pk)
        if nieuw(bron):
            yield bron, verzoek


def _voorraad() -> Voorraad:
    resultaten: dict[int, list[str]] = defaultdict(list)
    for verwijzing_id, omschrijving in Resultaat.objects.order_by("id").values_list("verwijzing_id", "omschrijving"):
        resultaten[verwijzing_id].append(omschrijving)
    tarieven = {  # R-R1: per product and region the tariffs that hold there
        (product_id, regio_id): reeks
        for regio_id in Regio.objects.values_list("pk", flat=True)
        for product_id, reeks in tarieven_in_regio(regio_id).items()
    }
    return Voorraad(resultaten={k: tuple(v) for k, v in resultaten.items()}, tarieven=tarieven)


@transaction.atomic
def maak_bulkbeschikkingen() -> Bulkresultaat:
    """R-D1 for the bulk history: see the module docstring. All or nothing."""
    datum = vandaag()
    voorraad = _voorraad()
    besluiten = []
    for bron, obj in besluiten_zonder_brief():
        besluit = lees_besluit(bron, obj=obj, voorraad=voorraad)
        if besluit is not None:
            besluiten.append((besluit.besluitdatum, bron.besluittype, bron.besluit_id, bron, besluit))
    besluiten.sort(key=lambda rij: rij[:3])  # as the service's catch-up: the oldest decision first
    gezinnen = Gezinsvoorraad.lees(sorted({rij[-1].jeugdige.pk for rij in besluiten}))
    adressering: dict[int, list | str] = {}
    sjablonen: dict[int, object] = {}
    tellers: dict[int, Volgnummer] = {}
    brieven: list[Beschikking] = []
    wachtend: list[WachtendeBeschikking] = []
    for *_, bron, besluit in besluiten:
        jeugdige = besluit.jeugdige
        if jeugdige.pk not in adressering:
            try:
                adressering[jeugdige.pk] = geadresseerden(jeugdige, op=datum, voorraad=gezinnen)
            except GeenGeadresseerde as fout:
                adressering[jeugdige.pk] = str(fout)
        ontvangers = adressering[jeugdige.pk]
        if isinstance(ontvangers, str):
            wachtend.append(
                WachtendeBeschikking(
                    gemeente=besluit.gemeente,
                    jeugdige=jeugdige,
                    besluittype=bron.besluittype,
                    besluit_id=bron.besluit_id,
                    gebeurtenissoort=bron.gebeurtenissoort,
                    soort=besluit.soort,
                    reden=ontvangers,
                )
            )
            continue
        gemeente = besluit.gemeente
        if gemeente.pk not in sjablonen:
            sjablonen[gemeente.pk] = huidig_sjabloon(gemeente)
            tellers[gemeente.pk], _ = Volgnummer.objects.select_for_update().get_or_create(
                gemeente=gemeente, jaar=datum.year
            )
        teller = tellers[gemeente.pk]
        teller.laatste += 1
        brieven.append(
            stel_beschikking_op(
                bron=bron,
                besluit=besluit,
                ontvangers=ontvangers,
                sjabloon=sjablonen[gemeente.pk],  # type: ignore[arg-type]
                nummer=nummer_tekst(gemeente.cbs_code, datum.year, teller.laatste),
                datum=datum,
            )
        )
    Beschikking.objects.bulk_create(brieven, batch_size=BLOK)
    WachtendeBeschikking.objects.bulk_create(wachtend, batch_size=BLOK)
    Volgnummer.objects.bulk_update(tellers.values(), ["laatste"])
    return Bulkresultaat(gemaakt=len(brieven), wachtend=len(wachtend))


def maak_beschikkingen(*, melden: Callable[[str], None] = print) -> int:
    begin = timezone.now()
    uitkomst = haal_in()
    bulk = maak_bulkbeschikkingen()
    melden(
        f"beschikkingen: {getal(uitkomst.gemaakt + bulk.gemaakt)} gemaakt, "
        f"{getal(uitkomst.wachtend + bulk.wachtend)} wachten op een geadresseerde"
        + (f", {uitkomst.mislukt} mislukt" if uitkomst.mislukt else "")
        + f" in {getal((timezone.now() - begin).total_seconds(), 1)} s"
    )
    return uitkomst.gemaakt + bulk.gemaakt
