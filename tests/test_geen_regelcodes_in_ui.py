"""Issue 19 §6: no SPEC rule ID ("R-K3", "(R-A3)") in any text a user reads. Rule IDs belong in
code comments, docstrings and test names (STYLE.md); the pages, form labels, messages and service
errors say in words what the rule asks.

Two scans: every template outside its comments, and every string literal of the Python sources
that is not a docstring (messages of services, views, forms and gettext calls alike), except the
places users do not read in the web pages (tests/builders/regelcodes.py)."""

from __future__ import annotations

import ast
from pathlib import Path

from .builders.regelcodes import COMMENTAAR, GEEN_WEBTEKST, REGEL, SRC, teksten


def _relatief(pad: Path) -> str:
    return pad.relative_to(SRC).as_posix()


def test_sjablonen_noemen_geen_regelcode():
    fouten = []
    for pad in sorted(SRC.rglob("*.html")):
        tekst = COMMENTAAR.sub("", pad.read_text(encoding="utf-8"))
        fouten += [f"{_relatief(pad)}: {m.group(0)}" for m in REGEL.finditer(tekst)]
    assert not fouten, "regelcodes in de tekst van sjablonen (zet ze in {# #}):\n" + "\n".join(fouten)


def test_python_teksten_noemen_geen_regelcode():
    fouten = []
    for pad in sorted(SRC.rglob("*.py")):
        relatief = _relatief(pad)
        if GEEN_WEBTEKST.search(relatief):
            continue
        bron = pad.read_text(encoding="utf-8")
        if not REGEL.search(bron):
            continue
        for knoop in teksten(ast.parse(bron)):
            if REGEL.search(knoop.value):
                fouten.append(f"{relatief}:{knoop.lineno}: {knoop.value[:80]!r}")
    assert not fouten, "regelcodes in teksten voor gebruikers (zet ze in een commentaar):\n" + "\n".join(fouten)


def test_de_scan_vindt_een_regelcode():
    """The scans are not vacuous: they catch a rule ID in text and leave comments and docstrings."""
    assert REGEL.search(COMMENTAAR.sub("", '{# R-K3 #}<h1>{% translate "Scorekaarten (R-K3)" %}</h1>'))
    assert not REGEL.search(COMMENTAAR.sub("", "{# R-K3 #}<!-- R-A3 --><h1>Scorekaarten</h1>"))
    boom = ast.parse('"""R-A3: docstring."""\nraise Fout("Te laat (R-A3).")  # R-A3\n')
    assert [k.value for k in teksten(boom)] == ["Te laat (R-A3)."]
