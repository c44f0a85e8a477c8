"""Inbound messages judged by the standard's stylesheet (issue 15 §1): for each rule in the
table, one of the standard's own example messages with exactly that fault is answered with the
retourcode the standard gives the rule (WJ001; 0001 header-only for the stylesheet's rules),
nothing is processed. Where the product also checks the rule itself (CS002, CS003, TR101, TR358,
TR383 …) the stylesheet judges first: the test shows its code is the standard's."""

import copy

import pytest
from lxml import etree

from jeugdregie.ijw.constants import Berichtstatus
from jeugdregie.ijw.models import Bericht
from jeugdregie.ijw.services.ontvangen import ontvang
from jeugdregie.ijw.xml.inhoud import RETOURCODE, controleer_inhoud
from jeugdregie.ijw.xml.kop import als_bytes
from jeugdregie.ijw.xml.schemas import MAP, valideer
from jeugdregie.ijw.xml.veilig import lees
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzingsverzoek


def _alle(root, naam):
    return list(root.iter(f"{{*}}{naam}"))


def _zet(naam, waarde, nummer=0):
    def wijzig(root):
        _alle(root, naam)[nummer].text = waarde

    return wijzig


def _verwijder(naam, nummer=0):
    def wijzig(root):
        element = _alle(root, naam)[nummer]
        element.getparent().remove(element)

    return wijzig


BASIS = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"


def _voeg_in(naam, nieuw, waarde, nummer=0, *, voor=False, basis=False):
    """A new element ``nieuw`` right after (or before) the ``nummer``-th ``naam``, in the
    message's namespace or the basisschema's."""

    def wijzig(root):
        element = _alle(root, naam)[nummer]
        ns = BASIS if basis else etree.QName(element).namespace
        extra = etree.Element(f"{{{ns}}}{nieuw}")
        extra.text = waarde
        (element.addprevious if voor else element.addnext)(extra)

    return wijzig


def _kopieer(naam, nummer=0):
    """The class ``naam`` once more, right after itself (to be changed after)."""

    def wijzig(root):
        element = _alle(root, naam)[nummer]
        element.addnext(copy.deepcopy(element))

    return wijzig


def _verdubbel(naam):
    """The class ``naam`` twice, identical (a duplicate line, TR101)."""

    def wijzig(root):
        element = _alle(root, naam)[0]
        element.addnext(copy.deepcopy(element))

    return wijzig


def _samen(*wijzigingen):
    def wijzig(root):
        for w in wijzigingen:
            w(root)

    return wijzig


# The examples' own faults (SOURCE.txt), repaired so the base message passes.
HERSTEL = {
    "JW315": _samen(*(_zet("ToewijzingEinddatum", "2027-06-30", i) for i in range(2))),
    "JW317": _zet("Einddatum", "2027-02-28"),
    "JW323": _zet("ReferentieNummer", "RN005", 4),  # RN004 twice (TR101)
}

