"""Hostile input (issue 5 §9): each refused safely, without a retour and without any state change.
Only the refusal itself is logged, as a message with status ``geweigerd`` and the error the sender
got (IV032 level 1). Every case through the service, the main ones also through the endpoint."""

from __future__ import annotations

import io
import socket
import struct
import zipfile
from datetime import date

import pytest
from django.test import RequestFactory
from rest_framework.test import force_authenticate

from jeugdregie.declaraties.models import Declaratie, Declaratieregel
from jeugdregie.ijw.api.parsers import BerichtXmlParser
from jeugdregie.ijw.api.views import BerichtViewSet
from jeugdregie.ijw.constants import Berichttype
from jeugdregie.ijw.models import Bericht
from jeugdregie.ijw.services.archief import lees_archief
from jeugdregie.ijw.services.ontvangen import ontvang
from jeugdregie.ijw.xml.kop import Bouwer, als_bytes
from jeugdregie.ijw.xml.veilig import Berichtweigering, max_bytes
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.verwijzingen.models import Gebeurtenis, Verwijzing
from jeugdregie.verzoeken.models import Toewijzingsverzoek

from .builders.ijw.interfaces import API, jw305, toegewezen

MB = 1024 * 1024
PASSWD = b"root:x:0:0"


@pytest.fixture(autouse=True)
def geen_netwerk(monkeypatch):
    """No case may open a network connection (external DTD, XXE over http)."""

    def verboden(*args, **kwargs):
        raise AssertionError("netwerkverbinding geprobeerd")

    monkeypatch.setattr(socket, "create_connection", verboden)
    monkeypatch.setattr(socket.socket, "connect", verboden)


@pytest.fixture
def zorg(route):
    """The route with an accepted allocation (care not started) and a valid JW305 for it."""
    route["toewijzing"] = toegewezen(route)
    route["jw305"] = jw305(route, route["toewijzing"])
    return route


def _stand(route) -> dict:
    """Everything a message could change in the domain, plus the log."""
    toewijzing = Toewijzing.objects.get(pk=route["toewijzing"].pk)
    return {
        "toewijzing": (toewijzing.status, toewijzing.startdatum_zorg, toewijzing.stopdatum_zorg),
        "aantallen": [
            m.objects.count()
            for m in (Toewijzing, Verwijzing, Gebeurtenis, Toewijzingsverzoek, Declaratie, Declaratieregel, Jeugdige)
        ],
        "berichten": list(Bericht.objects.values_list("pk", flat=True)),
    }


def _alleen_weigering_gelogd(route, voor: dict, code: str) -> Bericht:
    """Nothing changed but one refused inbound message; no retour was made."""
    na = _stand(route)
    assert (na["toewijzing"], na["aantallen"]) == (voor["toewijzing"], voor["aantallen"])
    nieuw = Bericht.objects.exclude(pk__in=voor["berichten"])
    assert [(b.richting, b.status) for b in nieuw] == [("in", "geweigerd")]
    assert not Bericht.objects.filter(richting="uit").exists()
    geweigerd = nieuw.get()
    assert geweigerd.melding.startswith(f"{code}: ") and geweigerd.retourcodes == [] and geweigerd.inhoud is None
    assert PASSWD not in geweigerd.melding.encode()
    return geweigerd


def _via_service(route, data: bytes, code: str, *, wie="aanbieder") -> Berichtweigering:
    voor = _stand(route)
    with pytest.raises(Berichtweigering) as fout:
        ontvang(data, door=route["gebruikers"][wie])
    assert fout.value.code == code
    _alleen_weigering_gelogd(route, voor, code)
    return fout.value


def _via_http(client, route, data: bytes, code: str, *, content_type="application/xml") -> dict:
    voor = _stand(route)
    client.force_login(route["gebruikers"]["aanbieder"])
    antwoord = client.post(API, data=data, content_type=content_type)
    assert antwoord.status_code == 400 and antwoord["Content-Type"] == "application/json"
    assert PASSWD not in antwoord.content
    fouten = antwoord.json()["fouten"]
    assert [f["code"] for f in fouten] == [code]
    _alleen_weigering_gelogd(route, voor, code)
    return fouten[0]


