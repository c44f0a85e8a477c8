"""The standard's validation stylesheet (issue 15 §1): the copy in the package is the published
one, the rules it can report each have the retourcode of the codelist WJ001, and it finds on the
example messages exactly their two known faults."""

import hashlib
import os
import re
from pathlib import Path

import pytest
from lxml import etree

from jeugdregie.ijw.constants import Berichttype
from jeugdregie.ijw.xml.inhoud import EIGEN_RETOURCODE, REGELS, RETOURCODE, STYLESHEET, controleer_inhoud
from jeugdregie.ijw.xml.schemas import MAP
from jeugdregie.ijw.xml.veilig import lees

# ../shared/ijw next to the checkout; IJW_GEDEELD points elsewhere (e.g. from a git worktree).
GEDEELD = Path(os.environ.get("IJW_GEDEELD") or Path(__file__).resolve().parents[1].parent / "shared" / "ijw")
XSL = "{http://www.w3.org/1999/XSL/Transform}"


def regels_in_stylesheet() -> set[str]:
    """Every rule code the stylesheet passes to its error template (``pRule``)."""
    document = etree.parse(str(STYLESHEET))
    return {
        param.text.strip()
        for param in document.iter(f"{XSL}with-param")
        if param.get("name") == "pRule" and param.text and param.text.strip()
    }


def wj001() -> dict[str, set[str]]:
    """Rule → its retourcodes, parsed from the codelist (tables | Code | Betekenis | TR-regel | …)."""
    pad = MAP / "codelijsten" / "WJ001_Retourcode.md"
    uit: dict[str, set[str]] = {}
    for code, regel in re.findall(r"^\|\s*([0-9A-Z]{4})\s*\|[^|]*\|\s*((?:TR|CD|CS)\d{3})\s*\|", pad.read_text(), re.M):
        uit.setdefault(regel, set()).add(code)
    return uit


def test_stylesheet_is_de_gepubliceerde():
    opgegeven = re.findall(r"^([0-9a-f]{64})\s+(\S+\.xsl)$", (STYLESHEET.parent / "SOURCE.txt").read_text(), re.M)
    assert opgegeven == [(hashlib.sha256(STYLESHEET.read_bytes()).hexdigest(), STYLESHEET.name)]


@pytest.mark.skipif(not GEDEELD.is_dir(), reason=f"{GEDEELD} ontbreekt op deze machine")
def test_stylesheet_is_byte_gelijk_aan_de_bron():
    assert STYLESHEET.read_bytes() == (GEDEELD / "xslt" / STYLESHEET.name).read_bytes()


def test_elke_regel_van_de_stylesheet_heeft_een_retourcode():
    assert set(REGELS) == regels_in_stylesheet()
    assert len(REGELS) == len(set(REGELS)) == 61
    assert all(re.fullmatch(r"[0-9A-Z]{4}", RETOURCODE[regel]) for regel in REGELS)


def test_retourcodes_volgen_wj001():
    """A rule WJ001 (the copy in the package) lists answers with that code; every other rule is a
    bericht-inhoud rule: 0001."""
    codelijst = wj001()
    for regel in REGELS:
        verwacht = codelijst.get(regel, {"0001"})
        assert {RETOURCODE[regel]} == verwacht, regel
    assert set(EIGEN_RETOURCODE) == set(REGELS) & set(codelijst)
    opgegeven = re.search(r"sha256\s+([0-9a-f]{64})", (MAP / "codelijsten" / "SOURCE.txt").read_text())
    assert (
        opgegeven
        and opgegeven.group(1) == hashlib.sha256((MAP / "codelijsten" / "WJ001_Retourcode.md").read_bytes()).hexdigest()
    )


@pytest.mark.skipif(not GEDEELD.is_dir(), reason=f"{GEDEELD} ontbreekt op deze machine")
def test_codelijst_en_regelteksten_gelijk_aan_de_bron():
    """The copied WJ001 is the shared one; the regels/xslt/*.md texts each say 0001 themselves."""
    wj = (MAP / "codelijsten" / "WJ001_Retourcode.md").read_bytes()
    assert wj == (GEDEELD / "codelijsten" / "WJ001_Retourcode.md").read_bytes()
    for tekst in (GEDEELD / "regels" / "xslt").glob("*.md"):
        assert re.search(r"^\| Retourcode \| 0001 \|$", tekst.read_text(), re.M), tekst.name
        assert RETOURCODE[tekst.stem] == "0001"


@pytest.mark.parametrize("berichttype", sorted(Berichttype.values))
def test_voorbeelden_alleen_hun_bekende_fouten(berichttype):
    """SOURCE.txt of the stylesheet: on the 14 examples only JW317 CS003 and JW323 TR101."""
    fouten = controleer_inhoud(lees((MAP / "voorbeelden" / f"{berichttype}.xml").read_bytes()))
    verwacht = {"JW317": {"CS003"}, "JW323": {"TR101"}}.get(berichttype, set())
    assert {fout.regel for fout in fouten} == verwacht
    assert all(fout.locaties and fout.details and fout.retourcode == "0001" for fout in fouten)
