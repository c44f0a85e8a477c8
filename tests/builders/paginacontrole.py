"""What every page a walk visits is checked for (issue 19 §5, §6): amounts only in the Dutch
notation, and no SPEC rule ID in the text a user reads.

- every amount after ``€`` is ``€ 1.234,56`` (or a whole rounded ``€ 1.235``): thousands by a
  dot, cents by a comma, nothing else;
- no figure in a number cell (``class="getal"``) has a decimal point (``18.00``) or four digits
  before its decimal comma (``1806,00``);
- no SPEC rule ID (``R-K3``, ``(R-A3)``) in the visible text or in a tooltip (``title``): users
  read plain Dutch, the rule IDs belong in the code.

``fouten(pad, html)`` returns the findings and the number of amounts read, so a walk can show it
had something to fail on."""

from __future__ import annotations

import re
from html import unescape

_EURO = re.compile(r"€\s*(-?[\d.,]+\d)")
_GOED_EURO = re.compile(r"-?\d{1,3}(?:\.\d{3})*(?:,\d{2})?")
_GETALCEL = re.compile(r'<t[dh][^>]*class="[^"]*\bgetal\b[^"]*"[^>]*>(.*?)</t[dh]>', re.S)
_FOUT_IN_CEL = re.compile(r"\d\.\d{1,2}(?!\d)|\d\.\d{4,}|\d{4,},\d")
REGEL_ID = re.compile(r"\bR-[A-Z]{1,2}\d+[a-z]?\b")
_NIET_ZICHTBAAR = re.compile(r"<(script|style)\b.*?</\1>|<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]+>")
_TITEL = re.compile(r'\btitle="([^"]*)"')


def zichtbare_tekst(html: str) -> str:
    """The text a user reads: tags, scripts, styles and comments left out; tooltips kept."""
    zonder = _NIET_ZICHTBAAR.sub(" ", html)
    titels = " ".join(_TITEL.findall(zonder))
    return unescape(_TAG.sub(" ", zonder) + " " + titels)


def fouten(pad: str, html: str) -> tuple[list[str], int]:
    gevonden, gezien = [], 0
    tekst = _NIET_ZICHTBAAR.sub(" ", html)
    for bedrag in _EURO.findall(unescape(tekst)):
        gezien += 1
        if not _GOED_EURO.fullmatch(bedrag):
            gevonden.append(f"{pad}: € {bedrag}")
    for cel in _GETALCEL.findall(tekst):
        inhoud = unescape(_TAG.sub("", cel)).strip()
        if _FOUT_IN_CEL.search(inhoud):
            gevonden.append(f"{pad}: getalcel {inhoud!r}")
    for regel in sorted(set(REGEL_ID.findall(zichtbare_tekst(html)))):
        gevonden.append(f"{pad}: regel-ID {regel}")
    return gevonden, gezien