# (message type, rule, the one fault) — every rule the stylesheet checks in a type we accept
# (the README's rule table), and TR319, whose WJ001 code is not 0001. Some faults cannot come
# alone: a repeated ReferentieAanbieder is also a duplicate line (TR383 with TR101), Budget next
# to Omvang breaks both directions of the pair (CD077, CD078); all of them answer 0001.
SAMEN_MET = {"TR383": {"TR101"}, "CD077": {"CD078"}, "CD078": {"CD077"}}
# the second product of the JW315 example moved past the first, so leaving out its Product or
# end date does not make it overlap the first (TR386)
NA_HET_EERSTE = _zet("ToewijzingIngangsdatum", "2027-07-01", 1)
REGELS = [
    ("JW305", "CS002", _zet("Bsn", "123456789")),
    ("JW307", "CS002", _zet("Bsn", "123456789")),
    ("JW315", "CS002", _zet("Bsn", "123456789")),
    ("JW317", "CS002", _zet("Bsn", "123456789")),
    ("JW323", "CS002", _zet("Bsn", "123456789")),
    ("JW305", "TR101", _verdubbel("StartProduct")),
    ("JW305", "TR134", _zet("Begindatum", "2026-05-01")),
    ("JW315", "CS003", _zet("ToewijzingEinddatum", "2026-03-01")),
    ("JW315", "TR383", _zet("ReferentieAanbieder", "40A12341234", 1)),
    ("JW317", "CS003", _zet("Einddatum", "2026-10-01")),
    ("JW323", "TR358", _zet("TotaalBedrag", "79001")),
    ("JW323", "TR101", _zet("ReferentieNummer", "RN004", 2)),
    ("JW305", "CS058", _zet("StatusAanlevering", "2")),
    ("JW307", "TR018", _zet("Einddatum", "2026-01-01")),
    ("JW315", "CD041", _verwijder("Omvang")),
    ("JW315", "CD043", _verwijder("BeschikkingIngangsdatum")),
    ("JW315", "CS343", _zet("Frequentie", "1")),
    ("JW317", "TR352", _verwijder("OngewijzigdeProducten")),
    ("JW317", "TR353", _verwijder("NieuweProducten")),
    ("JW323", "CD087", _verwijder("ProductTarief")),
    ("JW305", "TR002", _zet("Datum", "1900-01-01")),
    ("JW307", "CS058", _zet("StatusAanlevering", "2")),
    # the second product in another category, so the first without Code does not stack (TR386)
    ("JW315", "CD095", _samen(_verwijder("Code"), _zet("Categorie", "45", 1), _zet("Code", "45A03"))),
    ("JW317", "CD096", _verwijder("Code")),
    ("JW323", "CS340", _zet("Begindatum", "2026-04-02")),
    ("JW323", "CS337", _zet("Begindatum", "2026-03-31", 1)),
    ("JW323", "CD060", _samen(_zet("DebetCredit", "C", 1), _zet("TotaalBedrag", "69000"))),
    ("JW323", "TR319", _samen(_zet("Begindatum", "2026-03-01"), _zet("Einddatum", "2026-03-31"))),
    # the referrer (JW315 Verwijzer): a GP (02) with both AGB code and name, without either; the
    # municipality (01) with an AGB code
    ("JW315", "CD066", _voeg_in("ZorgverlenerCode", "Naam", "Dr. Jansen", voor=True, basis=True)),
    ("JW315", "CD067", _verwijder("ZorgverlenerCode")),
    ("JW315", "CD068", _voeg_in("Naam", "ZorgverlenerCode", "12345678", 1, basis=True)),
    # size: a budget without an end date; Frequentie 2 (per week) without an end date; Budget next
    # to Omvang; neither Budget nor Product
    (
        "JW315",
        "CD075",
        _samen(
            _verwijder("Product", 1),
            _verwijder("Omvang", 1),
            _voeg_in("ToewijzingEinddatum", "Budget", "100000", 1),
            _verwijder("ToewijzingEinddatum", 1),
            NA_HET_EERSTE,
        ),
    ),
    ("JW315", "CD076", _samen(_zet("Eenheid", "04"), _zet("Frequentie", "2"), _verwijder("ToewijzingEinddatum"))),
    ("JW315", "CD077", _voeg_in("Omvang", "Budget", "100000", 1)),
    ("JW315", "CD078", _voeg_in("Omvang", "Budget", "100000")),
    (
        "JW315",
        "CD079",
        _samen(
            _verwijder("Product", 1),
            _verwijder("Omvang", 1),
            NA_HET_EERSTE,
            _zet("ToewijzingEinddatum", "2027-12-31", 1),
        ),
    ),
    ("JW315", "TR386", _zet("Code", "55A11", 1)),
    ("JW305", "CS139", _voeg_in("Datum", "DatumGebruik", "1", basis=True)),  # day unknown, but not the 1st
    ("JW307", "CS139", _voeg_in("Datum", "DatumGebruik", "2", basis=True)),  # month unknown, but not 1 January
    ("JW317", "TR380", _zet("GewensteIngangsdatum", "2026-01-01")),  # not after the Dagtekening
    ("JW317", "CS338", _samen(_zet("Eenheid", "16"), _zet("Frequentie", "1"))),
    # a second NieuwProduct of the same product, starting a month later: overlapping, no duplicate
    ("JW317", "TR410", _samen(_kopieer("NieuwProduct"), _zet("GewensteIngangsdatum", "2026-12-01", 1))),
    # the declaration (Begindatum 0 and Einddatum 0 are the DeclaratiePeriode's, 1–5 the lines')
    (
        "JW323",
        "CS100",
        _samen(
            *(
                _zet(naam, datum, i)
                for i in range(5)
                for naam, datum in (("Begindatum", "2020-12-01"), ("Einddatum", "2020-12-31"))
            ),
            _zet("Begindatum", "2020-11-01", 5),
            _zet("Einddatum", "2020-11-30", 5),
            _zet("DeclaratieDagtekening", "2021-01-06"),
        ),
    ),
    (
        "JW323",
        "CS325",  # a credit line of 0 (its VorigReferentieNummer given, CD060)
        _samen(
            _zet("Bedrag", "0"),
            _zet("DebetCredit", "C", 1),
            _voeg_in("ReferentieNummer", "VorigReferentieNummer", "RN900", basis=True),
            _zet("TotaalBedrag", "74000"),
        ),
    ),
    ("JW323", "CS339", _samen(_zet("Eenheid", "83"), _verwijder("ProductTarief"))),  # euros: volume 4, amount 5000
    ("JW323", "TR137", _samen(_zet("Begindatum", "2026-04-10", 1), _zet("Einddatum", "2026-04-05", 1))),
    (
        "JW323",
        "TR315",  # two credit lines, of two clients, for one earlier line
        _samen(
            _zet("DebetCredit", "C", 1),
            _zet("DebetCredit", "C", 3),
            _voeg_in("ReferentieNummer", "VorigReferentieNummer", "RN900", 0, basis=True),
            _voeg_in("ReferentieNummer", "VorigReferentieNummer", "RN900", 2, basis=True),
            _zet("TotaalBedrag", "59000"),
        ),
    ),
    (
        "JW323",
        "TR316",  # the second client's line credits the first client's line of this same message
        _samen(
            _zet("DebetCredit", "C", 3),
            _voeg_in("ReferentieNummer", "VorigReferentieNummer", "RN001", 2, basis=True),
            _zet("TotaalBedrag", "69000"),
        ),
    ),
    ("JW323", "TR335", _samen(_zet("Begindatum", "2021-03-01", 5), _zet("Einddatum", "2021-03-31", 5))),
    ("JW323", "TR416", _samen(_zet("Begindatum", "2026-04-01", 5), _zet("Einddatum", "2026-04-30", 5))),
]


