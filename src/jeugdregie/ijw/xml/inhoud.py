"""The standard's own "bericht inhoud" check (issue 15 §1): the iJw 3.2 validation stylesheet
(``ijw/schemas/xslt/``, copied unchanged, see SOURCE.txt there) run by lxml on a parsed message.
It reports each failed TR/CD/CS rule with the XPaths it concerns; no report means the message
passes. Outbound messages must pass it before they are stored (``services.postvak``); inbound
messages are checked with it at control level 2 (``services.ontvangen``)."""

from __future__ import annotations

import copy
import os
import re
import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..constants import Retourcode
from .veilig import parser

STYLESHEET = Path(__file__).resolve().parent.parent / "schemas" / "xslt" / "alle-regels-JW-3.2.xsl"
NS_RAPPORT = "http://www.istandaarden.nl/validatie/1_1/rapport/schema"
BASIS = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"

# Retourcode per rule the stylesheet can report, from the codelist WJ001 Retourcode (iJw 3.2,
# ../shared/ijw/codelijsten/WJ001_Retourcode.md, column "TR-regel"): a rule listed there answers
# with its own code; every other rule the stylesheet checks is a "bericht inhoud (xslt)" rule
# (regels/xslt/*.md, conditions and constraints) answered with 0001 on the header (IV032 level 2).
# tests/test_ijw_inhoud.py checks this table against the stylesheet and the codelist.
EIGEN_RETOURCODE = {
    "TR319": "9319",  # WJ001: "De ProductPeriode valt niet geheel binnen een DeclaratiePeriode." (JW323)
}
# fmt: off
REGELS = (
    "CD005", "CD007", "CD009", "CD025", "CD034", "CD041", "CD043", "CD060", "CD066", "CD067",
    "CD068", "CD075", "CD076", "CD077", "CD078", "CD079", "CD080", "CD085", "CD086", "CD087",
    "CD095", "CD096",
    "CS002", "CS003", "CS050", "CS058", "CS089", "CS100", "CS139", "CS318", "CS325", "CS335",
    "CS336", "CS337", "CS338", "CS339", "CS340", "CS343",
    "TR002", "TR006", "TR018", "TR061", "TR101", "TR134", "TR137", "TR302", "TR315", "TR316",
    "TR319", "TR335", "TR342", "TR352", "TR353", "TR358", "TR377", "TR380", "TR383", "TR386",
    "TR409", "TR410", "TR416",
)
# fmt: on
RETOURCODE = {regel: EIGEN_RETOURCODE.get(regel, Retourcode.TECHNISCH.value) for regel in REGELS}


@dataclass(frozen=True)
class Regelfout:
    """One failed rule: its code (e.g. TR006), the XPaths it concerns, the rule text, and the
    retourcode a receiver answers it with."""

    regel: str
    locaties: tuple[str, ...]
    details: str

    @property
    def retourcode(self) -> str:
        return RETOURCODE.get(self.regel, Retourcode.TECHNISCH.value)

    def __str__(self) -> str:
        return f"{self.regel} op {', '.join(self.locaties) or '(bericht)'}"


_lokaal = threading.local()


def stylesheet() -> etree.XSLT:
    """The compiled stylesheet, once per thread (an lxml XSLT object is not shared between
    threads); it may read no documents, files or network."""
    xslt = getattr(_lokaal, "xslt", None)
    if xslt is None:
        document = etree.parse(str(STYLESHEET), parser())
        xslt = _lokaal.xslt = etree.XSLT(document, access_control=etree.XSLTAccessControl.DENY_ALL)
    return xslt


def controleer_inhoud(root: etree._Element) -> list[Regelfout]:
    """Every rule of the stylesheet that ``root`` (a whole, XSD-valid message) fails, in report
    order; an empty list means the message passes."""
    rapport = stylesheet()(etree.ElementTree(root))
    fouten = []
    for fout in rapport.getroot().iter(f"{{{NS_RAPPORT}}}Fout"):
        fouten.append(
            Regelfout(
                regel=(fout.findtext(f"{{{NS_RAPPORT}}}Code") or "").strip(),
                locaties=tuple((el.text or "").strip() for el in fout.iter(f"{{{NS_RAPPORT}}}Locatie")),
                details=(fout.findtext(f"{{{NS_RAPPORT}}}Details") or "").strip(),
            )
        )
    return fouten


def beschrijf(fouten: list[Regelfout], limiet: int = 10) -> str:
    """The rules and locations, for an error message or a log line (rule codes and XPaths only:
    never a value from the message)."""
    return "; ".join(str(fout) for fout in fouten[:limiet])


