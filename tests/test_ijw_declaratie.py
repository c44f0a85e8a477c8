"""JW323 declaratie in, JW325 declaratie-antwoord out (issue 5 §2, §4; R-M1, R-B2; IV087, IV088).
The lines are judged by the one declarations service; JW325 lists only the rejected Prestaties
with their WJ001 code, or 8001 when everything is granted."""

from datetime import date
from decimal import Decimal

from lxml import etree

from jeugdregie.budgetten.constants import VASTLEGGINGEN
from jeugdregie.budgetten.models import Budgetmutatie, Budgetstand
from jeugdregie.declaraties.models import Declaratie, Declaratieregel
from jeugdregie.ijw.constants import Berichtstatus
from jeugdregie.ijw.models import Bericht
from jeugdregie.ijw.services.ontvangen import ontvang
from jeugdregie.ijw.xml.schemas import is_geldig

from .builders.ijw.declaratie import CENT, NS, _antwoord, jw323, prestatie
from .builders.route import gestart


def stuur(route, data):
    return ontvang(data, door=route["gebruikers"]["aanbieder"])


def _goedgekeurd(toewijzing):
    return Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd


def _niets_vastgelegd():
    assert not Declaratie.objects.exists() and not Declaratieregel.objects.exists()
    # the allocation's own commitment (R-B7) is there from the decision on; nothing was spent
    assert not Budgetstand.objects.exclude(goedgekeurd=0).exists()
    assert not Budgetmutatie.objects.exclude(soort__in=VASTLEGGINGEN).exists()


def test_volledig_toegekende_declaratie_krijgt_8001(route):
    """R-M1, IV087: everything granted -> header 0200, DeclaratieAntwoord 8001, both totals the
    submitted total, no Prestaties listed; the lines are approved through the declarations
    service (R-B2) and the budget ledger moves (R-B5)."""
    tw = gestart(route)
    data = jw323(route, [prestatie(tw, "R1", begin=date(2026, 3, 2), maand=(2026, 3)), prestatie(tw, "R2")])
    ontvangst = stuur(route, data)
    assert _antwoord(ontvangst) == (["0200"], ["8001"], 2 * 10 * CENT, 2 * 10 * CENT, [])
    declaratie = Declaratie.objects.get()
    assert (declaratie.nummer, declaratie.bron, declaratie.goedgekeurd_bedrag) == ("DN1", "jw323", Decimal("1720.00"))
    assert list(declaratie.regels.values_list("referentie", "status", "eenheid")) == [
        ("R1", "goedgekeurd", "uur"),
        ("R2", "goedgekeurd", "uur"),
    ]
    assert _goedgekeurd(tw) == Decimal("1720.00")
    assert (ontvangst.bericht.status, ontvangst.bericht.declaratie, ontvangst.retour.declaratie) == (
        Berichtstatus.VERWERKT,
        declaratie,
        declaratie,
    )
    assert ontvangst.bericht.fouten == []