def _bericht(route, berichttype, fout=None) -> bytes:
    root = lees((MAP / "voorbeelden" / f"{berichttype}.xml").read_bytes())
    _alle(root, "Afzender")[0].text = route["aanbieder"].agb_code
    _alle(root, "Ontvanger")[0].text = route["zwolle"].cbs_code
    if berichttype in HERSTEL:
        HERSTEL[berichttype](root)
    if fout is not None:
        fout(root)
    valideer(root, berichttype)
    return als_bytes(root)


@pytest.mark.parametrize("berichttype", ["JW305", "JW307", "JW315", "JW317", "JW323"])
def test_herstelde_voorbeelden_passeren_de_stylesheet(route, berichttype):
    assert controleer_inhoud(lees(_bericht(route, berichttype))) == []


@pytest.mark.parametrize(("berichttype", "regel", "fout"), REGELS, ids=[f"{t}-{r}" for t, r, _ in REGELS])
def test_regel_van_de_stylesheet_geeft_de_retourcode_van_de_standaard(route, berichttype, regel, fout):
    data = _bericht(route, berichttype, fout)
    gevonden = {f.regel for f in controleer_inhoud(lees(data))}
    assert gevonden == {regel} | SAMEN_MET.get(regel, set())  # exactly that fault

    ontvangst = ontvang(data, door=route["gebruikers"]["aanbieder"])

    retour = etree.fromstring(ontvangst.retour_xml)
    header = retour.find("{*}Header")
    assert {RETOURCODE[r] for r in gevonden} == {RETOURCODE[regel]}
    assert [el.text for el in header.find("{*}RetourCodes")] == [RETOURCODE[regel]]
    assert ontvangst.retour.retourcodes == [RETOURCODE[regel]]
    assert ontvangst.bericht.status == Berichtstatus.AFGEKEURD
    assert any(r in ontvangst.bericht.fouten[0]["toelichting"] for r in gevonden)
    if berichttype != "JW323":  # the echo retours: the header only (JW325 has its own header-only form)
        assert [etree.QName(el).localname for el in retour] == ["Header"]
    assert not Toewijzingsverzoek.objects.exists() and not Aanpassingsaanvraag.objects.exists()
    assert Bericht.objects.filter(declaratie__isnull=False).count() == 0


def test_tr319_krijgt_9319_en_niet_0001():
    """WJ001 gives TR319 its own code; every other rule of the stylesheet answers 0001."""
    assert RETOURCODE["TR319"] == "9319" and RETOURCODE["CS002"] == "0001"


def test_grote_declaratie_gaat_naar_de_eigen_controles(route, monkeypatch, caplog):
    """The stylesheet's time grows with the square of a JW323; above the limit the handler's own
    checks judge it (here its TR358 check, with its own text) and the log says so."""
    import logging

    from jeugdregie.ijw.services import ontvangen

    data = _bericht(route, "JW323", _zet("TotaalBedrag", "79001"))
    monkeypatch.setattr(ontvangen, "INHOUD_MAX_BYTES_STROMEND", len(data) - 1)
    with caplog.at_level(logging.INFO, logger="jeugdregie.ijw.services.ontvangen"):
        ontvangst = ontvang(data, door=route["gebruikers"]["aanbieder"])
    assert "ijw_inhoud_eigen_controles" in [r.getMessage() for r in caplog.records]
    assert ontvangst.retour.retourcodes == ["0001"]
    assert "TR358" in ontvangst.bericht.fouten[0]["toelichting"]
    assert "van de iJw-standaard" not in ontvangst.bericht.fouten[0]["toelichting"]
