"""The hash chain over the audit log (R-P6): tamper evidence that does not trust the database.

Each row stores ``ketenhash = SHA-256(previous row's ketenhash + "\\n" + canonical content)``,
the chain ordered by id; the first row chains to ``BEGIN``. Changing, inserting or removing a row
in the middle breaks the chain at that row or the next one; ``manage.py audit verifieer`` walks
it. Removing rows from the *end* leaves a shorter valid chain, so the backup script and the
verification print the count and the last hash, to be compared with an earlier record.

The canonical form is versioned (``v1``) and used by migration 0004 as well: never change it in
place. A new form needs a new version tag and rows that say which version they use.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

BEGIN = "0" * 64
VERSIE = "v1"

#: The fields of an audit row that the hash covers, in this order (the id is the chain order).
VELDEN = (
    "tijdstip",
    "gebruiker_id",
    "gebruikersnaam",
    "rol",
    "organisatie",
    "namens",
    "actie",
    "objecttype",
    "object_id",
    "client_id",
    "client_pseudoniem",
    "doel",
    "uitkomst",
    "details",
    "request_id",
    "bronadres",
)


def canoniek(velden: dict, jeugdigen: Iterable[tuple[int, str]] = ()) -> bytes:
    """The row as canonical JSON: fields in ``VELDEN`` order, the moment in UTC with
    microseconds, the children of an export sorted by internal id."""
    inhoud = []
    for veld in VELDEN:
        waarde = velden[veld]
        if isinstance(waarde, datetime):
            waarde = waarde.astimezone(UTC).isoformat(timespec="microseconds")
        inhoud.append(waarde if waarde is None or isinstance(waarde, int) else str(waarde))
    inhoud.append(sorted([int(client_id), str(pseudoniem)] for client_id, pseudoniem in jeugdigen))
    return json.dumps([VERSIE, inhoud], ensure_ascii=False, separators=(",", ":")).encode()


def schakel(vorige: str, velden: dict, jeugdigen: Iterable[tuple[int, str]] = ()) -> str:
    """The chain hash of a row whose predecessor has hash ``vorige``."""
    return hashlib.sha256(vorige.encode("ascii") + b"\n" + canoniek(velden, jeugdigen)).hexdigest()


@dataclass(frozen=True)
class Breuk:
    id: int
    tijdstip: datetime


@dataclass(frozen=True)
class Verificatie:
    aantal: int
    laatste_hash: str
    breuk: Breuk | None

    @property
    def intact(self) -> bool:
        return self.breuk is None


def loop_keten(regels: Iterator[tuple[int, dict, list[tuple[int, str]], str]], *, vorige: str = BEGIN) -> Verificatie:
    """Walk ``(id, fields, children, stored hash)`` in id order; stop at the first row whose
    stored hash is not the one the chain gives. ``vorige``: the stored hash of the row before the
    first one walked (``BEGIN`` for the whole chain)."""
    aantal = 0
    for regel_id, velden, jeugdigen, opgeslagen in regels:
        verwacht = schakel(vorige, velden, jeugdigen)
        if opgeslagen != verwacht:
            return Verificatie(
                aantal=aantal, laatste_hash=vorige, breuk=Breuk(id=regel_id, tijdstip=velden["tijdstip"])
            )
        vorige, aantal = opgeslagen, aantal + 1
    return Verificatie(aantal=aantal, laatste_hash=vorige, breuk=None)
