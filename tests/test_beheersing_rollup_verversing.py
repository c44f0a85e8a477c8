"""Issue 22 review F6: the task-based cells (TAA01–TAA03, R-R2) and the cells split by purchasing
level (R-R3) are refreshed by the queue, not only at the nightly rebuild. After the commit of a
start or stop reported under a task-based assignment (and of its withdrawal), of a paid term and
of a contract registration or change, the queue holds exactly the affected months (issue 18 §2:
"refreshes only the affected months"), and after ``werk_bij`` every cell equals a full rebuild.
The engine reads committed data, so these tests commit (``transaction=True``)."""

from datetime import date

import pytest

from jeugdregie.beheersing.constants import ALLE
from jeugdregie.beheersing.models import Cijfer, VerouderdePeriode
from jeugdregie.beheersing.services import rollup
from jeugdregie.catalogus.models import Product
from jeugdregie.organisaties.services import registreer_contract
from jeugdregie.taakgericht.models import Termijn
from jeugdregie.taakgericht.services import (
    betaal_termijn,
    meld_start,
    meld_stop,
    stel_betaalschema_op,
    trek_start_in,
    trek_stop_in,
    verwijs_naar_opdracht,
)
from jeugdregie.toewijzingen.models import Toewijzing

from .builders.beheersing import _jeugdige, _regel, _toewijzing
from .builders.taakgericht import mvs
from .factories import JeugdigeFactory
from .klok import op_de_dag

pytestmark = pytest.mark.django_db(transaction=True)

VANDAAG = date(2026, 6, 30)
SLEUTEL = {"productcode": "45A03", "begindatum": date(2026, 3, 2)}


def wachtrij() -> set[tuple[date, bool]]:
    return set(VerouderdePeriode.objects.values_list("maand", "route"))


def cellen(*, alleen=None) -> dict:
    """Every stored cell (totals and splits), or those of the codes in ``alleen``."""
    rijen = Cijfer.alle.all() if alleen is None else Cijfer.alle.filter(indicator__in=alleen)
    return {
        (c.indicator, c.periodesoort, c.periode, c.gemeente_id, c.aanbieder_id, c.categorie, c.inkoop, c.bekostiging): (
            c.teller,
            c.noemer,
        )
        for c in rijen
    }


def gelijk_aan_volledige_opbouw() -> None:
    """The cells as the queue left them equal those of a full rebuild, cell for cell."""
    assert not VerouderdePeriode.objects.exists()
    bijgewerkt = cellen()
    rollup.bouw_opnieuw()
    opnieuw = cellen()
    verschil = {k for k in bijgewerkt.keys() | opnieuw.keys() if bijgewerkt.get(k) != opnieuw.get(k)}
    assert not verschil, sorted(verschil, key=str)[:10]


@pytest.fixture
def opdracht(route):
    """The MVS assignment (Zwolle, Kampen; 45A03 from 2026) with its 2026 schedule, Mila of Zwolle
    referred to it, the rollup built and the queue empty."""
    with op_de_dag(VANDAAG):
        opdracht = mvs(route, bedrag="120000.00")
        stel_betaalschema_op(opdracht, 2026, door=route["gebruikers"]["contractmanager"])
        mila = JeugdigeFactory(gemeente=route["zwolle"], voornamen="Mila", achternaam="Maassluis")
        verwijs_naar_opdracht(opdracht=opdracht, jeugdige=mila, door=route["gebruikers"]["toegang"])
        rollup.bouw_opnieuw()
    route.update(opdracht=opdracht, mila=mila, nemer=route["gebruikers"]["opdrachtnemer"])
    assert not VerouderdePeriode.objects.exists()
    return route


def _taa(code: str, maand: date, gemeente) -> tuple:
    """Numerator of a TAA month cell of ``gemeente`` (None: no cell)."""
    cel = Cijfer.objects.filter(
        indicator=code, periodesoort="maand", periode=maand, gemeente=gemeente, aanbieder=None, categorie=ALLE
    ).first()
    return cel.teller if cel else None


