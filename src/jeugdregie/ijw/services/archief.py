"""Batches of iJw messages (issue 5 §6, §9, §10): reading a zip of messages safely, processing
a batch entry by entry through ``ontvang``, and the technical user a provider's files are
processed as (``manage.py ijw verwerk``).

The archive is checked whole before any message is processed, so a bad archive changes
nothing: only regular ``.xml`` entries (no folders that escape, no links, no nested archives, no
encryption), at most ``IJW_MAX_ARCHIEF_BERICHTEN`` entries, each at most the message limit
(``xml.veilig.max_bytes``) and together at most ``IJW_MAX_ARCHIEF_BYTES`` unpacked. Sizes are
counted while inflating, in chunks, never taken from the header (zip bombs)."""

from __future__ import annotations

import hashlib
import io
import logging
import stat
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jeugdregie.accounts.models import Gebruiker
from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log
from jeugdregie.organisaties.models import Aanbieder

from ..constants import Berichtstatus, Richting, Weigering
from ..models import Bericht
from ..policies import TECHNISCHE_ROL, aanbieder_van_afzender, is_technische_gebruiker_van
from ..xml.kop import lees_kop
from ..xml.veilig import Berichtweigering, max_bytes
from .ontvangen import Ontvangst, ontvang

logger = logging.getLogger(__name__)
_BLOK = 1024 * 1024
_ARCHIEVEN = (".zip", ".gz", ".tgz", ".tar", ".7z", ".rar", ".bz2", ".xz", ".jar")


def max_berichten() -> int:
    return settings.IJW_MAX_ARCHIEF_BERICHTEN


def max_archief_bytes() -> int:
    """Unpacked total of one archive; also the limit of the uploaded zip itself."""
    return settings.IJW_MAX_ARCHIEF_BYTES


def _weiger(melding: str) -> Berichtweigering:
    return Berichtweigering(Weigering.ARCHIEF, f"Het zip-bestand is geweigerd: {melding}")


def _mib(aantal: int) -> str:
    return f"{aantal / 1024 / 1024:.0f} MiB"


def _controleer_naam(info: zipfile.ZipInfo) -> None:
    naam = info.filename
    pad = PurePosixPath(naam)
    if "\\" in naam or "\x00" in naam or naam.startswith("/") or ".." in pad.parts or ":" in naam:
        raise _weiger(f"'{naam}' is geen veilige bestandsnaam (geen absolute paden, '..', ':' of '\\').")
    if info.flag_bits & 0x1:
        raise _weiger(f"'{naam}' is versleuteld; lever berichten onversleuteld aan (de verbinding is beveiligd).")
    soort = stat.S_IFMT(info.external_attr >> 16)
    if soort not in (0, stat.S_IFREG):
        raise _weiger(f"'{naam}' is geen gewoon bestand (bijvoorbeeld een link); zet alleen XML-bestanden in de zip.")
    if naam.lower().endswith(_ARCHIEVEN):
        raise _weiger(f"'{naam}' is een archief in het archief; zet de berichten zelf in één zip.")
    if not naam.lower().endswith(".xml"):
        raise _weiger(f"'{naam}' is geen .xml-bestand; een zip bevat alleen iJw-berichten (.xml).")