def _met_doctype(jw305: bytes, doctype: bytes, *, in_naam: bytes = b"") -> bytes:
    """The valid message with a DOCTYPE before its root and ``in_naam`` as the surname."""
    proloog, rest = jw305.split(b"\n", 1)
    if in_naam:
        begin = rest.index(b"<ijw:Achternaam>") + len(b"<ijw:Achternaam>")
        rest = rest[:begin] + in_naam + rest[rest.index(b"</ijw:Achternaam>") :]
    return proloog + b"\n" + doctype + b"\n" + rest


XXE = b'<!DOCTYPE jw305:Bericht [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LACHEN = (
    b"<!DOCTYPE jw305:Bericht ["
    + b'<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10) for i in range(1, 10)
    )
    + b"]>"
)
EXTERNE_DTD = b'<!DOCTYPE jw305:Bericht SYSTEM "http://aanvaller.example/ijw.dtd">'


# --- Entities and DTDs: refused before parsing, no file or network read ---------------------


def test_xxe_wordt_geweigerd(zorg):
    """Issue 5 §9: an external entity to file:///etc/passwd is refused; the file is never read."""
    fout = _via_service(zorg, _met_doctype(zorg["jw305"], XXE, in_naam=b"&xxe;"), "IJW002")
    assert "DOCTYPE" in fout.message


def test_xxe_via_endpoint(client, zorg):
    fout = _via_http(client, zorg, _met_doctype(zorg["jw305"], XXE, in_naam=b"&xxe;"), "IJW002")
    assert fout["melding"].startswith("Het bericht bevat een DOCTYPE- of ENTITY-declaratie.")


def test_billion_laughs_wordt_geweigerd(zorg):
    """Issue 5 §9: nested entity expansion is refused before any expansion."""
    _via_service(zorg, _met_doctype(zorg["jw305"], LACHEN, in_naam=b"&lol9;"), "IJW002")


def test_billion_laughs_via_endpoint(client, zorg):
    _via_http(client, zorg, _met_doctype(zorg["jw305"], LACHEN, in_naam=b"&lol9;"), "IJW002")


def test_externe_dtd_wordt_geweigerd_zonder_netwerk(zorg):
    """Issue 5 §9: an external DTD (SYSTEM "http://...") is refused; no connection is made."""
    _via_service(zorg, _met_doctype(zorg["jw305"], EXTERNE_DTD), "IJW002")


def test_externe_dtd_via_endpoint(client, zorg):
    _via_http(client, zorg, _met_doctype(zorg["jw305"], EXTERNE_DTD), "IJW002")


def test_entiteit_zonder_doctype_is_geen_goedgevormde_xml(zorg):
    """An entity reference without a declaration never resolves to anything."""
    _via_service(zorg, zorg["jw305"].replace(b"</ijw:Achternaam>", b"&xxe;</ijw:Achternaam>"), "IJW003")


# --- Size: 50 MB message and zip bombs -------------------------------------------------------


def test_bericht_van_50_mb_wordt_geweigerd(zorg):
    """Issue 5 §9: a 50 MB message is refused on its size, before parsing."""
    data = zorg["jw305"] + b" " * (50 * MB)
    fout = _via_service(zorg, data, "IJW001")
    assert fout.message.startswith("Het bericht is 50.0 MiB; de grens is 32 MiB per bericht.")


class _Stroom(io.RawIOBase):
    """A request body that counts what is read from it."""

    def __init__(self, grootte: int):
        self.grootte, self.gelezen = grootte, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = min(len(buffer), self.grootte - self.gelezen)
        buffer[:n] = b" " * n
        self.gelezen += n
        return n


def test_bericht_van_50_mb_via_endpoint_wordt_niet_ingelezen(zorg):
    """Issue 5 §9: the endpoint refuses on Content-Length before reading a byte of the body."""
    voor = _stand(zorg)
    request = RequestFactory().generic("POST", API, data=b"", content_type="application/xml")
    stroom = _Stroom(50 * MB)
    request.META["CONTENT_LENGTH"] = str(50 * MB)
    request._stream = stroom
    force_authenticate(request, user=zorg["gebruikers"]["aanbieder"])
    antwoord = BerichtViewSet.as_view({"post": "create"})(request)
    assert antwoord.status_code == 400 and antwoord.data["fouten"][0]["code"] == "IJW001"
    assert stroom.gelezen == 0
    assert _alleen_weigering_gelogd(zorg, voor, "IJW001").grootte == 50 * MB