def test_mix_van_regels_geeft_jw325_met_precies_de_afgewezen_prestaties(route):
    """Issue 5 §8, IV087, TR342: good lines, over budget (TR369 9369), before the allocation
    (TR307 9307), a reference already approved (TR314 8021) and a credit without a debit (TR323
    8017): the JW325 lists exactly the four rejected Prestaties with their codes, the good line
    is approved, and the ledger moved only for what was approved."""
    tw = gestart(route)  # keuzebudget € 3000 from 2026-03-02 (TR387: March begins there), care from 2026-03-09
    stuur(
        route,
        jw323(route, [prestatie(tw, "R0", begin=date(2026, 3, 2), maand=(2026, 3))], identificatie="D-0", nummer="DN0"),
    )
    assert _goedgekeurd(tw) == Decimal("860.00")
    regels = [
        prestatie(tw, "R1"),  # April: approved, € 860
        prestatie(tw, "R2", maand=(2026, 5), uren=20),  # € 1720: 860 + 860 + 1720 > 3000
        prestatie(tw, "R3", maand=(2026, 2)),  # before the allocation began
        prestatie(tw, "R0", maand=(2026, 6)),  # R0 was approved in DN0
        prestatie(tw, "R4", maand=(2026, 7), dc="C", vorig="ONBEKEND"),
    ]
    ontvangst = stuur(route, jw323(route, regels))
    ingediend = (10 + 20 + 10 + 10 - 10) * CENT
    assert _antwoord(ontvangst) == (
        ["0200"],
        ["0200"],
        ingediend,
        10 * CENT,
        [("R2", ["9369"]), ("R3", ["9307"]), ("R0", ["8021"]), ("R4", ["8017"])],
    )
    root = etree.fromstring(ontvangst.retour_xml)
    assert [c.text for c in root.findall(".//m:Client/m:RetourCodes/m:RetourCode", NS)] == ["0200"]
    declaratie = Declaratie.objects.get(nummer="DN1")
    assert list(declaratie.regels.order_by("volgnummer").values_list("referentie", "status")) == [
        ("R1", "goedgekeurd"),
        ("R2", "afgekeurd"),
        ("R3", "afgekeurd"),
        ("R0", "afgekeurd"),
        ("R4", "afgekeurd"),
    ]
    assert _goedgekeurd(tw) == Decimal("1720.00")
    assert list(Budgetmutatie.objects.filter(soort="goedgekeurd").order_by("id").values_list("bedrag", flat=True)) == [
        Decimal("860.00"),
        Decimal("860.00"),
    ]
    assert ontvangst.bericht.status == Berichtstatus.AFGEKEURD
    assert [(f["sleutel"], f["codes"]) for f in ontvangst.bericht.fouten] == [
        ("R2", ["9369"]),
        ("R3", ["9307"]),
        ("R0", ["8021"]),
        ("R4", ["8017"]),
    ]


def test_herhaald_jw323_geeft_dezelfde_jw325_en_keurt_niets_dubbel_goed(route):
    """R-M1, TR056, issue 5 §5: the same message again returns the original JW325 byte for byte
    and approves nothing twice."""
    tw = gestart(route)
    data = jw323(route, [prestatie(tw, "R1"), prestatie(tw, "R2", maand=(2026, 2))])
    eerste = stuur(route, data)
    tweede = stuur(route, data)
    assert tweede.herhaald and tweede.retour_xml == eerste.retour_xml
    assert Declaratieregel.objects.count() == 2 and Declaratieregel.objects.filter(status="goedgekeurd").count() == 1
    assert _goedgekeurd(tw) == Decimal("860.00")
    assert Bericht.objects.filter(berichttype="JW325").count() == 1


def _alleen_header_0001(ontvangst, regel):
    root = etree.fromstring(ontvangst.retour_xml)
    assert is_geldig(root, "JW325")
    assert [etree.QName(el).localname for el in root] == ["Header"]
    assert _antwoord(ontvangst)[0] == ["0001"]
    assert ontvangst.bericht.status == Berichtstatus.AFGEKEURD and ontvangst.bericht.retourcodes == ["0001"]
    [fout] = ontvangst.bericht.fouten
    assert fout["codes"] == ["0001"] and fout["toelichting"].startswith(f"{regel}:")


def test_totaal_ongelijk_aan_som_geeft_alleen_header_0001(route):
    """TR358, IV088 level 2: TotaalIngediendBedrag must equal Σ debet − Σ credit; otherwise the
    answer is the header with 0001 and nothing is stored."""
    tw = gestart(route)
    ontvangst = stuur(route, jw323(route, [prestatie(tw, "R1")], totaal=10 * CENT + 1))
    _alleen_header_0001(ontvangst, "TR358")  # the standard's stylesheet judges it (issue 15 §1)
    assert "regel TR358 van de iJw-standaard" in ontvangst.bericht.fouten[0]["toelichting"]
    _niets_vastgelegd()


def test_ongeldig_bsn_geeft_alleen_header_0001(route):
    """CS002 (issue 5 §7), IV088 level 2: a BSN failing the 11-proef -> 0001, nothing stored."""
    tw = gestart(route)
    ontvangst = stuur(route, jw323(route, [prestatie(tw, "R1", bsn="123456789")]))
    _alleen_header_0001(ontvangst, "CS002")
    _niets_vastgelegd()


