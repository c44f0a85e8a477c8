"""R-R1: a region's rule set, versioned by date. The one place rules read their parameters from
(``regels``) and the one place a version is added (``stel_regelset_vast``).

A version holds from its ``geldig_vanaf`` until the day before the next version's start; for a
date before the first version the first version holds. Each call site chooses the date its rule
is about (the allocation's end for the declaration window, the start of an allocation for the
Wonen age limits, ...) and says so in a comment. No process-wide cache: each call is one indexed
query on (regio, geldig_vanaf), so a test or a beheerder never sees a stale version; a loop over
many dates reads a region's versions once through ``Tijdlijn``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.catalogus.models import hoogste_niveau
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag

from .constants import HUISARTSROUTE, SOLIDARITEITSSLEUTELS, Foutcode, VerwijzerType
from .models import JEUGDWET, PARAMETERS, Regelset, Regio
from .policies import mag_regelset_beheren
from .validators import controleer_declaratietermijn, controleer_leeftijdsgrenzen


def _regio_id(regio: Regio | int) -> int:
    return regio if isinstance(regio, int) else regio.pk


def regels(regio: Regio | int, op: date) -> Regelset:
    """R-R1: the version of ``regio``'s rule set valid on ``op`` (before the first version: the
    first). A region without any version (made outside ``registreer_regio``/``zorg_voor_regelset``)
    follows the defaults: an unsaved version from the Jeugdwet on."""
    regio_id = _regio_id(regio)
    versie = Regelset.objects.filter(regio_id=regio_id, geldig_vanaf__lte=op).order_by("-geldig_vanaf").first()
    if versie is None:
        versie = Regelset.objects.filter(regio_id=regio_id).order_by("geldig_vanaf").first()
    return versie if versie is not None else Regelset(regio_id=regio_id, geldig_vanaf=JEUGDWET)


@dataclass
class Tijdlijn:
    """The versions of some regions' rule sets, read once, to look up many dates in memory (the
    declaration intake, the release job, the waiting-time lists). Same answer as ``regels``."""

    versies: dict[int, list[Regelset]] = field(default_factory=dict)

    @classmethod
    def van(cls, regio_ids: Iterable[int]) -> Tijdlijn:
        ids = set(regio_ids)
        tijdlijn = cls({regio_id: [] for regio_id in ids})
        for versie in Regelset.objects.filter(regio_id__in=ids).order_by("regio_id", "geldig_vanaf"):
            tijdlijn.versies[versie.regio_id].append(versie)
        return tijdlijn

    @classmethod
    def alle(cls) -> Tijdlijn:
        return cls.van(Regio.objects.values_list("pk", flat=True))

    def regels(self, regio_id: int, op: date) -> Regelset:
        versies = self.versies.get(regio_id)
        if not versies:
            return Regelset(regio_id=regio_id, geldig_vanaf=JEUGDWET)
        plek = bisect_right([v.geldig_vanaf for v in versies], op)
        return versies[max(plek - 1, 0)]

    def perioden(self, regio_id: int) -> list[tuple[date | None, date | None, Regelset]]:
        """Each version with the half-open range of dates it answers for: [van, tot), ``van``
        None for the first (it also holds before its start), ``tot`` None for the last."""
        versies = self.versies.get(regio_id) or [Regelset(regio_id=regio_id, geldig_vanaf=JEUGDWET)]
        grenzen: list[date | None] = [None, *(v.geldig_vanaf for v in versies[1:]), None]
        return [(grenzen[i], grenzen[i + 1], versie) for i, versie in enumerate(versies)]


def versies(regio: Regio | int) -> list[tuple[Regelset, date | None]]:
    """R-R1: the versions of a region's rule set, the latest first, each with its last day (None:
    open-ended), for the beheerder's page."""
    rijen = list(
        Regelset.objects.filter(regio_id=_regio_id(regio)).select_related("vastgesteld_door").order_by("-geldig_vanaf")
    )
    return [
        (versie, None if i == 0 else date.fromordinal(rijen[i - 1].geldig_vanaf.toordinal() - 1))
        for i, versie in enumerate(rijen)
    ]