def test_start_stop_en_intrekken_zetten_hun_maand_in_de_wachtrij_en_verversen_taa(opdracht):
    """Issue 22 review F6, R-R2 (TAA01, TAA02): a start queues its begindatum's month, a stop its
    einddatum's month, the withdrawal of a stop and of a start the month of what they removed —
    as route months, so ``werk_bij`` recomputes the task-based indicators; nothing else is
    queued, and after each ``werk_bij`` the cells equal a full rebuild."""
    r, zwolle = opdracht, opdracht["zwolle"]
    basis = {"opdracht": r["opdracht"], "bsn": r["mila"].bsn, "door": r["nemer"], **SLEUTEL}
    stop = {"einddatum": date(2026, 5, 20), "reden": "31"}
    with op_de_dag(VANDAAG):
        meld_start(**basis)
        assert wachtrij() == {(date(2026, 3, 1), True)}
        rollup.werk_bij()
        assert _taa("TAA01", date(2026, 3, 1), zwolle) == 1
        gelijk_aan_volledige_opbouw()

        meld_stop(**basis, **stop)
        assert wachtrij() == {(date(2026, 5, 1), True)}
        rollup.werk_bij()
        assert _taa("TAA02", date(2026, 5, 1), zwolle) == 1
        gelijk_aan_volledige_opbouw()

        trek_stop_in(**basis, **stop)
        assert wachtrij() == {(date(2026, 5, 1), True)}
        rollup.werk_bij()
        assert _taa("TAA02", date(2026, 5, 1), zwolle) is None
        gelijk_aan_volledige_opbouw()

        trek_start_in(**basis)
        assert wachtrij() == {(date(2026, 3, 1), True)}
        rollup.werk_bij()
        assert _taa("TAA01", date(2026, 3, 1), zwolle) is None
        gelijk_aan_volledige_opbouw()


def test_een_geweigerde_melding_zet_niets_in_de_wachtrij(opdracht):
    """Issue 22 review F6: the queue follows the commit — a refused stop (no such start) queues
    nothing."""
    from jeugdregie.common.errors import DomainError

    r = opdracht
    with op_de_dag(VANDAAG), pytest.raises(DomainError):
        meld_stop(
            opdracht=r["opdracht"],
            bsn=r["mila"].bsn,
            door=r["nemer"],
            einddatum=date(2026, 5, 20),
            reden="31",
            **SLEUTEL,
        )
    assert not VerouderdePeriode.objects.exists()


def test_betaalde_termijn_zet_de_maand_van_de_termijn_in_de_wachtrij(opdracht):
    """Issue 22 review F6, R-R2 (TAA03): a term paid (on the server's date, in December) queues
    the term's own month, April, and nothing else; after ``werk_bij`` Zwolle's April spend is
    its share of the term and every cell equals a full rebuild."""
    r = opdracht
    termijn = Termijn.objects.get(opdracht=r["opdracht"], jaar=2026, volgnummer=4)
    with op_de_dag(date(2026, 12, 7)):
        betaal_termijn(termijn, door=r["gebruikers"]["financieel"])
        assert wachtrij() == {(date(2026, 4, 1), True)}
        rollup.werk_bij()
        aandeel = termijn.aandelen.get(gemeente=r["zwolle"]).bedrag
        assert _taa("TAA03", date(2026, 4, 1), r["zwolle"]) == aandeel
        gelijk_aan_volledige_opbouw()


def _lokaal(code: str, maand: date, gemeente) -> tuple:
    cel = Cijfer.alle.filter(
        indicator=code,
        periodesoort="maand",
        periode=maand,
        gemeente=gemeente,
        aanbieder=None,
        categorie=ALLE,
        inkoop="lokaal",
        bekostiging=ALLE,
    ).first()
    return cel.teller if cel else None


def test_lokaal_contract_zet_alleen_de_maanden_van_de_geraakte_toewijzingen_in_de_wachtrij(route):
    """Issue 22 review F6, R-R3: a local contract of Zwolle with the first provider for 45A03
    from March to June 2025 can make lokaal only that provider's allocations of Zwolle that
    begin in that period. The queue holds the months where their rows count — the start, the
    approved lines, the stop — and none of the months of the allocations that cannot change (of
    Deventer, of the other provider, beginning before the contract); after ``werk_bij`` their
    split cells say lokaal and every cell equals a full rebuild."""
    kind = _jeugdige(route)
    geraakt = _toewijzing(
        route,
        jeugdige=kind,
        begindatum=date(2025, 4, 1),
        start=date(2025, 4, 7),
        stop=date(2025, 9, 12),
        product=Product.objects.get(code="45A03"),
    )
    _regel(geraakt, maand=(2025, 5))
    _regel(geraakt, maand=(2025, 7))
    ongeraakt = [
        _toewijzing(route, jeugdige=_jeugdige(route, "deventer"), begindatum=date(2025, 4, 1), start=date(2025, 11, 3)),
        _toewijzing(route, jeugdige=kind, aanbieder="andere_aanbieder", start=date(2025, 11, 3)),
        _toewijzing(route, jeugdige=kind, begindatum=date(2025, 1, 6), start=date(2025, 11, 3)),
    ]
    Toewijzing.objects.filter(pk__in=[t.pk for t in ongeraakt]).update(begindatum=date(2025, 4, 1))
    Toewijzing.objects.filter(pk=ongeraakt[2].pk).update(begindatum=date(2025, 2, 1))
    for toewijzing in ongeraakt:
        _regel(toewijzing, maand=(2025, 12))
    rollup.bouw_opnieuw()
    assert _lokaal("CON01", date(2025, 4, 1), route["zwolle"]) is None

    registreer_contract(
        aanbieder=route["aanbieder"],
        nummer="L-ZWOLLE",
        begindatum=date(2025, 3, 1),
        einddatum=date(2025, 6, 30),
        productcodes=["45A03"],
        gemeente=route["zwolle"],
    )
    assert wachtrij() == {(date(2025, m, 1), True) for m in (4, 5, 7, 9)}
    rollup.werk_bij()
    assert _lokaal("CON01", date(2025, 4, 1), route["zwolle"]) == 1
    assert _lokaal("KOS01", date(2025, 5, 1), route["zwolle"]) == 100
    assert _lokaal("CON03", date(2025, 9, 1), route["zwolle"]) == 1
    gelijk_aan_volledige_opbouw()


