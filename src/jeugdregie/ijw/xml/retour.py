"""Retour messages that echo the inbound message (JW306, JW308, JW316, JW318; IV032): the
original with the retour's namespace and berichtcode, the retour fields in the header, and
``RetourCodes`` at the end of every berichtklasse. JW325 is built by its own handler."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from datetime import date

from lxml import etree

from ..constants import BERICHTCODE, Berichttype, Retourcode, namespace
from .kop import Bouwer


def _hernoem(element: etree._Element, van: str, naar: str) -> None:
    for el in element.iter(etree.Element):
        qname = etree.QName(el)
        if qname.namespace == van:
            el.tag = f"{{{naar}}}{qname.localname}"


def _retourheader(bouwer: Bouwer, header: etree._Element, identificatie: str, dagtekening: date, codes) -> None:
    header.find(bouwer.m("BerichtCode")).text = BERICHTCODE[bouwer.berichttype]
    for naam in ("IdentificatieRetour", "DagtekeningRetour", "XsltVersie", "XsdVersieRetour", "RetourCodes"):
        for oud in header.findall(bouwer.m(naam)):
            header.remove(oud)
    bouwer.sub(header, bouwer.m("IdentificatieRetour"), identificatie)
    bouwer.sub(header, bouwer.m("DagtekeningRetour"), dagtekening.isoformat())
    bouwer.xsd_versie(header, "XsdVersieRetour")
    bouwer.retourcodes(header, codes)


def retour(
    origineel: etree._Element,
    *,
    retourtype: Berichttype,
    klassen: Sequence[str],
    codes: Mapping[etree._Element, Sequence[str]],
    standaard: str,
    identificatie: str,
    dagtekening: date,
    header_codes: Sequence[str] = (Retourcode.GEEN_OPMERKING,),
) -> etree._Element:
    """``klassen``: local names of the berichtklassen below the header (e.g. Client,
    StartProduct); each gets ``codes[element]`` (elements of ``origineel``) or ``standaard``."""
    bouwer = Bouwer(retourtype)
    van = etree.QName(origineel).namespace
    kopie = copy.deepcopy(origineel)
    paren = dict(zip(origineel.iter(etree.Element), kopie.iter(etree.Element), strict=True))
    gekopieerde_codes = {paren[element]: lijst for element, lijst in codes.items()}
    _hernoem(kopie, van, namespace(retourtype))
    root = bouwer.root()
    for kind in list(kopie):
        root.append(kind)
    _retourheader(bouwer, root.find(bouwer.m("Header")), identificatie, dagtekening, header_codes)
    klassetags = {bouwer.m(naam) for naam in klassen}
    for element in list(root.iter(*klassetags)):
        bouwer.retourcodes(element, gekopieerde_codes.get(element) or [standaard])
    etree.cleanup_namespaces(root)
    return root


def alleen_header(
    origineel: etree._Element, *, retourtype: Berichttype, identificatie: str, dagtekening: date, code: str
) -> etree._Element:
    """IV032 level 2: an in-message rule failed; the retour is the header with ``code`` (0001)."""
    bouwer = Bouwer(retourtype)
    header = copy.deepcopy(origineel.find(f"{{{etree.QName(origineel).namespace}}}Header"))
    _hernoem(header, etree.QName(origineel).namespace, bouwer.ns)
    root = bouwer.root()
    root.append(header)
    _retourheader(bouwer, header, identificatie, dagtekening, [code])
    etree.cleanup_namespaces(root)
    return root