# --- A large JW323 judged per block of clients (issue 15) -----------------------------------------
# The stylesheet's time grows with the square of a JW323 (TR101, TR315 and TR316 compare each line
# with every earlier one; a 5 MB message took 132 s). A large JW323 is therefore judged per block:
# messages of ``BLOK_CLIENTEN`` Client elements each, with the message's own Header and
# declaration fields, each XSD-valid, each run through the stylesheet unchanged. Only the block's
# TotaalIngediendBedrag is set to the block's own sum, so TR358 holds in every block by
# construction. The stylesheet's rules that look beyond one Client of a JW323 (read from the
# xsl, tests/test_ijw_inhoud_inkomend.py keeps this list in step with it) are judged here over the whole
# message instead, in one streamed pass with the same semantics:
BERICHTBREED_JW323 = {
    "TR101": "a Client whose Bsn an earlier Client of the message has (the Client's duplicate line)",
    "TR315": "a VorigReferentieNummer an earlier line of the message has as well",
    "TR316": "a line crediting an earlier line of the message, or credited by an earlier line",
    "TR358": "TotaalIngediendBedrag against the sum over every line (and CS325 on that total)",
}
# Within a block the stylesheet's own TR101/TR315/TR316 still compare each line with every
# earlier one of the block: measured on the W1 message of 29,000 lines (2 threads, 2 cores), blocks
# of 50 clients took 12.5 s, of 10 clients 9.5 s, of 2 clients 9.3 s, of 1 client 9.9 s (a
# block's fixed cost then dominates).
BLOK_CLIENTEN = 10

_BLOKPAD = re.compile(r"/Clienten/Client(?:\[(\d+)\])?(?=/|$)")


def _ns(tag: str) -> str:
    return etree.QName(tag).namespace


def _bedrag(el, m: str, b: str, naam: str = "Bedrag") -> int:
    """The signed amount of an IngediendBedrag / TotaalIngediendBedrag (cents; credit negative)."""
    waarde = int((el.findtext(f"{{{b}}}{naam}") or "0").strip() or 0)
    return -waarde if (el.findtext(f"{{{b}}}DebetCredit") or "").strip() == "C" else waarde


def _blok(skelet, clienten: list):
    """One block as a message of its own: the skeleton with ``clienten`` and the block's own
    TotaalIngediendBedrag (built in the reading thread: the message's elements are touched by one
    thread only)."""
    m = _ns(skelet.tag)
    blok = copy.deepcopy(skelet)
    lijst = blok.find(f"{{{m}}}Declaratie/{{{m}}}Clienten")
    lijst.extend(clienten)
    som = sum(
        _bedrag(el, m, BASIS)
        for el in lijst.iterfind(f"{{{m}}}Client/{{{m}}}Prestaties/{{{m}}}Prestatie/{{{m}}}IngediendBedrag")
    )
    totaal = blok.find(f"{{{m}}}Declaratie/{{{m}}}TotaalIngediendBedrag")
    totaal.find(f"{{{BASIS}}}TotaalBedrag").text = str(abs(som))
    totaal.find(f"{{{BASIS}}}DebetCredit").text = "C" if som < 0 else "D"
    return blok


def _blokfouten(blok, begin: int) -> list[Regelfout]:
    """Run the stylesheet on one block and give the XPaths the Client numbers of the whole
    message (``begin``: the number of clients before the block). Runs in a worker thread: the
    block is its own document, the thread its own compiled stylesheet, and libxslt works
    without Python's lock, so blocks are judged on every core."""

    def pad(locatie: str) -> str:
        def nummer(match):
            return f"/Clienten/Client[{begin + int(match.group(1) or 1)}]"

        return _BLOKPAD.sub(nummer, locatie)

    return [
        Regelfout(regel=f.regel, locaties=tuple(pad(loc) for loc in f.locaties), details=f.details)
        for f in controleer_inhoud(blok)
    ]


def _draden() -> int:
    """Threads judging blocks: the cores this process may use (``JEUGDREGIE_IJW_DRADEN``
    overrides; 1: one block at a time, in message order)."""
    from django.conf import settings

    return settings.JEUGDREGIE_IJW_DRADEN or len(os.sched_getaffinity(0)) or 1


def controleer_declaratie(data: bytes, *, blok: int | None = None) -> list[Regelfout]:
    """Every rule of the stylesheet a large JW323 (``data``, XSD-valid) fails, judged per block of
    ``blok`` clients plus the message-wide rules (``BERICHTBREED_JW323``) over the whole message;
    memory is a few blocks and the line references (not the tree). The blocks are judged by a
    pool of threads while the message is read on; their reports are taken in message order, so
    the result is the same as one block after another. Empty: the message passes."""
    draden = _draden()
    with ThreadPoolExecutor(max_workers=draden, thread_name_prefix="ijw-inhoud") as pool:
        lopend: deque[Future] = deque()  # blocks being judged, in message order
        try:
            return _controleer_declaratie(data, blok or BLOK_CLIENTEN, pool, lopend, draden)
        finally:
            for taak in lopend:  # a failed read: the blocks still waiting are not judged
                taak.cancel()