def test_regionaal_contract_verandert_geen_inkoopniveau_en_zet_niets_in_de_wachtrij(route):
    """R-R3: only a local contract makes an allocation lokaal; a regional one queues nothing."""
    _toewijzing(route, begindatum=date(2025, 4, 1), start=date(2025, 4, 7))
    registreer_contract(
        aanbieder=route["aanbieder"],
        nummer="R-2025",
        begindatum=date(2025, 3, 1),
        einddatum=None,
        productcodes=["45A03"],
    )
    assert not VerouderdePeriode.objects.exists()


def test_contract_wijzigen_in_de_beheeromgeving_zet_de_maanden_van_voor_en_na_in_de_wachtrij(client, route):
    """Issue 22 review F6, R-R3: the beheerder moves the local contract's begindatum past the
    allocation's begindatum in the admin; the contract as it was and as it is are published, so
    the months of the allocation that is no longer lokaal are queued, and after ``werk_bij`` its
    cells are regional again and equal a full rebuild."""
    from jeugdregie.organisaties.models import Contract
    from jeugdregie.synthese.demogebruikers import beheerdersgroep

    geraakt = _toewijzing(
        route, begindatum=date(2025, 4, 1), start=date(2025, 4, 7), product=Product.objects.get(code="45A03")
    )
    _regel(geraakt, maand=(2025, 5))
    contract = registreer_contract(
        aanbieder=route["aanbieder"],
        nummer="L-ZWOLLE",
        begindatum=date(2025, 3, 1),
        einddatum=date(2025, 6, 30),
        productcodes=["45A03"],
        gemeente=route["zwolle"],
    )
    rollup.bouw_opnieuw()
    assert _lokaal("CON01", date(2025, 4, 1), route["zwolle"]) == 1
    beheerder = route["gebruikers"]["beheerder"]
    beheerder.is_staff = True
    beheerder.save()
    beheerder.groups.add(beheerdersgroep())
    client.force_login(beheerder)
    [regel] = contract.producten.all()
    antwoord = client.post(
        f"/beheer/organisaties/contract/{contract.pk}/change/",
        {
            "aanbieder": contract.aanbieder_id,
            "regio": contract.regio_id,
            "gemeente": contract.gemeente_id,
            "nummer": contract.nummer,
            "begindatum": "2025-05-01",
            "einddatum": "2025-06-30",
            "producten-TOTAL_FORMS": "1",
            "producten-INITIAL_FORMS": "1",
            "producten-0-id": regel.pk,
            "producten-0-contract": contract.pk,
            "producten-0-product": regel.product_id,
            "producten-0-begindatum": "2025-05-01",
            "producten-0-einddatum": "2025-06-30",
            "inschrijvingen-TOTAL_FORMS": "0",
            "inschrijvingen-INITIAL_FORMS": "0",
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    assert Contract.objects.get(pk=contract.pk).begindatum == date(2025, 5, 1)
    # its start (April), its line (May) and its closing at its end (December: KOS03, WER07)
    assert wachtrij() == {(date(2025, m, 1), True) for m in (4, 5, 12)}
    rollup.werk_bij()
    assert _lokaal("CON01", date(2025, 4, 1), route["zwolle"]) is None
    gelijk_aan_volledige_opbouw()
