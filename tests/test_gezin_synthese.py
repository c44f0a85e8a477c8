"""Issue 20 §1 in the demo: every young person of the synthetic region gets parents or another
holder of gezag through the gezin service (``gezin.overname``), deterministically and once, so
every decision letter has addressees (R-D1 / Jeugdwet 7.3.4); the take-over checks like the
toegang's entries and refuses a bad family whole."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from django.db.models import Q

from jeugdregie.audit.models import AuditRegel
from jeugdregie.common.errors import DomainError
from jeugdregie.gezin.constants import Gezinsrol
from jeugdregie.gezin.models import Gezinslid
from jeugdregie.gezin.overname import Gezinsopgave, neem_gezinnen_over
from jeugdregie.gezin.services import Gezinsliddata, geadresseerden
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.synthese.regio import PEILDATUM, genereer_regio

from .builders.gezin import ADRES_OUDER
from .factories import JeugdigeFactory


def stil(_):
    pass


def _gezinnen():
    return sorted(Gezinslid.objects.values_list("jeugdige__bsn", "rol", "gezag", "voornamen", "achternaam", "kanaal"))


def test_demoregio_geeft_elk_kind_in_zorg_en_van_zwolle_een_gezin_met_geadresseerden(catalogus):
    """R-D1: on the peildatum every young person in care in the demo region, and every one of
    Zwolle (the demo's toegang), has addressees for a letter: below 12 a gezag holder, 12-16 the
    youth and a gezag holder, from 16 the youth. A second run adds nothing; the same seed gives
    the same families."""
    genereer_regio(peildatum=PEILDATUM, schaal=0.01, seed=5, melden=stil, met_trajecten=False)
    gekozen = Q(betrokkenheden__isnull=False) | Q(woonplaatsen__gemeente__cbs_code="0193", woonplaatsen__einddatum=None)
    kinderen = list(Jeugdige.objects.filter(gekozen).distinct())
    assert kinderen and {k.pk for k in kinderen} == set(Gezinslid.objects.values_list("jeugdige_id", flat=True))
    for kind in kinderen:
        rollen = [g.rol for g in geadresseerden(kind, op=PEILDATUM)]  # never GeenGeadresseerde
        assert rollen
    soorten = Counter(Gezinslid.objects.filter(gezag=True).values_list("rol", flat=True))
    assert soorten[Gezinsrol.OUDER] > len(kinderen)  # most children have two parents with gezag
    assert Gezinslid.objects.filter(gezag=False).exists()
    gezinnen = _gezinnen()
    genereer_regio(peildatum=PEILDATUM, schaal=0.01, seed=5, melden=stil, met_trajecten=False)
    assert _gezinnen() == gezinnen
    assert AuditRegel.objects.filter(objecttype="gezin.Gezinslid", actie="aanmaken").exists()


@pytest.mark.django_db
def test_overname_weigert_een_fout_gezin_helemaal():
    """Bad input: a family with three gezag holders (or a bad postcode) is refused with a Dutch
    message naming the child, and nothing of the batch is saved."""
    goed, fout = JeugdigeFactory(), JeugdigeFactory()
    ouder = Gezinsliddata(rol=Gezinsrol.OUDER, gezag=True, voornamen="Petra", achternaam="Bos", adres=ADRES_OUDER)
    opgaven = [
        Gezinsopgave(jeugdige_id=goed.pk, sinds=goed.geboortedatum, leden=(ouder,)),
        Gezinsopgave(jeugdige_id=fout.pk, sinds=fout.geboortedatum, leden=(ouder, ouder, ouder)),
    ]
    with pytest.raises(DomainError) as melding:
        neem_gezinnen_over(opgaven)
    assert melding.value.message == f"Jeugdige {fout.pk}: meer dan twee gezagsdragers."
    slecht_adres = Gezinsliddata(**{**ouder.__dict__, "adres": {**ADRES_OUDER, "postcode": "1"}})
    with pytest.raises(DomainError) as melding:
        neem_gezinnen_over(
            [opgaven[0], Gezinsopgave(jeugdige_id=fout.pk, sinds=date(2012, 1, 1), leden=(slecht_adres,))]
        )
    assert melding.value.message.startswith(f"Jeugdige {fout.pk}: Postcode moet vier cijfers")
    assert not Gezinslid.objects.exists()
    assert neem_gezinnen_over(opgaven[:1]) == 1 and neem_gezinnen_over(opgaven[:1]) == 0