def _inhoud(zip_: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The entries, checked on name, kind and declared size (the real size is counted later)."""
    entries = [info for info in zip_.infolist() if not info.is_dir()]
    if not entries:
        raise _weiger("het bevat geen berichten.")
    if len(entries) > max_berichten():
        raise _weiger(f"het bevat {len(entries)} bestanden; de grens is {max_berichten()} per zip. Splits het.")
    namen = set()
    for info in entries:
        _controleer_naam(info)
        if info.filename in namen:
            raise _weiger(f"'{info.filename}' staat er twee keer in.")
        namen.add(info.filename)
        if info.file_size > max_bytes():
            raise _weiger(f"'{info.filename}' is uitgepakt groter dan {_mib(max_bytes())} (de grens per bericht).")
    if sum(info.file_size for info in entries) > max_archief_bytes():
        raise _weiger(f"uitgepakt is het groter dan {_mib(max_archief_bytes())}. Splits het over meerdere zips.")
    return entries


def _lees(zip_: zipfile.ZipFile, info: zipfile.ZipInfo, *, bewaar: bool) -> tuple[int, bytes]:
    """Inflate one entry in chunks and stop past the message limit, whatever the header says."""
    grens = max_bytes()
    gelezen, delen = 0, []
    try:
        with zip_.open(info) as bestand:
            while blok := bestand.read(_BLOK):
                gelezen += len(blok)
                if gelezen > grens:
                    raise _weiger(f"'{info.filename}' is uitgepakt groter dan {_mib(grens)} (de grens per bericht).")
                if bewaar:
                    delen.append(blok)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        raise _weiger(f"'{info.filename}' is beschadigd of onleesbaar ({exc}).") from None
    return gelezen, b"".join(delen)


def lees_archief(bron: bytes | BinaryIO) -> Iterator[tuple[str, bytes]]:
    """Check the whole archive (names, kinds, real unpacked sizes), then yield ``(naam, bytes)``
    per message. Raises ``Berichtweigering(ARCHIEF)`` before anything is yielded."""
    try:
        zip_ = zipfile.ZipFile(io.BytesIO(bron) if isinstance(bron, bytes | bytearray) else bron)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _weiger(f"het is geen geldig zip-bestand ({exc}).") from None
    entries = _inhoud(zip_)
    totaal = 0
    for info in entries:
        totaal += _lees(zip_, info, bewaar=False)[0]
        if totaal > max_archief_bytes():
            raise _weiger(f"uitgepakt is het groter dan {_mib(max_archief_bytes())}. Splits het over meerdere zips.")
    return ((info.filename, _lees(zip_, info, bewaar=True)[1]) for info in entries)


def is_zip(naam: str = "", data: bytes = b"") -> bool:
    return naam.lower().endswith(".zip") or data[:4] == b"PK\x03\x04"


def weiger_aanlevering(*, fout: Berichtweigering, door, grootte: int, data: bytes = b"") -> Bericht:
    """Log a refusal at the upload boundary, before there is a message to read (a body over the
    limit, a bad archive): a ``geweigerd`` entry in the message log, no retour (IV032 level 1)."""
    aanbieder = aanbieder_van_afzender(door)
    logger.info("ijw_aanlevering_geweigerd", extra={"velden": {"code": fout.code, "grootte": grootte}})
    return Bericht.objects.create(
        richting=Richting.IN,
        berichttype="",
        afzender="",
        ontvanger="",
        identificatie="",
        status=Berichtstatus.GEWEIGERD,
        aanbieder=aanbieder,
        inhoud_hash=hashlib.sha256(data).hexdigest() if data else "",
        grootte=min(grootte, 2**31 - 1),
        melding=f"{fout.code}: {fout.message}"[:2000],
        door=door if getattr(door, "is_authenticated", False) else None,
        verwerkt=timezone.now(),
    )


@dataclass
class Resultaat:
    """The outcome of one message of a batch: its receipt, or the refusal the sender gets."""

    naam: str
    ontvangst: Ontvangst | None = None
    fout: Berichtweigering | None = None

    @property
    def retour_naam(self) -> str:
        """``<name>.<retourtype>.xml`` beside the original (a zip entry keeps its checked folder)."""
        pad = PurePosixPath(self.naam)
        stam = pad.stem if pad.suffix.lower() == ".xml" else pad.name
        assert self.ontvangst is not None and self.ontvangst.retour is not None  # asked only when there is one
        return str(pad.with_name(f"{stam}.{self.ontvangst.retour.berichttype}.xml"))

    def als_rij(self) -> dict:
        if self.fout is not None:
            return {
                "bestand": self.naam,
                "status": Berichtstatus.GEWEIGERD.value,
                "foutcode": self.fout.code,
                "melding": self.fout.message,
            }
        assert self.ontvangst is not None  # a result has either a refusal or a receipt
        bericht, retour = self.ontvangst.bericht, self.ontvangst.retour
        return {
            "bestand": self.naam,
            "berichttype": bericht.berichttype,
            "identificatie": bericht.identificatie,
            "bericht_id": bericht.pk,
            "herhaald": self.ontvangst.herhaald,
            "status": bericht.status,
            "retour": retour.berichttype if retour else "",
            "retour_bestand": self.retour_naam if retour else "",
            "retourcodes": " ".join(bericht.retourcodes),
            "afgekeurde_klassen": len(bericht.fouten),
        }


def verwerk_batch(
    berichten: Iterable[tuple[str, bytes]], *, door=None, context: Toegangscontext | None = None
) -> Iterator[Resultaat]:
    """Process each message on its own (its own transaction and exactly-once key). ``door``: the
    uploading provider user, or None to act as the technical user of each header's sender;
    ``context``: the audit context of an upload through the API (``ontvang``)."""
    for naam, data in berichten:
        try:
            ontvangst = ontvang(data, door=door if door is not None else afzender_van(data), context=context)
        except Berichtweigering as fout:
            yield Resultaat(naam=naam, fout=fout)
        else:
            yield Resultaat(naam=naam, ontvangst=ontvangst)


def afzender_van(data: bytes) -> Gebruiker | None:
    """The technical user of the provider named as Afzender, or None (``ontvang`` then refuses
    the message and logs why)."""
    try:
        kop = lees_kop(data)
    except Berichtweigering:
        return None
    aanbieder = Aanbieder.objects.filter(agb_code=kop.afzender).first()
    return technische_gebruiker(aanbieder) if aanbieder is not None else None


@transaction.atomic
def technische_gebruiker(aanbieder: Aanbieder) -> Gebruiker:
    """The account ``ijw-<agb>`` that file-based intake acts as: role aanbieder for exactly this
    provider, no usable password (it cannot log in), so the sender check of ``ontvang`` holds."""
    gebruiker, nieuw = Gebruiker.objects.get_or_create(
        username=f"ijw-{aanbieder.agb_code}",
        defaults={
            "rol": TECHNISCHE_ROL,
            "aanbieder": aanbieder,
            "first_name": "iJw",
            "last_name": aanbieder.naam[:150],
        },
    )
    if nieuw:
        gebruiker.set_unusable_password()
        gebruiker.save(update_fields=["password"])
        log(
            actie=Actie.AANMAKEN,
            objecttype=Gebruiker._meta.label,
            object_id=gebruiker.pk,
            details="technische iJw-gebruiker",
        )
    if not is_technische_gebruiker_van(gebruiker, aanbieder):
        raise Berichtweigering(
            Weigering.AFZENDER,
            f"Gebruiker {gebruiker.username} bestaat al, maar niet als technische gebruiker van aanbieder "
            f"{aanbieder.agb_code}. Hernoem die gebruiker in het beheer.",
        )
    return gebruiker
