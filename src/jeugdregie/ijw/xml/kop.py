"""Reading the message type and header of an inbound message without parsing its body, and
writing headers of outbound and retour messages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lxml import etree

from ..constants import (
    BERICHTCODE,
    BERICHTSUBVERSIE,
    BERICHTVERSIE,
    NS_BASIS,
    TYPE_VAN_NAMESPACE,
    XSD_VERSIE,
    Berichttype,
    Weigering,
    namespace,
)
from .veilig import Berichtweigering, stroom


@dataclass(frozen=True)
class Kop:
    berichttype: Berichttype
    berichtcode: str
    afzender: str
    ontvanger: str
    identificatie: str
    dagtekening: date | None
    basisschema_xsd: str
    bericht_xsd: str


def _tekst(header: etree._Element, ns: str, pad: str) -> str:
    waarde = header.findtext(pad, namespaces={"m": ns, "ijw": NS_BASIS})
    return (waarde or "").strip()


def _datum(waarde: str) -> date | None:
    try:
        return date.fromisoformat(waarde)
    except ValueError:
        return None


def kop_uit_header(berichttype: Berichttype, header: etree._Element) -> Kop:
    ns = namespace(berichttype)
    return Kop(
        berichttype=berichttype,
        berichtcode=_tekst(header, ns, "m:BerichtCode"),
        afzender=_tekst(header, ns, "m:Afzender"),
        ontvanger=_tekst(header, ns, "m:Ontvanger"),
        identificatie=_tekst(header, ns, "m:BerichtIdentificatie/ijw:Identificatie"),
        dagtekening=_datum(_tekst(header, ns, "m:BerichtIdentificatie/ijw:Dagtekening")),
        basisschema_xsd=_tekst(header, ns, "m:XsdVersie/ijw:BasisschemaXsdVersie"),
        bericht_xsd=_tekst(header, ns, "m:XsdVersie/ijw:BerichtXsdVersie"),
    )


def berichttype_van(root_tag: str) -> Berichttype:
    qname = etree.QName(root_tag)
    berichttype = TYPE_VAN_NAMESPACE.get(qname.namespace or "")
    if berichttype is None or qname.localname != "Bericht":
        raise Berichtweigering(
            Weigering.ONBEKEND_TYPE,
            f"Onbekend bericht <{qname.localname}> in namespace '{qname.namespace or ''}'. "
            "Verwacht een iJw 3.2-bericht "
            "(namespace http://www.istandaarden.nl/ijw/3_2/jwNNN/schema).",
        )
    return berichttype


def lees_kop(data: bytes) -> Kop:
    """The type (from the root's namespace) and the header, streamed: the body is not parsed."""
    berichttype = None
    try:
        for event, element in stroom(data, events=("start", "end")):
            if berichttype is None:
                berichttype = berichttype_van(element.tag)
                continue
            if event == "end" and etree.QName(element.tag).localname == "Header":
                return kop_uit_header(berichttype, element)
    except etree.XMLSyntaxError as exc:
        raise Berichtweigering(
            Weigering.GEEN_XML, f"Het bericht is geen goedgevormde XML: {exc.msg} (regel {exc.lineno})."
        ) from None
    raise Berichtweigering(Weigering.SCHEMA, "Het bericht heeft geen Header.")


class Bouwer:
    """Element factory for one message type: ``m("Client")`` in the message namespace,
    ``b("Bedrag")`` in the basisschema namespace; ``sub`` appends a child with text."""

    def __init__(self, berichttype: str):
        self.berichttype = Berichttype(berichttype)
        self.ns = namespace(berichttype)
        self.nsmap = {berichttype.lower(): self.ns, "ijw": NS_BASIS}

    def m(self, naam: str) -> str:
        return f"{{{self.ns}}}{naam}"

    def b(self, naam: str) -> str:
        return f"{{{NS_BASIS}}}{naam}"

    def root(self) -> etree._Element:
        return etree.Element(self.m("Bericht"), nsmap=self.nsmap)

    def sub(self, ouder: etree._Element, tag: str, tekst: object | None = None) -> etree._Element:
        element = etree.SubElement(ouder, tag)
        if tekst is not None:
            element.text = str(tekst)
        return element

    def header(self, root: etree._Element, *, afzender: str, ontvanger: str, identificatie: str, dagtekening: date):
        """The common start of every header: code, version, parties, identity, XSD version."""
        header = self.sub(root, self.m("Header"))
        self.sub(header, self.m("BerichtCode"), BERICHTCODE[self.berichttype])
        self.sub(header, self.m("BerichtVersie"), BERICHTVERSIE)
        self.sub(header, self.m("BerichtSubversie"), BERICHTSUBVERSIE)
        self.sub(header, self.m("Afzender"), afzender)
        self.sub(header, self.m("Ontvanger"), ontvanger)
        ident = self.sub(header, self.m("BerichtIdentificatie"))
        self.sub(ident, self.b("Identificatie"), identificatie)
        self.sub(ident, self.b("Dagtekening"), dagtekening.isoformat())
        self.xsd_versie(header, "XsdVersie")
        return header

    def xsd_versie(self, ouder: etree._Element, naam: str) -> etree._Element:
        versie = self.sub(ouder, self.m(naam))
        self.sub(versie, self.b("BasisschemaXsdVersie"), XSD_VERSIE)
        self.sub(versie, self.b("BerichtXsdVersie"), XSD_VERSIE)
        return versie

    def retourcodes(self, ouder: etree._Element, codes) -> etree._Element:
        element = self.sub(ouder, self.m("RetourCodes"))
        for code in codes:
            self.sub(element, self.m("RetourCode"), code)
        return element


def als_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
