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
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag
from jeugdregie.verzoeken.models import Toewijzingsverzoek

from .builders.ijw.inkomend import BASIS, REGELS, _alle, _samen, _voeg_in, _zet

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


# --- A large JW323, judged per block of clients (issue 15) ---------------------------------------


def _bsn(n: int) -> str:
    """The n-th 9-digit number from 100000000 up that passes the 11-proef (CS002)."""
    kandidaat = 100_000_000 + n * 20  # one passes in every 11 in a row
    while True:
        cijfers = [int(c) for c in f"{kandidaat:09d}"]
        if (sum((9 - i) * c for i, c in enumerate(cijfers[:8])) - cijfers[8]) % 11 == 0:
            return f"{kandidaat:09d}"
        kandidaat += 1


def grote_declaratie(route, clienten: int, fout=None) -> bytes:
    """The standard's JW323 example with ``clienten`` clients: its first client's two lines, each
    client its own BSN, references and allocations, the total the sum; ``fout`` changes the tree
    after."""
    root = lees(_bericht(route, "JW323"))
    lijst = _alle(root, "Clienten")[0]
    voorbeeld = _alle(root, "Client")[0]
    for client in list(lijst):
        lijst.remove(client)
    totaal = 0
    for n in range(clienten):
        client = copy.deepcopy(voorbeeld)
        _alle(client, "Bsn")[0].text = _bsn(n)
        for i, referentie in enumerate(_alle(client, "ReferentieNummer")):
            referentie.text = f"R{n}X{i}"
        for i, toewijzing in enumerate(_alle(client, "ToewijzingNummer")):  # an allocation is one client's
            toewijzing.text = str(100_000 + 2 * n + i)
        totaal += sum(int(b.text) for b in _alle(client, "Bedrag"))
        lijst.append(client)
    _alle(root, "TotaalBedrag")[0].text = str(totaal)
    if fout is not None:
        fout(root)
    valideer(root, "JW323")
    return als_bytes(root)


def _client_fout(nummer, wijziging):
    """``wijziging`` on the ``nummer``-th Client (1-based, -1 the last) of the message."""

    def wijzig(root):
        clienten = _alle(root, "Client")
        wijziging(clienten[nummer - 1 if nummer > 0 else nummer])

    return wijzig


def _credit(vorig, plek=0):
    """The ``plek``-th line of a client becomes a credit of line ``vorig`` (CD060 met); the total
    is adjusted in the test's message by ``_totaal_klopt``."""

    def wijzig(client):
        _alle(client, "DebetCredit")[plek].text = "C"
        _voeg_in("ReferentieNummer", "VorigReferentieNummer", vorig, plek, basis=True)(client)

    return wijzig


def _debet_tweemaal(client):
    """The client's second line for the same allocation, product and period as its first (TR416)."""
    for naam in ("ToewijzingNummer", "ProductCode"):
        _alle(client, naam)[1].text = _alle(client, naam)[0].text


def _totaal_klopt(root):
    som = sum(
        int(b.findtext(f"{{{BASIS}}}Bedrag")) * (-1 if b.findtext(f"{{{BASIS}}}DebetCredit") == "C" else 1)
        for b in _alle(root, "IngediendBedrag")
    )
    _alle(root, "TotaalBedrag")[0].text = str(abs(som))
    _alle(root, "DebetCredit")[0].text = "C" if som < 0 else "D"


# (rule, the fault): each in a late client, most of them only visible across clients; with blocks
# of 7 clients the whole-message rules cross a block boundary.
BLOKFOUTEN = [
    ("TR101", _client_fout(-1, lambda c: setattr(_alle(c, "Bsn")[0], "text", _bsn(0)))),  # the first client's BSN
    ("TR315", _samen(_client_fout(3, _credit("OUD1")), _client_fout(-2, _credit("OUD1")), _totaal_klopt)),
    ("TR316", _samen(_client_fout(-1, _credit("R1X0")), _totaal_klopt)),  # credits the 2nd client's line
    ("TR316", _samen(_client_fout(2, _credit("R40X0")), _totaal_klopt)),  # credited later: the 41st's line
    ("TR358", lambda root: setattr(_alle(root, "TotaalBedrag")[0], "text", "1")),
    ("CS002", _client_fout(-1, lambda c: setattr(_alle(c, "Bsn")[0], "text", "123456789"))),
    ("TR416", _client_fout(-1, lambda c: _debet_tweemaal(c))),
    ("CS337", _client_fout(-1, _zet("Begindatum", "2026-03-31", 1))),
    ("CS340", _zet("Begindatum", "2026-04-02")),  # the DeclaratiePeriode: in every block, reported once
]


def test_de_berichtbrede_regels_van_jw323_zijn_die_van_de_stylesheet():
    """The rules of the stylesheet that, for a JW323, look beyond one Client (another Client, or
    every line of the message) are exactly those judged over the whole message."""
    import re

    from jeugdregie.ijw.xml.inhoud import BERICHTBREED_JW323, STYLESHEET

    xsl = "{http://www.w3.org/1999/XSL/Transform}"
    breed = set()
    for template in etree.parse(str(STYLESHEET)).getroot().iter(f"{xsl}template"):
        tekst = etree.tostring(template).decode()
        if "n7:" not in (template.get("match") or "") and "n7:" not in tekst:
            continue
        if re.search(r"sibling::n7:Client|n7:Client/preceding|n7:Clienten/n7:Client", tekst):
            regel = template.get("mode")
            breed.add("TR101" if regel == "TR101generic" else regel)
    assert breed == set(BERICHTBREED_JW323)