def _controleer(waarden: Mapping[str, object], *, regio_id: int | None) -> Regelset:
    """Every parameter present and valid; a DomainError naming the field to fix otherwise. The GP
    route's levels and cap lie within the region's keuzebudget levels (R-R1: ``hoogste_niveau``)."""
    onbekend = sorted(set(waarden) - set(PARAMETERS))
    if onbekend:
        raise DomainError(
            Foutcode.REGELSET_ONGELDIG,
            f"Onbekende regel {', '.join(onbekend)}: een regelset kent alleen de parameters op het scherm.",
            field=onbekend[0],
        )
    versie = Regelset(**waarden)
    try:
        versie.clean_fields(exclude=["regio", "geldig_vanaf", "vastgesteld_door", "vastgesteld_op"])
    except ValidationError as fout:
        veld, meldingen = next(iter(fout.message_dict.items()))
        label = getattr(Regelset._meta.get_field(veld), "verbose_name", veld)
        raise DomainError(
            Foutcode.REGELSET_ONGELDIG,
            f"{str(label).capitalize()}: {' '.join(meldingen)} Vul een geldig getal in.",
            field=veld,
        ) from None
    niveaus, hoogste = versie.huisartsniveaus, hoogste_niveau(regio_id)
    if not niveaus or niveaus[0] < 1 or niveaus[-1] > hoogste:
        raise DomainError(
            Foutcode.REGELSET_ONGELDIG,
            "Keuzebudgets die de huisarts kiest: noem ten minste één niveau, elk van 1 tot en met "
            f"{hoogste}, gescheiden door komma's, bijvoorbeeld 2,4. Boven het hoogste keuzebudget via de "
            "huisartsroute kiest alleen de toegang.",
            field="huisartsroute_niveaus",
        )
    if versie.huisartsroute_plafond_niveau > hoogste:
        raise DomainError(
            Foutcode.REGELSET_ONGELDIG,
            "Hoogste keuzebudget via de huisartsroute (niveau): kies een niveau van 1 tot en met "
            f"{hoogste}, het hoogste niveau van de keuzebudgetten van de regio.",
            field="huisartsroute_plafond_niveau",
        )
    onbekende_verwijzers = sorted(versie.huisartsroutetypen - HUISARTSROUTE)
    if onbekende_verwijzers:
        raise DomainError(
            Foutcode.REGELSET_ONGELDIG,
            f"Verwijzers via de huisartsroute: {', '.join(onbekende_verwijzers)} kan niet. Via de huisartsroute "
            "verwijzen alleen "
            + ", ".join(f"{code} {VerwijzerType(code).label.lower()}" for code in sorted(HUISARTSROUTE))
            + " (Jeugdwet art. 2.6); laat een verwijzer weg die via de toegang verwijst.",
            field="huisartsroute_verwijzers",
        )
    if versie.solidariteitssleutel not in SOLIDARITEITSSLEUTELS:
        raise DomainError(
            Foutcode.REGELSET_ONGELDIG,
            f"Onbekende solidariteitssleutel {versie.solidariteitssleutel!r}: kies "
            f"{' of '.join(SOLIDARITEITSSLEUTELS)}.",
            field="solidariteitssleutel",
        )
    controleer_declaratietermijn(versie.declaratietermijn_dagen)
    controleer_leeftijdsgrenzen(versie)
    return versie


