"""The content-rule cases for incoming messages (`REGELS`): each breaks one rule of a valid message. Moved
from tests/test_ijw_inhoud_inkomend.py."""

import copy

from lxml import etree


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
