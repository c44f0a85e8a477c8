"""R-D1 (issue 20 §2) for the synthetic region: every toegang decision of the bulk history gets
its beschikking in bulk during region generation, and each bulk letter (or waiting item) is what
the service ``maak_beschikking`` makes for the same decision, cell for cell."""

from collections import Counter

import pytest

from jeugdregie.beschikkingen.besluit import Bron
from jeugdregie.beschikkingen.constants import SOORT_PER_GEBEURTENIS
from jeugdregie.beschikkingen.models import Beschikking, Volgnummer, WachtendeBeschikking
from jeugdregie.beschikkingen.services.maken import maak_beschikking
from jeugdregie.crisis.models import Crisisopvolgingsverzoek
from jeugdregie.gezin.models import Contactvoorkeur, Gezinslid
from jeugdregie.jeugdigen.models import Adres, Jeugdige
from jeugdregie.synthese.beschikkingen import maak_bulkbeschikkingen
from jeugdregie.synthese.regio import PEILDATUM, genereer_regio
from jeugdregie.toewijzingen.constants import AanpassingStatus, ToewijzingSoort, ToewijzingStatus, VerzoekStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing
from jeugdregie.verwijzingen.models import Gebeurtenis

from .klok import op_de_dag

SCHAAL, SEED = 0.01, 7
VELDEN = (
    "gemeente_id",
    "jeugdige_id",
    "gebeurtenis_id",
    "besluittype",
    "besluit_id",
    "gebeurtenissoort",
    "soort",
    "nummer",
    "datum",
    "sjabloon_id",
    "geadresseerden",
    "aanbieder_id",
    "inhoud",
    "pdf",
    "verzonden_op",
    "kanaal",
)
WACHTVELDEN = ("gemeente_id", "jeugdige_id", "gebeurtenis_id", "besluittype", "besluit_id", "soort", "reden")


def stil(_regel: str) -> None:
    pass


@pytest.fixture
def regio(catalogus, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with op_de_dag(PEILDATUM):
        genereer_regio(peildatum=PEILDATUM, schaal=SCHAAL, seed=SEED, melden=stil)


def _sleutels(model) -> Counter:
    return Counter(model.objects.values_list("besluittype", "besluit_id", "soort"))


def test_elk_besluit_van_de_regio_heeft_een_brief_of_wacht(regio):
    """R-D1: after generation every toegang decision of the region (allocation, Wonen, withdrawal,
    decided adjustment, crisisopvolging decision about a known child, and every decision event
    row) has exactly one letter or one waiting item."""
    verwacht = set()
    for pk, soort, status in Toewijzing.objects.exclude(soort=ToewijzingSoort.CRISISOPVOLGING).values_list(
        "pk", "soort", "status"
    ):
        verwacht.add(("toewijzing", pk, "wonen" if soort == ToewijzingSoort.WONEN_VERBLIJF else "toewijzing"))
        if status == ToewijzingStatus.INGETROKKEN:
            verwacht.add(("toewijzing", pk, "intrekking"))
    for pk in Aanpassingsaanvraag.objects.exclude(status=AanpassingStatus.INGEDIEND).values_list("pk", flat=True):
        verwacht.add(("aanpassingsaanvraag", pk, "aanpassing"))
    for pk, status in Crisisopvolgingsverzoek.objects.filter(jeugdige__isnull=False).values_list("pk", "status"):
        if status == VerzoekStatus.TOEGEWEZEN:
            verwacht.add(("crisisopvolgingsverzoek", pk, "crisisopvolging"))
        elif status == VerzoekStatus.AFGEWEZEN:
            verwacht.add(("crisisopvolgingsverzoek", pk, "afwijzing"))
    for g in Gebeurtenis.objects.filter(gebeurtenis__in=list(SOORT_PER_GEBEURTENIS)):
        if g.objecttype != "aanmelding":
            verwacht.add((g.objecttype, g.object_id, str(SOORT_PER_GEBEURTENIS[g.gebeurtenis])))
    brieven, wachtend = _sleutels(Beschikking), _sleutels(WachtendeBeschikking)
    assert len(verwacht) > 100 and Beschikking.objects.filter(gebeurtenis__isnull=True).count() > 100
    assert max((brieven + wachtend).values()) == 1  # one letter or one waiting item, never both
    assert verwacht <= set(brieven) | set(wachtend)
    assert len(set(Beschikking.objects.values_list("nummer", flat=True))) == Beschikking.objects.count()
    with op_de_dag(PEILDATUM):
        genereer_regio(peildatum=PEILDATUM, schaal=SCHAAL, seed=SEED, melden=stil)  # idempotent
    assert _sleutels(Beschikking) == brieven


def _terug_naar_voor_de_bulk(bulk) -> None:
    """The municipalities' counters back to before the bulk letters (they are consecutive)."""
    for teller in Volgnummer.objects.all():
        nummers = [
            int(n.rsplit("-", 1)[1])
            for n in bulk.filter(gemeente_id=teller.gemeente_id).values_list("nummer", flat=True)
        ]
        if nummers:
            assert sorted(nummers) == list(range(min(nummers), max(nummers) + 1)) and max(nummers) == teller.laatste
            teller.laatste = min(nummers) - 1
            teller.save()


def test_bulkbrieven_zijn_wat_de_dienst_maakt(regio):
    """R-D1: each bulk letter (no event row) equals, cell for cell, the letter ``maak_beschikking``
    makes for the same decision on the same day: number (per municipality, in the same order),
    addressees (Jeugdwet 7.3.4), template version, frozen facts and text; a decision whose child
    has nobody to address waits with the service's reason. One child loses its addressable
    party first, so the waiting path is compared too."""
    bulk = Beschikking.objects.filter(gebeurtenis__isnull=True)
    _terug_naar_voor_de_bulk(bulk)
    kind = Jeugdige.objects.get(pk=bulk.values_list("jeugdige_id", flat=True).first())
    bulk.delete()
    Gezinslid.objects.filter(jeugdige=kind).delete()
    Contactvoorkeur.objects.filter(jeugdige=kind).delete()
    Adres.objects.filter(jeugdige=kind).delete()
    with op_de_dag(PEILDATUM):
        uitkomst = maak_bulkbeschikkingen()
    assert uitkomst.wachtend >= 1 and WachtendeBeschikking.objects.filter(jeugdige=kind).exists()
    brieven = list(bulk.order_by("gemeente_id", "nummer").values(*VELDEN))
    wachtend = sorted(
        WachtendeBeschikking.objects.filter(gebeurtenis__isnull=True).values(*WACHTVELDEN, "gebeurtenissoort"),
        key=lambda w: (w["besluittype"], w["besluit_id"], w["soort"]),
    )
    assert brieven and wachtend
    _terug_naar_voor_de_bulk(bulk)
    bulk.delete()
    WachtendeBeschikking.objects.filter(gebeurtenis__isnull=True).delete()
    with op_de_dag(PEILDATUM):
        for rij in [*brieven, *wachtend]:
            maak_beschikking(bron=Bron(rij["gebeurtenissoort"], rij["besluittype"], rij["besluit_id"]))
    assert (
        list(Beschikking.objects.filter(gebeurtenis__isnull=True).order_by("gemeente_id", "nummer").values(*VELDEN))
        == brieven
    )
    opnieuw = sorted(
        WachtendeBeschikking.objects.filter(gebeurtenis__isnull=True).values(*WACHTVELDEN, "gebeurtenissoort"),
        key=lambda w: (w["besluittype"], w["besluit_id"], w["soort"]),
    )
    assert opnieuw == wachtend
