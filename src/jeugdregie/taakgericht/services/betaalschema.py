"""The lump sum paid in twelve monthly terms, each split over the municipalities by population
(R-R2, "populatiebekostiging"). The weight of a municipality is its number of young inhabitants
(``Gemeente.jeugdigen``, 0–17), the count the crisis key of R-B4 splits by; the split is the same
largest-remainder function (``common.verdelen.verdeel_centen``). All amounts are whole cents:
the terms add up exactly to the lump sum (the remainder cents on the last term), the shares
exactly to each term."""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.common import opmaak
from jeugdregie.common.domein import publiceer
from jeugdregie.common.errors import DomainError
from jeugdregie.common.money import from_cents, to_cents
from jeugdregie.common.tijd import vandaag
from jeugdregie.common.verdelen import verdeel_centen

from ..constants import TERMIJNEN_PER_JAAR, Foutcode, Gebeurtenissoort
from ..gebeurtenissen import TermijnBetaald
from ..models import Opdrachtbedrag, TaakgerichteOpdracht, Termijn, Termijnaandeel
from ..policies import mag_opdracht_beheren, mag_termijn_betalen
from .gemeenschappelijk import audit, gebeurtenis


def termijnbedragen(jaarcenten: int) -> list[int]:
    """Twelve terms in cents: an equal part each, the cents left over on the last term."""
    deel = jaarcenten // TERMIJNEN_PER_JAAR
    return [deel] * (TERMIJNEN_PER_JAAR - 1) + [jaarcenten - deel * (TERMIJNEN_PER_JAAR - 1)]


@transaction.atomic
def stel_betaalschema_op(opdracht: TaakgerichteOpdracht, jaar: int, *, door) -> list[Termijn]:
    """R-R2: the year's lump sum as 12 monthly terms (month begin to end, inclusive) with each
    municipality's share. Once per year; refused without a lump sum for that year."""
    if not mag_opdracht_beheren(door, opdracht.regio_id):
        raise DomainError(
            Foutcode.ROL,
            "Alleen de contractmanager of de functioneel beheerder van de regio stelt het betaalschema op.",
            field="door",
        )
    opdracht = TaakgerichteOpdracht.objects.select_for_update().get(pk=opdracht.pk)
    if opdracht.termijnen.filter(jaar=jaar).exists():
        raise DomainError(
            Foutcode.SCHEMA_BESTAAT,
            f"Het betaalschema van '{opdracht.naam}' voor {jaar} bestaat al; een jaar heeft één betaalschema.",
            field="jaar",
        )
    bedrag = Opdrachtbedrag.objects.filter(opdracht=opdracht, jaar=jaar).first()
    if bedrag is None:
        raise DomainError(
            Foutcode.GEEN_BEDRAG,
            f"Er is geen opdrachtbedrag voor {jaar}. Stel eerst het opdrachtbedrag van dat jaar vast.",
            field="jaar",
        )
    gemeenten = list(opdracht.gemeenten.order_by("naam", "pk"))
    gewichten = {g.pk: g.jeugdigen for g in gemeenten}
    if sum(gewichten.values()) <= 0:
        raise DomainError(
            Foutcode.SLEUTEL_NUL,
            "De gemeenten van de opdracht hebben samen geen jeugdige inwoners geregistreerd: er valt niets naar "
            "populatie te verdelen. Laat de functioneel beheerder de aantallen jeugdigen aanvullen.",
            field="gemeenten",
        )
    termijnen = []
    for maand, centen in enumerate(termijnbedragen(to_cents(bedrag.bedrag)), start=1):
        termijn = Termijn.objects.create(
            opdracht=opdracht,
            jaar=jaar,
            volgnummer=maand,
            begindatum=date(jaar, maand, 1),
            einddatum=date(jaar, maand, monthrange(jaar, maand)[1]),
            bedrag=from_cents(centen),
        )
        delen = verdeel_centen(centen, gewichten)
        Termijnaandeel.objects.bulk_create(
            Termijnaandeel(termijn=termijn, gemeente_id=gid, jeugdigen=gewichten[gid], bedrag=from_cents(delen[gid]))
            for gid in gewichten
        )
        termijnen.append(termijn)
    gebeurtenis(opdracht, Gebeurtenissoort.SCHEMA, door, jaar=jaar, bedrag=str(bedrag.bedrag))
    audit(opdracht, Actie.WIJZIGEN, door, f"betaalschema jaar={jaar} termijnen={len(termijnen)} bedrag={bedrag.bedrag}")
    return termijnen


@transaction.atomic
def betaal_termijn(termijn: Termijn, *, door) -> Termijn:
    """R-R2: finance records that a term was paid, on the server's date (R-B9). The row is
    locked: of two concurrent payments one wins, the other (and any replay) is refused."""
    termijn = Termijn.objects.select_for_update(of=("self",)).select_related("opdracht").get(pk=termijn.pk)
    gemeente_ids = set(termijn.opdracht.gemeenten.values_list("pk", flat=True))
    if not mag_termijn_betalen(door, gemeente_ids):
        raise DomainError(
            Foutcode.ROL,
            "Alleen de financiële administratie van een gemeente van de opdracht legt een betaling vast.",
            field="door",
        )
    if termijn.betaald_op is not None:
        raise DomainError(
            Foutcode.AL_BETAALD,
            f"Termijn {termijn.volgnummer} van {termijn.jaar} ({opmaak.euro(termijn.bedrag)}) is al betaald op "
            f"{termijn.betaald_op:%d-%m-%Y}; er is niets meer te betalen.",
            field="termijn",
        )
    termijn.betaald_op = vandaag()
    termijn.betaald_door = door
    termijn.save(update_fields=["betaald_op", "betaald_door"])
    gebeurtenis(
        termijn.opdracht,
        Gebeurtenissoort.BETAALD,
        door,
        termijn=termijn.pk,
        jaar=termijn.jaar,
        bedrag=str(termijn.bedrag),
    )
    audit(termijn, Actie.WIJZIGEN, door, f"betaald opdracht={termijn.opdracht_id} bedrag={termijn.bedrag}")
    # issue 22 review F6: the term's spend (TAA03) is dated in the term's month
    publiceer(TermijnBetaald(termijn_id=termijn.pk, dagen=frozenset({termijn.begindatum})))
    return termijn
