"""The rule table in ``ijw/README.md`` (issue 15 §5): each rule the standard's stylesheet checks,
its message types, and where the product enforces it inbound. Generated from the stylesheet and
the handlers' source, and compared with the README, so it cannot drift. To regenerate:
``python -c "from tests.test_ijw_regeltabel import tabel; print(tabel())"``."""

import ast
import re
from pathlib import Path

from lxml import etree

from jeugdregie.ijw.xml.inhoud import REGELS, RETOURCODE, STYLESHEET

XSL = "{http://www.w3.org/1999/XSL/Transform}"
APP = Path(STYLESHEET).resolve().parents[2]
README = APP / "README.md"
INKOMEND = {"JW305", "JW307", "JW315", "JW317", "JW323"}
# Rules on elements any message may hold (matched by local name or a basisschema element): the
# message types whose XSD has that element (Bsn, Geboortedatum, NaamGebruik, Adres/Communicatie,
# amounts). NaamGebruik is only in CDT_VolledigeNaam, which only JW301 uses (the inbound types
# carry CDT_VerkorteNaam): CS050 cannot occur in a message we receive.
ALGEMEEN = {
    "CD005": {"JW301"},
    "CD007": {"JW301"},
    "CD025": {"JW301"},
    "CS002": {"JW301", "JW305", "JW307", "JW315", "JW317", "JW323", "JW325"},
    "CS050": {"JW301"},
    "CS089": {"JW301"},
    "CS139": {"JW301", "JW305", "JW307", "JW315"},
    "CS325": {"JW323", "JW325"},
    "TR002": {"JW301", "JW305", "JW307", "JW315"},
}


def _types(match: str, prefixen: dict[str, str]) -> set[str]:
    return {prefixen[p] for p in re.findall(r"\b(n\d):", match or "") if p in prefixen}


def berichttypen() -> dict[str, set[str]]:
    """Rule → the message types whose templates report it (directly, or through the named
    template or mode a typed template calls)."""
    document = etree.parse(str(STYLESHEET))
    nsmap = {k: v for k, v in document.getroot().nsmap.items() if k}
    prefixen = {k: re.search(r"/(jw\d+)/", v).group(1).upper() for k, v in nsmap.items() if "/ijw/3_2/jw" in v}
    templates = list(document.getroot().iter(f"{XSL}template"))
    uit: dict[str, set[str]] = {regel: set(ALGEMEEN.get(regel, ())) for regel in REGELS}
    for template in templates:
        regels = {
            p.text.strip()
            for p in template.iter(f"{XSL}with-param")
            if p.get("name") == "pRule" and p.text and p.text.strip()
        }
        if not regels or any(regel in ALGEMEEN for regel in regels):
            continue
        types = _types(template.get("match"), prefixen)
        if not types:  # a named template or a mode: the typed templates that call it
            doel = template.get("name") or template.get("mode")
            for ander in templates:
                for aanroep in ander.iter(f"{XSL}call-template", f"{XSL}apply-templates"):
                    if doel in (aanroep.get("name"), aanroep.get("mode")):
                        types |= _types(ander.get("match"), prefixen)
        for regel in regels:
            uit[regel] |= types
    return uit


def beschrijvingen() -> dict[str, str]:
    tekst = STYLESHEET.read_text()
    uit = {}
    for regel in REGELS:
        gevonden = re.search(rf"test=\"\$pRule='{regel}'\">([^<]*)<", tekst)
        zin = " ".join((gevonden.group(1) if gevonden else "").split()).replace("|", "/")
        uit[regel] = zin if len(zin) <= 110 else zin[:109].rstrip() + "…"
    return uit


def _teksten_in_code(bron: str) -> str:
    """The string literals of a module that code uses (error messages, ``regel=`` arguments):
    no comments and no docstrings, so a rule named only in an explanation is no check."""
    boom = ast.parse(bron)
    docstrings = {
        id(knoop.body[0].value)
        for knoop in ast.walk(boom)
        if isinstance(knoop, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and knoop.body
        and isinstance(knoop.body[0], ast.Expr)
        and isinstance(knoop.body[0].value, ast.Constant)
    }
    return "\n".join(
        knoop.value
        for knoop in ast.walk(boom)
        if isinstance(knoop, ast.Constant) and isinstance(knoop.value, str) and id(knoop) not in docstrings
    )


def eigen_controles() -> dict[str, list[str]]:
    """Rule → the inbound handler modules (``ijw/berichten/*.py``) that check it themselves: the
    rule's ID in a string the code uses (its error text or ``regel=``), not in a comment."""
    uit: dict[str, list[str]] = {regel: [] for regel in REGELS}
    for module in sorted((APP / "berichten").glob("*.py")):
        bron = _teksten_in_code(module.read_text())
        for regel in REGELS:
            if re.search(rf"\b{regel}\b", bron):
                uit[regel].append(module.stem)
    return uit


def test_eigen_controle_telt_alleen_tekst_die_de_code_gebruikt():
    bron = '''"""TR001 in a docstring."""
# TR002 in a comment
def f():
    """TR003 in a function's docstring."""
    raise Afkeur("0001", "Fout (TR004).")
'''
    tekst = _teksten_in_code(bron)
    assert "TR004" in tekst and not any(r in tekst for r in ("TR001", "TR002", "TR003"))


def getest() -> dict[str, list[str]]:
    """Rule → the inbound types of tests/test_ijw_inhoud_inkomend.py that send a message with it."""
    from .builders.ijw.inkomend import REGELS as GEVALLEN

    uit: dict[str, list[str]] = {}
    for berichttype, regel, _ in GEVALLEN:
        uit.setdefault(regel, [])
        if berichttype not in uit[regel]:
            uit[regel].append(berichttype)
    return uit


def tabel() -> str:
    types, teksten, eigen, tests = berichttypen(), beschrijvingen(), eigen_controles(), getest()
    regels = [
        "| rule | retourcode | what (the stylesheet's text) | message types | enforced inbound | inbound test |",
        "|---|---|---|---|---|---|",
    ]
    for regel in REGELS:
        inkomend = types[regel] & INKOMEND
        if inkomend:
            waar = "stylesheet" + (f" + own check ({', '.join(eigen[regel])})" if eigen[regel] else "")
        else:
            waar = "n/a: outbound only (checked before sending)"
        getoetst = ", ".join(sorted(tests.get(regel, []))) or "—"
        regels.append(
            f"| {regel} | {RETOURCODE[regel]} | {teksten[regel]} | {', '.join(sorted(types[regel]))} | {waar} "
            f"| {getoetst} |"
        )
    return "\n".join(regels)


def test_elke_regel_heeft_berichttypen_en_tekst():
    types, teksten = berichttypen(), beschrijvingen()
    assert all(types[regel] for regel in REGELS), [r for r in REGELS if not types[r]]
    assert all(teksten[regel] for regel in REGELS), [r for r in REGELS if not teksten[r]]


def test_getoetste_regels_horen_bij_hun_berichttype():
    types = berichttypen()
    for regel, berichttypes in getest().items():
        assert set(berichttypes) <= types[regel] & INKOMEND, regel


def test_readme_tabel_is_actueel():
    tekst = README.read_text()
    begin, einde = "<!-- regeltabel:begin -->\n", "\n<!-- regeltabel:einde -->"
    assert begin in tekst and einde in tekst
    assert tekst[tekst.index(begin) + len(begin) : tekst.index(einde)] == tabel()
