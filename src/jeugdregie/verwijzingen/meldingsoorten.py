"""Issue 19 §3: the kind and link of a notification recognised from its subject, for the rows
made before notifications carried them (the migration ``0003``) and for the synthetic region,
which writes its rows in bulk with the services' subjects. The services set both themselves."""

from __future__ import annotations

import re
from typing import NamedTuple

from jeugdregie.verwijzingen.constants import MeldingDoel, MeldingSoort


class Herkend(NamedTuple):
    soort: MeldingSoort
    doel: str  # a ``MeldingDoel`` or "" (the child's page)
    doel_id: int | None
    #: For a subject naming an allocation: its id (the link is the allocation's referral).
    toewijzing_id: int | None = None


_TERMIJN = re.compile(r"^Antwoordtermijn (JW315|JW317) verzoek (\d+)")
_VERWIJZING = re.compile(r"^Verwijzing (\d+) niet geaccepteerd")
_TOEWIJZING = re.compile(r"toewijzing (\d+)", re.IGNORECASE)
_AANPASSING_VERWIJZING = re.compile(r"^Aanpassing \d+ \(reden 4\) toegekend")


def herken(onderwerp: str, *, aan_aanbieder: bool = False) -> Herkend:
    """The kind, link and allocation named by a subject as the services write it."""
    if m := _TERMIJN.match(onderwerp):
        doel = MeldingDoel.VERZOEK if m.group(1) == "JW315" else MeldingDoel.AANPASSING
        return Herkend(MeldingSoort.ANTWOORDTERMIJN, doel, int(m.group(2)))
    if m := _VERWIJZING.match(onderwerp):
        return Herkend(MeldingSoort.NIET_GEACCEPTEERD, MeldingDoel.VERWIJZING, int(m.group(1)))
    if _AANPASSING_VERWIJZING.match(onderwerp):
        return Herkend(MeldingSoort.AANPASSING_TOEGEKEND, "", None)
    toewijzing = _TOEWIJZING.search(onderwerp)
    toewijzing_id = int(toewijzing.group(1)) if toewijzing else None
    if onderwerp.startswith("Zorg gestopt") or onderwerp.startswith("Zorg tussentijds gestopt"):
        return Herkend(MeldingSoort.ZORG_GESTOPT, "", None, toewijzing_id)
    if onderwerp.startswith("Verblijf eerder beëindigd") or onderwerp.startswith("Einde verblijf te laat"):
        # R-W9: the other providers get the child's page, not another provider's allocation
        return Herkend(MeldingSoort.AFWIJKEND_EINDE, "", None, None if aan_aanbieder else toewijzing_id)
    if onderwerp.startswith("Toewijzing") and "ingetrokken" in onderwerp:
        return Herkend(MeldingSoort.TOEWIJZING_INGETROKKEN, "", None, toewijzing_id)
    return Herkend(MeldingSoort.OVERIG, "", None)