def test_parser_leest_nooit_meer_dan_de_grens_plus_een():
    """Whatever Content-Length claims, the body is read up to the limit + 1 byte, then refused."""
    stroom = _Stroom(max_bytes() + 5 * MB)
    with pytest.raises(Berichtweigering) as fout:
        BerichtXmlParser().parse(stroom)
    assert fout.value.code == "IJW001" and stroom.gelezen == max_bytes() + 1


def _zip(*entries: tuple[str, bytes], **opties) -> bytes:
    bron = io.BytesIO()
    with zipfile.ZipFile(bron, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for naam, data in entries:
            z.writestr(_info(naam, **opties) if opties else naam, data)
    return bron.getvalue()


def _info(naam: str, *, symlink: bool = False) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(naam)
    info.compress_type = zipfile.ZIP_DEFLATED
    if symlink:
        info.external_attr = (0o120777 << 16) | 0x20
    return info


def _versleuteld(data: bytes) -> bytes:
    """Set the 'encrypted' bit (general purpose flag bit 0) in the local and central headers."""
    data = bytearray(data)
    data[data.index(b"PK\x03\x04") + 6] |= 0x1
    data[data.index(b"PK\x01\x02") + 8] |= 0x1
    return bytes(data)


def _liegende_kop(data: bytes, grootte: int) -> bytes:
    """Patch the unpacked size in the local header and the central directory to ``grootte``."""
    data = bytearray(data)
    lokaal = data.index(b"PK\x03\x04")
    struct.pack_into("<I", data, lokaal + 22, grootte)
    centraal = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, centraal + 24, grootte)
    return bytes(data)


def test_zipbom_wordt_geweigerd(zorg):
    """Issue 5 §9: an entry that inflates beyond the message limit (50 MB of zeros, ~50 kB packed)."""
    bom = _zip(("bom.xml", b"\0" * (50 * MB)))
    assert len(bom) < MB
    voor = _stand(zorg)
    with pytest.raises(Berichtweigering) as fout:
        lees_archief(bom)
    assert fout.value.code == "IJW009"
    assert (
        fout.value.message
        == "Het zip-bestand is geweigerd: 'bom.xml' is uitgepakt groter dan 32 MiB (de grens per bericht)."
    )
    assert _stand(zorg) == voor


def test_zipbom_met_liegende_kop_wordt_geweigerd(zorg):
    """The header claims 1 kB; inflating stops at the claimed size and the archive is refused."""
    bom = _liegende_kop(_zip(("bom.xml", b"\0" * (50 * MB))), 1024)
    with pytest.raises(Berichtweigering) as fout:
        list(lees_archief(bom))
    assert fout.value.code == "IJW009" and "'bom.xml'" in fout.value.message


def test_zipbom_via_endpoint(client, zorg):
    bom = _zip(("start.xml", zorg["jw305"]), ("bom.xml", b"\0" * (50 * MB)))
    fout = _via_http(client, zorg, bom, "IJW009", content_type="application/zip")
    assert "'bom.xml' is uitgepakt groter dan 32 MiB" in fout["melding"]
    # the good message in the same zip was not processed either: the archive is checked whole first
    assert not Bericht.objects.filter(status="verwerkt").exists()


@pytest.mark.parametrize(
    ("entries", "opties", "melding"),
    [
        ([("../../etc/cron.d/x.xml", b"<x/>")], {}, "is geen veilige bestandsnaam"),
        ([("/tmp/x.xml", b"<x/>")], {}, "is geen veilige bestandsnaam"),
        ([("c:\\x.xml", b"<x/>")], {}, "is geen veilige bestandsnaam"),
        ([("binnen.zip", b"PK")], {}, "is een archief in het archief"),
        ([("leesmij.txt", b"hallo")], {}, "is geen .xml-bestand"),
        ([("link.xml", b"/etc/passwd")], {"symlink": True}, "is geen gewoon bestand"),
        ([("a.xml", b"<x/>"), ("a.xml", b"<y/>")], {}, "staat er twee keer in"),
        ([], {}, "het bevat geen berichten"),
    ],
)
@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_onveilig_archief_wordt_geheel_geweigerd(zorg, entries, opties, melding):
    """Only regular .xml entries with safe names; nothing nested, encrypted or linked."""
    voor = _stand(zorg)
    with pytest.raises(Berichtweigering) as fout:
        lees_archief(_zip(*entries, **opties))
    assert fout.value.code == "IJW009" and melding in fout.value.message
    assert _stand(zorg) == voor


