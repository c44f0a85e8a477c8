"""Record an assignment and its lump sum per year (R-R2, iJw OP261)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.catalogus.models import Product
from jeugdregie.common import opmaak
from jeugdregie.common.errors import DomainError
from jeugdregie.common.money import euro
from jeugdregie.common.periods import Periode
from jeugdregie.organisaties.models import Aanbieder, Gemeente, Regio

from ..constants import Foutcode, Gebeurtenissoort
from ..models import Opdrachtbedrag, TaakgerichteOpdracht
from ..policies import mag_opdracht_beheren
from ..variant import opdrachtperioden
from .gemeenschappelijk import audit, gebeurtenis


def _vereis_beheerder(regio_id: int, door) -> None:
    if not mag_opdracht_beheren(door, regio_id):
        raise DomainError(
            Foutcode.ROL,
            "Alleen de contractmanager of de functioneel beheerder van de regio legt taakgerichte opdrachten vast.",
            field="door",
        )


def _gemeenten(regio: Regio, ids: Iterable[int]) -> list[Gemeente]:
    ids = set(ids)
    if not ids:
        raise DomainError(
            Foutcode.GEMEENTE_BUITEN_REGIO, "Kies ten minste één gemeente die de opdracht bedient.", field="gemeenten"
        )
    gemeenten = list(Gemeente.objects.filter(pk__in=ids).order_by("naam", "pk"))
    vreemd = sorted(ids - {g.pk for g in gemeenten if g.regio_id == regio.pk})
    if vreemd:
        namen = ", ".join(g.naam for g in gemeenten if g.pk in vreemd) or ", ".join(map(str, vreemd))
        raise DomainError(
            Foutcode.GEMEENTE_BUITEN_REGIO,
            f"{namen} hoort niet bij {regio.naam}: een taakgerichte opdracht bedient alleen gemeenten van de regio.",
            field="gemeenten",
        )
    return gemeenten


def _producten(codes: Iterable[str]) -> list[Product]:
    codes = {c.strip() for c in codes if c and c.strip()}
    if not codes:
        raise DomainError(Foutcode.PRODUCT_ONBEKEND, "Kies ten minste één product uit de catalogus.", field="producten")
    producten = list(Product.objects.filter(code__in=codes).order_by("code"))
    onbekend = sorted(codes - {p.code for p in producten})
    if onbekend:
        raise DomainError(
            Foutcode.PRODUCT_ONBEKEND,
            f"Product {', '.join(onbekend)} staat niet in de catalogus; kies producten uit de catalogus.",
            field="producten",
        )
    return producten


def _controleer_overlap(gemeenten: list[Gemeente], producten: list[Product], periode: Periode) -> None:
    """One (municipality, product) pair is under at most one assignment on a day: otherwise the
    variant would not say which assignment pays."""
    bestaand = opdrachtperioden(gemeente_ids=[g.pk for g in gemeenten], product_ids=[p.pk for p in producten])
    for gemeente in gemeenten:
        for product in producten:
            for andere in bestaand.get((gemeente.pk, product.pk), ()):
                if periode.overlapt(Periode(andere.begindatum, andere.einddatum)):
                    raise DomainError(
                        Foutcode.OVERLAP,
                        f"{product.code} valt voor {gemeente.naam} al onder de opdracht '{andere.naam}' vanaf "
                        f"{andere.begindatum:%d-%m-%Y}. Laat die opdracht eerst eindigen of kies een andere periode.",
                        field="producten",
                    )


@transaction.atomic
def leg_opdracht_vast(
    *,
    regio: Regio,
    aanbieder: Aanbieder,
    naam: str,
    gemeenten: Iterable[int],
    productcodes: Iterable[str],
    begindatum: date,
    einddatum: date | None = None,
    door,
) -> TaakgerichteOpdracht:
    """R-R2: a region buys the care of ``productcodes`` for ``gemeenten`` (ids, of the region)
    task-based from one provider from ``begindatum``. The region row is locked so two assignments
    for the same pair cannot both pass the overlap check."""
    _vereis_beheerder(regio.pk, door)
    regio = Regio.objects.select_for_update().get(pk=regio.pk)
    naam = (naam or "").strip()
    if not naam:
        raise DomainError(Foutcode.NAAM_ONTBREEKT, "Geef de opdracht een naam.", field="naam")
    try:
        periode = Periode(begindatum, einddatum)
    except ValueError:
        raise DomainError(
            Foutcode.PERIODE_ONGELDIG, "De einddatum ligt voor de begindatum.", field="einddatum"
        ) from None
    if aanbieder.regio_id != regio.pk:
        raise DomainError(
            Foutcode.GEMEENTE_BUITEN_REGIO,
            f"{aanbieder.naam} hoort niet bij {regio.naam}; kies een aanbieder van de regio als opdrachtnemer.",
            field="aanbieder",
        )
    gekozen = _gemeenten(regio, gemeenten)
    producten = _producten(productcodes)
    _controleer_overlap(gekozen, producten, periode)
    opdracht = TaakgerichteOpdracht.objects.create(
        regio=regio, aanbieder=aanbieder, naam=naam, begindatum=begindatum, einddatum=einddatum
    )
    opdracht.gemeenten.set(gekozen)
    opdracht.producten.set(producten)
    gebeurtenis(
        opdracht,
        Gebeurtenissoort.VASTGELEGD,
        door,
        gemeenten=[g.pk for g in gekozen],
        producten=[p.code for p in producten],
        begindatum=begindatum.isoformat(),
        einddatum=einddatum.isoformat() if einddatum else None,
    )
    audit(
        opdracht, Actie.AANMAKEN, door, f"aanbieder={aanbieder.pk} gemeenten={len(gekozen)} producten={len(producten)}"
    )
    return opdracht


def _bedrag(waarde: Decimal | str | int) -> Decimal:
    try:
        bedrag = euro(Decimal(str(waarde)) if not isinstance(waarde, Decimal) else waarde)
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(
            Foutcode.BEDRAG_ONGELDIG, "Geef het opdrachtbedrag als bedrag in euro's.", field="bedrag"
        ) from None
    if bedrag <= 0 or bedrag >= Decimal("1e12"):
        raise DomainError(
            Foutcode.BEDRAG_ONGELDIG,
            f"Het opdrachtbedrag moet groter zijn dan € 0,00 en kleiner dan een biljoen; u gaf {opmaak.euro(bedrag)}.",
            field="bedrag",
        )
    return bedrag


@transaction.atomic
def stel_opdrachtbedrag_vast(
    *, opdracht: TaakgerichteOpdracht, jaar: int, bedrag: Decimal | str | int, door
) -> Opdrachtbedrag:
    """R-R2: the lump sum of ``jaar``. Changeable until the year's payment schedule exists."""
    _vereis_beheerder(opdracht.regio_id, door)
    opdracht = TaakgerichteOpdracht.objects.select_for_update().get(pk=opdracht.pk)
    if not isinstance(jaar, int) or not 2000 <= jaar <= 2100:
        raise DomainError(Foutcode.JAAR_ONGELDIG, "Kies een jaar tussen 2000 en 2100.", field="jaar")
    if not Periode(opdracht.begindatum, opdracht.einddatum).overlapt(Periode(date(jaar, 1, 1), date(jaar, 12, 31))):
        raise DomainError(
            Foutcode.JAAR_ONGELDIG,
            f"De opdracht '{opdracht.naam}' loopt niet in {jaar}; kies een jaar binnen de looptijd.",
            field="jaar",
        )
    schoon = _bedrag(bedrag)
    if opdracht.termijnen.filter(jaar=jaar).exists():
        raise DomainError(
            Foutcode.SCHEMA_BESTAAT,
            f"Voor {jaar} is het betaalschema al opgesteld; het opdrachtbedrag van dat jaar ligt daarmee vast.",
            field="jaar",
        )
    rij, nieuw = Opdrachtbedrag.objects.update_or_create(opdracht=opdracht, jaar=jaar, defaults={"bedrag": schoon})
    gebeurtenis(opdracht, Gebeurtenissoort.BEDRAG, door, jaar=jaar, bedrag=str(schoon))
    audit(rij, Actie.AANMAKEN if nieuw else Actie.WIJZIGEN, door, f"opdracht={opdracht.pk} jaar={jaar} bedrag={schoon}")
    return rij
