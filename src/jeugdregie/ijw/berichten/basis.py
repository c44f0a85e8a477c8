"""What the receiver hands a handler, and what a handler gives back (IV032/IV088)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from lxml import etree

from jeugdregie.common.tijd import datum_van

from ..constants import NS_BASIS, namespace
from ..xml.kop import Kop
from ..xml.veilig import lees

if TYPE_CHECKING:
    from ..models import Bericht


class Inhoudsfout(Exception):
    """IV032 level 2: a rule inside the message failed. The retour is the header with 0001; the
    message (Dutch) is kept in the log and returned to the sender. ``retourcode`` replaces 0001
    for a header-level rule with its own code (TR135: 8848)."""

    def __init__(self, toelichting: str, *, regel: str = "", retourcode: str = ""):
        super().__init__(toelichting)
        self.toelichting = toelichting
        self.regel = regel
        self.retourcode = retourcode


@dataclass
class Inkomend:
    kop: Kop
    data: bytes
    aanbieder: object
    gemeente: object
    door: object
    bericht: Bericht
    ontvangen_op: datetime
    retour_identificatie: str

    @cached_property
    def root(self) -> etree._Element:
        """The whole tree (small message types only; JW323 streams ``data``)."""
        return lees(self.data)

    @property
    def ns(self) -> dict[str, str]:
        return {"m": namespace(self.kop.berichttype), "ijw": NS_BASIS}

    @property
    def vandaag(self) -> date:
        """The Amsterdam calendar date of the receipt (R-B9): the date every rule of the message uses."""
        return datum_van(self.ontvangen_op)


@dataclass
class Uitkomst:
    """``retour``: the retour message. ``bewaar``: keep the state changes (False rolls the whole
    handler back: IV032 level 3/4 rejects the whole message; JW323 keeps its approved lines).
    ``fouten``: per failing class ``{"klasse", "sleutel", "codes", "toelichting"}``."""

    retour: etree._Element
    bewaar: bool = True
    fouten: list[dict] = field(default_factory=list)
    jeugdige_id: int | None = None
    toewijzing_id: int | None = None
    declaratie_id: int | None = None

    @property
    def afgekeurd(self) -> bool:
        return bool(self.fouten)