def test_versleuteld_archief_wordt_geweigerd(zorg):
    voor = _stand(zorg)
    with pytest.raises(Berichtweigering, match=r"'geheim\.xml' is versleuteld; lever berichten onversleuteld aan"):
        lees_archief(_versleuteld(_zip(("geheim.xml", zorg["jw305"]))))
    assert _stand(zorg) == voor


def test_archief_met_te_veel_berichten_of_te_groot_wordt_geweigerd(zorg, settings):
    settings.IJW_MAX_ARCHIEF_BERICHTEN = 3
    with pytest.raises(Berichtweigering, match="het bevat 4 bestanden; de grens is 3 per zip"):
        lees_archief(_zip(*[(f"{i}.xml", b"<x/>") for i in range(4)]))
    settings.IJW_MAX_ARCHIEF_BERICHTEN = 10
    settings.IJW_MAX_ARCHIEF_BYTES = 2 * MB
    with pytest.raises(Berichtweigering, match="uitgepakt is het groter dan 2 MiB"):
        lees_archief(_zip(*[(f"{i}.xml", b" " * MB) for i in range(3)]))


def test_geen_zip_wordt_geweigerd(client, zorg):
    _via_http(client, zorg, b"dit is geen zip", "IJW009", content_type="application/zip")


# --- Wrong namespace, berichtcode, sender and message type ----------------------------------


def test_verkeerde_namespace_wordt_geweigerd(zorg):
    """Issue 5 §9: an iJw 3.1 namespace (or any other) is not an iJw 3.2 message."""
    data = zorg["jw305"].replace(b"/ijw/3_2/jw305/schema", b"/ijw/3_1/jw305/schema")
    fout = _via_service(zorg, data, "IJW004")
    assert "namespace 'http://www.istandaarden.nl/ijw/3_1/jw305/schema'" in fout.message


def test_verkeerde_namespace_via_endpoint(client, zorg):
    data = zorg["jw305"].replace(b"/ijw/3_2/jw305/schema", b"/ijw/3_1/jw305/schema")
    _via_http(client, zorg, data, "IJW004")


def test_verkeerde_berichtcode_wordt_geweigerd(zorg):
    """Issue 5 §9: BerichtCode 440 (JW307) in a JW305 fails its XSD (fixed 438)."""
    data = zorg["jw305"].replace(b"<jw305:BerichtCode>438<", b"<jw305:BerichtCode>440<")
    fout = _via_service(zorg, data, "IJW005")
    assert "BerichtCode" in fout.message and "'440'" in fout.message


def test_verkeerde_berichtcode_via_endpoint(client, zorg):
    data = zorg["jw305"].replace(b"<jw305:BerichtCode>438<", b"<jw305:BerichtCode>440<")
    _via_http(client, zorg, data, "IJW005")


def test_andere_afzender_dan_ingelogd_wordt_geweigerd(zorg):
    """Issue 5 §9: a header claiming another provider than the authenticated one."""
    data = jw305(zorg, zorg["toewijzing"], afzender=zorg["andere_aanbieder"].agb_code)
    fout = _via_service(zorg, data, "IJW006")
    assert fout.message.startswith(f"De header noemt afzender {zorg['andere_aanbieder'].agb_code}, maar u bent")


def test_andere_afzender_via_endpoint(client, zorg):
    data = jw305(zorg, zorg["toewijzing"], afzender=zorg["andere_aanbieder"].agb_code)
    _via_http(client, zorg, data, "IJW006")


def _jw301(route) -> bytes:
    b = Bouwer(Berichttype.JW301)
    root = b.root()
    b.header(
        root,
        afzender=route["zwolle"].cbs_code,
        ontvanger=route["aanbieder"].agb_code,
        identificatie="301000000001",
        dagtekening=date(2026, 3, 10),
    )
    return als_bytes(root)


def test_aanbieder_kan_geen_jw301_sturen(zorg):
    """Issue 5 §9: a message type a provider may not send (a toewijzing is the municipality's)."""
    fout = _via_service(zorg, _jw301(zorg), "IJW008")
    assert fout.message.startswith("Een JW301 kan hier niet worden ingediend.")


def test_aanbieder_kan_geen_jw301_sturen_via_endpoint(client, zorg):
    _via_http(client, zorg, _jw301(zorg), "IJW008")