@transaction.atomic
def stel_regelset_vast(*, regio: Regio, geldig_vanaf: date, waarden: Mapping[str, object], door) -> Regelset:
    """R-R1: a new version of ``regio``'s rule set from ``geldig_vanaf`` on: the version valid on
    that day with ``waarden`` on top (so a caller may pass only what changes). A start before the
    server's date is refused: a rule set never changes the past. A version whose start is still in
    the future may be replaced by one with the same start; one that holds from today no longer.
    Every check runs before anything is written; audit-logged with ids and field names. ``door``
    None is the system (migration, the synthetic region); a person must be the region's
    functioneel beheerder."""
    if door is not None and not mag_regelset_beheren(door, regio):
        raise DomainError(
            Foutcode.REGELSET_GEEN_TOEGANG,
            "Alleen de functioneel beheerder van de regio stelt de regelset vast.",
            field="regio",
        )
    if not isinstance(geldig_vanaf, date):
        raise DomainError(
            Foutcode.REGELSET_VERLEDEN, "Vul de datum in vanaf wanneer de regelset geldt.", field="geldig_vanaf"
        )
    dag = vandaag()
    if geldig_vanaf < dag:
        raise DomainError(
            Foutcode.REGELSET_VERLEDEN,
            f"Een regelset geldt vanaf vandaag of later; {geldig_vanaf:%d-%m-%Y} ligt in het verleden. Kies "
            f"{dag:%d-%m-%Y} of een latere datum: een regelset verandert het verleden niet.",
            field="geldig_vanaf",
        )
    Regio.objects.select_for_update().filter(pk=regio.pk).first()  # one writer per region at a time
    if geldig_vanaf == dag and Regelset.objects.filter(regio=regio, geldig_vanaf=dag).exists():
        # Today's acts may already have followed that version: replacing it would change them.
        raise DomainError(
            Foutcode.REGELSET_VERLEDEN,
            f"De versie vanaf {dag:%d-%m-%Y} geldt al en wordt niet meer vervangen; kies een latere begindatum "
            "voor de wijziging.",
            field="geldig_vanaf",
        )
    basis = regels(regio, geldig_vanaf)
    nieuw = _controleer({**basis.waarden(), **waarden}, regio_id=regio.pk)
    gewijzigd = sorted(naam for naam in PARAMETERS if getattr(nieuw, naam) != getattr(basis, naam))
    versie, aangemaakt = Regelset.objects.update_or_create(
        regio=regio,
        geldig_vanaf=geldig_vanaf,
        defaults={**nieuw.waarden(), "vastgesteld_door": door, "vastgesteld_op": timezone.now()},
    )
    log(
        actie=Actie.AANMAKEN if aangemaakt else Actie.WIJZIGEN,
        objecttype=Regelset._meta.label,
        object_id=versie.pk,
        door=door,
        details=f"regio={regio.pk} geldig_vanaf={geldig_vanaf.isoformat()} gewijzigd={','.join(gewijzigd) or '-'}",
    )
    return versie


def zorg_voor_regelset(regio: Regio, **waarden) -> Regelset:
    """The region's first version, valid from the Jeugdwet on, with the defaults and ``waarden``:
    for a region made by the system (``registreer_regio``, the synthetic region, the admin).
    Idempotent: a region that has a version keeps its rule set as it is. Not audit-logged, like the
    creation of the region itself; every later version is (``stel_regelset_vast``)."""
    bestaand = Regelset.objects.filter(regio=regio).order_by("geldig_vanaf").first()
    if bestaand is not None:
        return bestaand
    versie = _controleer({**Regelset(geldig_vanaf=JEUGDWET).waarden(), **waarden}, regio_id=regio.pk)
    versie.regio, versie.geldig_vanaf, versie.vastgesteld_op = regio, JEUGDWET, timezone.now()
    versie.save()
    return versie


@transaction.atomic
def registreer_regio(*, code: str, naam: str, door=None, **waarden) -> Regio:
    """A new region with its first rule-set version (the defaults, ``waarden`` on top) from the
    Jeugdwet on (R-R1)."""
    regio = Regio.objects.create(code=code, naam=naam)
    zorg_voor_regelset(regio, **waarden)
    return regio