@pytest.mark.parametrize(("regel", "fout"), BLOKFOUTEN, ids=[f"{r}-{i}" for i, (r, _) in enumerate(BLOKFOUTEN)])
def test_blokken_oordelen_als_de_stylesheet_over_het_hele_bericht(route, regel, fout):
    from jeugdregie.ijw.xml.inhoud import controleer_declaratie

    data = grote_declaratie(route, 45, fout)
    heel = {f.regel for f in controleer_inhoud(lees(data))}
    assert heel == {regel}
    in_blokken = controleer_declaratie(data, blok=7)
    assert {f.regel for f in in_blokken} == heel
    if regel == "CS340":  # the declaration's own fields: once, not per block
        assert len(in_blokken) == len(controleer_inhoud(lees(data)))


def test_blokken_in_draden_oordelen_als_een_blok_na_het_andere(route, settings):
    """Issue 18 (W1): the blocks are judged by a pool of threads while the message is read on;
    the findings — rules, locations and their order — are those of one block after another,
    and the locations those of the stylesheet over the whole message."""
    from jeugdregie.ijw.xml.inhoud import controleer_declaratie

    def bsn(tekst):  # each fails the eleven-test (CS002), and no two are equal (no TR101)
        return lambda c: setattr(_alle(c, "Bsn")[0], "text", tekst)

    fout = _samen(
        _client_fout(2, bsn("111111111")),
        _client_fout(20, bsn("222222222")),
        _client_fout(30, _zet("Begindatum", "2026-03-31", 1)),
        _client_fout(44, bsn("333333333")),
    )
    data = grote_declaratie(route, 45, fout)
    settings.JEUGDREGIE_IJW_DRADEN = 1
    een_voor_een = controleer_declaratie(data, blok=4)
    settings.JEUGDREGIE_IJW_DRADEN = 3
    assert controleer_declaratie(data, blok=4) == een_voor_een
    assert [f.regel for f in een_voor_een].count("CS002") == 3
    heel = {(f.regel, f.locaties) for f in controleer_inhoud(lees(data))}
    assert {(f.regel, f.locaties) for f in een_voor_een} == heel


def test_schone_declaratie_in_blokken_passeert(route):
    from jeugdregie.ijw.xml.inhoud import controleer_declaratie

    data = grote_declaratie(route, 45)
    assert controleer_inhoud(lees(data)) == [] and controleer_declaratie(data, blok=7) == []


@pytest.mark.parametrize("regel", ["CS002", "TR315"])
def test_grote_declaratie_met_fout_in_het_laatste_blok_wordt_geweigerd(route, caplog, regel):
    """Over 512 KiB the stylesheet runs per block of clients: a fault in the last block (CS002),
    or one only visible across blocks (TR315: the first and the last client credit one line), is
    answered with the rule's retourcode on the header, nothing processed."""
    import logging

    from jeugdregie.ijw.services import ontvangen

    fout = dict((r, f) for r, f in BLOKFOUTEN if r in ("CS002", "TR315"))[regel]
    if regel == "TR315":
        fout = _samen(_client_fout(1, _credit("OUD1")), _client_fout(-1, _credit("OUD1")), _totaal_klopt)
    data = grote_declaratie(route, 300, fout)
    assert len(data) > ontvangen.INHOUD_MAX_BYTES_STROMEND
    with caplog.at_level(logging.INFO, logger="jeugdregie.ijw.services.ontvangen"):
        ontvangst = ontvang(data, door=route["gebruikers"]["aanbieder"])
    assert "ijw_inhoud_in_blokken" in [r.getMessage() for r in caplog.records]
    assert ontvangst.retour.retourcodes == [RETOURCODE[regel]]
    assert ontvangst.bericht.status == Berichtstatus.AFGEKEURD
    assert f"regel {regel} van de iJw-standaard" in ontvangst.bericht.fouten[0]["toelichting"]
    assert "Client[300]" in ontvangst.bericht.fouten[0]["toelichting"]
    assert Bericht.objects.filter(declaratie__isnull=False).count() == 0


def test_grote_schone_declaratie_passeert_de_stylesheet_in_blokken(route, caplog):
    """A clean JW323 over 512 KiB passes the blocks and reaches the handler (whose own level-3
    checks then judge each line against our data: the example's allocations do not exist)."""
    import logging

    from jeugdregie.ijw.services import ontvangen

    data = grote_declaratie(route, 300)
    assert len(data) > ontvangen.INHOUD_MAX_BYTES_STROMEND
    with caplog.at_level(logging.INFO, logger="jeugdregie.ijw.services.ontvangen"):
        ontvangst = ontvang(data, door=route["gebruikers"]["aanbieder"])
    assert "ijw_inhoud_in_blokken" in [r.getMessage() for r in caplog.records]
    assert "van de iJw-standaard" not in str(ontvangst.bericht.fouten)
    assert ontvangst.retour.retourcodes != ["0001"]


def test_tr416_alleen_binnen_een_client_zoals_de_standaard(route):
    """Issue 15 §1, the standard wins: the stylesheet applies TR416 (two debet lines for the same
    allocation, product and period) within one Client. A message in which the second client has
    a line with the first client's allocation, product and period passes the stylesheet, and the
    handler does not refuse the message for TR416 either (it judges that line on its own)."""

    def zelfde_regel_bij_tweede_client(root):
        eerste, tweede = _alle(root, "Client")[:2]
        for naam in ("ToewijzingNummer", "ProductCode", "ProductCategorie", "Begindatum", "Einddatum"):
            _alle(tweede, naam)[0].text = _alle(eerste, naam)[0].text

    data = grote_declaratie(route, 2, zelfde_regel_bij_tweede_client)
    assert controleer_inhoud(lees(data)) == []
    ontvangst = ontvang(data, door=route["gebruikers"]["aanbieder"])
    assert "TR416" not in str(ontvangst.bericht.fouten)
    assert ontvangst.retour.retourcodes != ["0001"]
