"""The half-yearly export of trajectories in the CBS Beleidsinformatie Jeugd layout (issue 21
item 10): one row per trajectory active in the half year, keyed by the pseudonym (R-P3, never
the BSN), with the municipality's CBS code, hulpvorm, measure, verwijzer, begin, end and reason of
ending (``cbs_indeling``). Every export is audit-logged with the young people it contained
(R-P2, R-P6); the page and the management command call this one service."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.common.errors import DomainError
from jeugdregie.organisaties.models import Gemeente, Regio

from .cbs_indeling import Traject, trajecten

_PATROON = re.compile(r"^(\d{4})-?H([12])$", re.IGNORECASE)


class CbsFout(models.TextChoices):
    HALFJAAR_ONGELDIG = "CBS01", gettext_lazy("Halfjaar ongeldig")
    REFERENTIE_ONGELDIG = "CBS02", gettext_lazy("Referentiecijfers ongeldig")


@dataclass(frozen=True)
class Halfjaar:
    jaar: int
    helft: int  # 1 or 2

    @classmethod
    def lees(cls, tekst: str) -> Halfjaar:
        """``2026-H1`` or ``2026H2``; a DomainError that says what to enter otherwise."""
        treffer = _PATROON.match((tekst or "").strip())
        if not treffer:
            raise DomainError(
                CbsFout.HALFJAAR_ONGELDIG,
                _("Vul het halfjaar in als jaar-H1 of jaar-H2, bijvoorbeeld 2026-H1."),
                field="halfjaar",
            )
        jaar = int(treffer.group(1))
        if not 2000 <= jaar <= 2100:
            raise DomainError(CbsFout.HALFJAAR_ONGELDIG, _("Kies een jaar tussen 2000 en 2100."), field="halfjaar")
        return cls(jaar, int(treffer.group(2)))

    @property
    def van(self) -> date:
        return date(self.jaar, 1 if self.helft == 1 else 7, 1)

    @property
    def tot(self) -> date:
        return date(self.jaar, 6, 30) if self.helft == 1 else date(self.jaar, 12, 31)

    @property
    def label(self) -> str:
        return f"{self.jaar}-H{self.helft}"


def kolommen() -> list[str]:
    return [
        _("Verslagperiode"),
        _("Cliëntsleutel (pseudoniem)"),
        _("Gemeentecode"),
        _("Hulpvorm (code)"),
        _("Hulpvorm"),
        _("Jeugdbescherming"),
        _("Verwijzer (code)"),
        _("Verwijzer"),
        _("Begindatum"),
        _("Einddatum"),
        _("Reden beëindiging (code)"),
        _("Reden beëindiging"),
    ]


def rij(traject: Traject, halfjaar: Halfjaar) -> list:
    return [
        halfjaar.label,
        traject.pseudoniem,
        traject.gemeente_cbs,
        traject.hulpvorm.value,
        str(traject.hulpvorm.label),
        str(traject.jeugdbescherming.label) if traject.jeugdbescherming else "",
        traject.verwijzer.value,
        str(traject.verwijzer.label),
        traject.begin,
        traject.eind or "",
        traject.reden.value if traject.reden else "",
        str(traject.reden.label) if traject.reden else "",
    ]


@dataclass(frozen=True)
class CbsExport:
    halfjaar: Halfjaar
    trajecten: list[Traject]

    @property
    def naam(self) -> str:
        return f"cbs-jeugdhulptrajecten-{self.halfjaar.label}"

    def kolommen(self) -> list[str]:
        return kolommen()

    def rijen(self):
        for traject in self.trajecten:
            yield rij(traject, self.halfjaar)


def exporteer(*, regio: Regio, halfjaar: Halfjaar, door=None, context=None, via: str = "") -> CbsExport:
    """The trajectories of ``regio``'s municipalities active in ``halfjaar``, as known at its
    end, audit-logged as an export naming every young person in it (R-P6). ``door`` None: a
    management command (``via`` says which)."""
    ids = list(Gemeente.objects.filter(regio=regio).values_list("pk", flat=True))
    gevonden = trajecten(gemeente_ids=ids, van=halfjaar.van, tot=halfjaar.tot)
    log(
        actie=Actie.EXPORTEREN,
        objecttype="toewijzingen.Toewijzing",
        door=door,
        context=context,
        doel="CBS Beleidsinformatie Jeugd",
        details=(
            f"CBS-export {halfjaar.label} regio {regio.pk}: {len(gevonden)} trajecten, gepseudonimiseerd"
            + (f" ({via})" if via else "")
        ),
        jeugdigen=list(dict.fromkeys((t.jeugdige_id, t.pseudoniem) for t in gevonden)),
    )
    return CbsExport(halfjaar, gevonden)