def test_dubbele_referentie_in_het_bericht_geeft_alleen_header_0001(route):
    """TR101, IV088 level 2: a ProductReferentie twice in one message -> 0001, nothing stored."""
    tw = gestart(route)
    ontvangst = stuur(route, jw323(route, [prestatie(tw, "R1"), prestatie(tw, "R1", maand=(2026, 5))]))
    _alleen_header_0001(ontvangst, "TR101")
    _niets_vastgelegd()


def test_credit_van_debet_uit_hetzelfde_bericht_geeft_0001(route):
    """TR316, IV086: a debit may not be credited in its own message -> 0001, nothing stored."""
    tw = gestart(route)
    regels = [prestatie(tw, "R1"), prestatie(tw, "C1", dc="C", vorig="R1")]
    _alleen_header_0001(stuur(route, jw323(route, regels)), "TR316")
    _niets_vastgelegd()


def test_productperiode_over_twee_maanden_geeft_0001(route):
    """CS337, IV088 level 2: a ProductPeriode within one calendar month."""
    tw = gestart(route)
    regel = prestatie(tw, "R1", einde=date(2026, 5, 3))
    _alleen_header_0001(stuur(route, jw323(route, [regel])), "CS337")
    _niets_vastgelegd()


def test_tweede_debet_voor_dezelfde_periode_in_het_bericht_geeft_0001(route):
    """TR416, IV088 level 2: two debit Prestaties for the same allocation, product and
    ProductPeriode in one message -> 0001, nothing stored."""
    tw = gestart(route)
    _alleen_header_0001(stuur(route, jw323(route, [prestatie(tw, "R1"), prestatie(tw, "R2")])), "TR416")
    _niets_vastgelegd()


def test_hergebruikt_declaratienummer_krijgt_9333(route):
    """TR333, IV087: a DeclaratieNummer used before -> 9333 on DeclaratieAntwoord, nothing
    granted (TotaalToegekendBedrag 0), nothing of the second message stored."""
    tw = gestart(route)
    stuur(route, jw323(route, [prestatie(tw, "R1")], identificatie="D-1"))
    ontvangst = stuur(route, jw323(route, [prestatie(tw, "R2", maand=(2026, 5))], identificatie="D-2"))
    assert _antwoord(ontvangst) == (["0200"], ["9333"], 10 * CENT, 0, [])
    assert list(Declaratieregel.objects.values_list("referentie", flat=True)) == ["R1"]
    assert _goedgekeurd(tw) == Decimal("860.00")
    assert ontvangst.bericht.fouten[0]["codes"] == ["9333"]


def test_credit_neemt_toegekende_debet_terug(route):
    """IV091, TR323: a credit with VorigReferentieNummer = the approved debit's reference takes
    it back in full: granted (8001), total credit, the ledger returns to 0."""
    tw = gestart(route)
    stuur(route, jw323(route, [prestatie(tw, "R1")], identificatie="D-1", nummer="DN1"))
    credit = prestatie(tw, "C1", dc="C", vorig="R1")
    ontvangst = stuur(route, jw323(route, [credit], identificatie="D-2", nummer="DN2"))
    assert _antwoord(ontvangst) == (["0200"], ["8001"], -10 * CENT, -10 * CENT, [])
    assert Declaratieregel.objects.get(referentie="C1").credit_van.referentie == "R1"
    assert _goedgekeurd(tw) == Decimal("0.00")


def test_eenheid_minuut_past_niet_bij_uurproduct(route):
    """TR341: WJ756 Eenheid 01 (minuut) for a product declared per hour -> 9341 on the line."""
    tw = gestart(route)
    regel = prestatie(tw, "R1", uren=600, eenheid="01", tarief=143, bedrag=600 * 143)
    ontvangst = stuur(route, jw323(route, [regel]))
    assert _antwoord(ontvangst) == (["0200"], ["0200"], 600 * 143, 0, [("R1", ["9341"])])
    assert not Budgetmutatie.objects.filter(soort="goedgekeurd").exists()