def _controleer_declaratie(data: bytes, blok: int, pool: ThreadPoolExecutor, lopend: deque, draden: int):
    from .veilig import stroom

    fouten: list[Regelfout] = []
    gezien: set[tuple[str, tuple[str, ...]]] = set()
    skelet = None
    wachtend: list = []
    begin = nummer = 0
    bsns: set[str] = set()
    vorige: set[str] = set()  # every VorigReferentieNummer of the earlier clients
    referenties: set[str] = set()  # every ReferentieNummer of the earlier clients
    som = 0
    breed: list[Regelfout] = []

    def voeg_toe(nieuw):
        for fout in nieuw:
            sleutel = (fout.regel, fout.locaties)
            if sleutel not in gezien:  # a rule on the header or the declaration fields: once
                gezien.add(sleutel)
                fouten.append(fout)

    def spoel(tot: int):
        nonlocal begin, wachtend
        if wachtend:
            lopend.append(pool.submit(_blokfouten, _blok(skelet, wachtend), begin))
            begin += len(wachtend)
            wachtend = []
        while len(lopend) > tot:  # a few blocks in memory, whatever the message's size
            voeg_toe(lopend.popleft().result())

    m = b = None
    for _event, el in stroom(data, events=("end",)):
        naam = etree.QName(el).localname
        if naam != "Client" or etree.QName(el.getparent()).localname != "Clienten":
            continue
        m, b = _ns(el.tag), BASIS
        nummer += 1
        if skelet is None:
            root = el.getroottree().getroot()
            skelet = copy.deepcopy(root)
            lijst = skelet.find(f"{{{m}}}Declaratie/{{{m}}}Clienten")
            for kind in list(lijst):
                lijst.remove(kind)
        plek = f"/Bericht/Declaratie/Clienten/Client[{nummer}]"
        bsn = (el.findtext(f"{{{m}}}Bsn") or "").strip()
        if bsn in bsns:
            breed.append(Regelfout("TR101", (plek,), "Binnen een bericht zijn dubbele regels niet toegestaan."))
        bsns.add(bsn)
        eigen_vorige, eigen_referenties = set(), set()
        for i, prestatie in enumerate(el.iterfind(f"{{{m}}}Prestaties/{{{m}}}Prestatie"), start=1):
            lijn = f"{plek}/Prestaties/Prestatie[{i}]/ProductReferentie"
            referentie = prestatie.find(f"{{{m}}}ProductReferentie")
            ref = (referentie.findtext(f"{{{b}}}ReferentieNummer") or "").strip()
            vorig = (referentie.findtext(f"{{{b}}}VorigReferentieNummer") or "").strip()
            if vorig and vorig in vorige:
                breed.append(Regelfout("TR315", (f"{lijn}/VorigReferentieNummer",), ""))
            if (vorig and vorig in referenties) or (ref and ref in vorige):
                breed.append(Regelfout("TR316", (f"{lijn}/ReferentieNummer", f"{lijn}/VorigReferentieNummer"), ""))
            eigen_referenties.add(ref)
            if vorig:
                eigen_vorige.add(vorig)
            som += _bedrag(prestatie.find(f"{{{m}}}IngediendBedrag"), m, b)
        # the same client's own lines are the stylesheet's, in its block
        vorige |= eigen_vorige
        referenties |= eigen_referenties
        wachtend.append(copy.deepcopy(el))
        el.clear(keep_tail=False)
        el.getparent().remove(el)
        if len(wachtend) >= blok:
            spoel(2 * draden)
    if skelet is None:
        return []
    spoel(0)
    totaal = skelet.find(f"{{{m}}}Declaratie/{{{m}}}TotaalIngediendBedrag")
    plek = "/Bericht/Declaratie/TotaalIngediendBedrag"
    opgegeven = _bedrag(totaal, m, b, "TotaalBedrag")
    voor = []
    if opgegeven == 0 and (totaal.findtext(f"{{{b}}}DebetCredit") or "").strip() == "C":
        voor.append(Regelfout("CS325", (f"{plek}/TotaalBedrag", f"{plek}/DebetCredit"), ""))
    if opgegeven != som:
        voor.append(Regelfout("TR358", (f"{plek}/DebetCredit", f"{plek}/TotaalBedrag"), ""))
    return voor + fouten + breed
