"""Conformance with the standard's own material (issue 5 §1, §8 first bullet): the XSDs in the
project are the published ones unchanged, and every example message of iJw 3.2 validates, or
fails exactly where ``../shared/ijw/SOURCE.txt`` says the example itself is wrong."""

import hashlib
import re
from pathlib import Path

import pytest
from lxml import etree

from jeugdregie.ijw.constants import Berichttype
from jeugdregie.ijw.xml.schemas import MAP, schema, valideer, valideer_stroom
from jeugdregie.ijw.xml.veilig import Berichtweigering, lees

GEDEELD = Path(__file__).resolve().parents[1].parent / "shared" / "ijw"
# The standard's example messages, copied unchanged next to the XSDs (schemas/SOURCE.txt), so the
# conformance tests run on any clone; byte-identity with ../shared is checked where it exists.
VOORBEELDEN = MAP / "voorbeelden"
# SOURCE.txt: "JW315.xml has an invalid date 2027-06-31 and JW318.xml an unwrapped RetourCode".
FOUT_IN_VOORBEELD = {"JW315", "JW318"}
XSDS = sorted(p.name for p in MAP.glob("*.xsd"))


def _voorbeeld(naam: str) -> bytes:
    return (VOORBEELDEN / f"{naam}.xml").read_bytes()


def _fouten(root, berichttype: str) -> list[tuple[str, str]]:
    """(local name of the failing element, message) for each XSD error."""
    xsd = schema(berichttype)
    assert not xsd.validate(root)
    uit = []
    for fout in xsd.error_log:
        element = re.match(r"Element '\{[^}]*\}(\w+)'", fout.message)
        uit.append((element.group(1) if element else "", fout.message))
    return uit


def test_elk_berichttype_heeft_een_voorbeeld():
    assert sorted([f"{t}.xsd" for t in Berichttype.values] + ["basisschema.xsd"]) == XSDS
    assert sorted(p.stem for p in VOORBEELDEN.glob("*.xml")) == sorted(Berichttype.values)


@pytest.mark.parametrize("berichttype", sorted(set(Berichttype.values) - FOUT_IN_VOORBEELD))
def test_voorbeeldbericht_is_geldig(berichttype):
    """Issue 5 §8: the example of the standard validates against its XSD, whole and streamed."""
    data = _voorbeeld(berichttype)
    valideer(lees(data), berichttype)
    valideer_stroom(data, berichttype)


def test_voorbeeld_jw315_faalt_alleen_op_ongeldige_datum():
    """SOURCE.txt: JW315.xml fails only on its own invalid date 2027-06-31 (ToewijzingEinddatum)."""
    data = _voorbeeld("JW315")
    fouten = _fouten(lees(data), "JW315")
    assert [naam for naam, _ in fouten] == ["ToewijzingEinddatum", "ToewijzingEinddatum"]
    assert all("'2027-06-31' is not a valid value" in melding and "LDT_Datum" in melding for _, melding in fouten)
    with pytest.raises(Berichtweigering) as weigering:
        valideer(lees(data), "JW315")
    assert weigering.value.code == "IJW005"
    assert "ToewijzingEinddatum" in weigering.value.message and "2027-06-31" in weigering.value.message
    # and with that one date corrected, the example is valid
    valideer(lees(data.replace(b"2027-06-31", b"2027-06-30")), "JW315")


def test_voorbeeld_jw318_faalt_alleen_op_losse_retourcode():
    """SOURCE.txt: JW318.xml fails only on a RetourCode not wrapped in RetourCodes."""
    data = _voorbeeld("JW318")
    root = lees(data)
    fouten = _fouten(root, "JW318")
    assert len(fouten) == 1
    naam, melding = fouten[0]
    assert naam == "RetourCode" and "This element is not expected" in melding and "RetourCodes" in melding
    with pytest.raises(Berichtweigering) as weigering:
        valideer(root, "JW318")
    assert "RetourCode'" in weigering.value.message
    # moving the loose RetourCode into its class's RetourCodes makes the example valid
    ns = etree.QName(root).namespace
    los = [el for el in root.iter(f"{{{ns}}}RetourCode") if etree.QName(el.getparent()).localname != "RetourCodes"]
    assert [(etree.QName(el.getparent()).localname, el.text) for el in los] == [("Verzoek", "9350")]
    los[0].getparent().find(f"{{{ns}}}RetourCodes").append(los[0])
    valideer(root, "JW318")


@pytest.mark.skipif(not GEDEELD.is_dir(), reason=f"{GEDEELD} ontbreekt op deze machine")
@pytest.mark.parametrize("naam", XSDS)
def test_xsd_is_byte_gelijk_aan_de_bron(naam):
    """Issue 5 §1: the XSDs are copied unchanged."""
    assert (MAP / naam).read_bytes() == (GEDEELD / naam).read_bytes()


@pytest.mark.skipif(not (GEDEELD / "voorbeelden").is_dir(), reason=f"{GEDEELD} ontbreekt op deze machine")
@pytest.mark.parametrize("berichttype", sorted(Berichttype.values))
def test_voorbeeld_is_byte_gelijk_aan_de_bron(berichttype):
    assert _voorbeeld(berichttype) == (GEDEELD / "voorbeelden" / f"{berichttype}.xml").read_bytes()


def test_xsd_sha256_staat_in_source():
    """schemas/SOURCE.txt lists the sha256 of every XSD; the files are exactly those."""
    opgegeven = dict(
        (naam, som)
        for som, naam in re.findall(r"^([0-9a-f]{64})\s+(\S+\.xsd)$", (MAP / "SOURCE.txt").read_text(), re.M)
    )
    werkelijk = {naam: hashlib.sha256((MAP / naam).read_bytes()).hexdigest() for naam in XSDS}
    assert opgegeven == werkelijk
