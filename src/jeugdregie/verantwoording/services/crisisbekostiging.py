"""R-B4/R-C5: setting a region's crisis funding for a year (availability components with their
amounts and payees, amount per intervention, key) — by the functioneel beheerder or the
contractmanager of the region — and the illustrative demo configuration for the synthetic region."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.catalogus.constants import Onderdeel
from jeugdregie.common.errors import DomainError
from jeugdregie.common.money import euro
from jeugdregie.common.periods import Periode, overlapt_q
from jeugdregie.organisaties.constants import AanbiederCategorie
from jeugdregie.organisaties.models import Aanbieder, Contract, Gemeente, Regio
from jeugdregie.organisaties.regelset import regels

from ..constants import Foutcode, Sleutel
from ..models import Beschikbaarheidscomponent, Crisisbekostiging, Sleutelaandeel
from ..policies import mag_crisisbekostiging_instellen

logger = logging.getLogger(__name__)

GEWICHT = Decimal("0.0001")

# Illustrative demo amounts (not decided by any region; SPEC §3.6 has no crisis amounts):
# about € 2.4 M a year for IJsselland's ≈113,000 young inhabitants, scaled by young inhabitants
# for other regions, and € 650 per crisis call-out/intervention.
DEMO_BESCHIKBAARHEID_IJSSELLAND = Decimal("2400000.00")
DEMO_JEUGDIGEN_IJSSELLAND = 113_000
DEMO_TARIEF_INTERVENTIE = Decimal("650.00")
# R-C5 demo components (001 §3.3.1: the crisisfunctie is the 24/7 crisisdienst GGZ and the 24/7
# Spoedhulp IJsselland; Veilig Thuis is outside the contract, the crisis bed is Wonen-Verblijf).
# The split 60/40 is illustrative.
DEMO_COMPONENT_CRISISDIENST = "Bereikbaarheid en beschikbaarheid crisisdienst GGZ"
DEMO_COMPONENT_SPOEDHULP = "Beschikbaarheid Spoedhulp IJsselland"
DEMO_DEEL_CRISISDIENST = Decimal("0.6")
MAX_COMPONENTEN = 10


@dataclass(frozen=True)
class Component:
    """R-C5 input: one availability component — its name, annual amount and payee."""

    naam: str
    bedrag: Decimal | str | None
    ontvanger: Aanbieder | None


def _fout(code: Foutcode, message: str, field: str) -> DomainError:
    return DomainError(code, message, field=field)


def _bedrag(waarde, veld: str, naam: str) -> Decimal:
    try:
        bedrag = euro(waarde)
    except (InvalidOperation, TypeError, ValueError):
        raise _fout(Foutcode.BEDRAG_ONGELDIG, f"Vul bij {naam} een bedrag in euro in.", veld) from None
    if bedrag < 0:
        raise _fout(Foutcode.BEDRAG_ONGELDIG, f"{naam.capitalize()} mag niet negatief zijn.", veld)
    if bedrag >= Decimal("1e12"):
        raise _fout(Foutcode.BEDRAG_ONGELDIG, f"{naam.capitalize()} is te groot.", veld)
    return bedrag


def _gewichten(regio: Regio, gewichten: Mapping[int, object] | None) -> dict[int, Decimal]:
    """Manual key: a non-negative weight for every municipality of the region, and nothing else."""
    gemeenten = {g.pk: g.naam for g in Gemeente.objects.filter(regio=regio)}
    gewichten = dict(gewichten or {})
    vreemd = set(gewichten) - set(gemeenten)
    if vreemd:
        raise _fout(Foutcode.SLEUTEL_ONGELDIG, "Geef alleen gewichten voor gemeenten van de regio.", "gewichten")
    ontbrekend = sorted(naam for gid, naam in gemeenten.items() if gewichten.get(gid) in (None, ""))
    if ontbrekend:
        raise _fout(
            Foutcode.SLEUTEL_ONVOLLEDIG,
            f"Geef bij een handmatige verdeling een gewicht voor elke gemeente; ontbreekt: {', '.join(ontbrekend)}.",
            "gewichten",
        )
    schoon = {}
    for gid, waarde in gewichten.items():
        try:
            gewicht = Decimal(str(waarde)).quantize(GEWICHT)
        except (InvalidOperation, ValueError):
            raise _fout(
                Foutcode.SLEUTEL_ONGELDIG, f"Het gewicht van {gemeenten[gid]} is geen getal.", "gewichten"
            ) from None
        if gewicht < 0 or gewicht >= Decimal("1e6"):
            raise _fout(
                Foutcode.SLEUTEL_ONGELDIG,
                f"Het gewicht van {gemeenten[gid]} moet tussen 0 en 1.000.000 liggen.",
                "gewichten",
            )
        schoon[gid] = gewicht
    if sum(schoon.values()) <= 0:
        raise _fout(
            Foutcode.SLEUTEL_ONGELDIG,
            "De gewichten tellen op tot nul; geef ten minste één gemeente een gewicht.",
            "gewichten",
        )
    return schoon


def heeft_crisiscontract(aanbieder: Aanbieder, regio: Regio, jaar: int) -> bool:
    """R-C5: the provider holds a crisis contract with the region valid in ``jaar``: a contract
    whose period overlaps the year and under which a product of the crisis function
    (``Onderdeel.CRISIS``) is contracted for a period overlapping the year. A contract that ended
    before the year, starts after it, or covers no crisis product does not count."""
    jaarperiode = Periode(date(jaar, 1, 1), date(jaar, 12, 31))
    return (
        Contract.objects.filter(overlapt_q(jaarperiode), aanbieder=aanbieder, regio=regio)
        .filter(
            overlapt_q(jaarperiode, prefix="producten__"),
            producten__product__onderdeel=Onderdeel.CRISIS,
        )
        .exists()
    )


def _componenten(regio: Regio, jaar: int, componenten: Sequence[Component]) -> list[tuple[str, Decimal, Aanbieder]]:
    """R-C5: at least one component; each a unique name, an amount ≥ 0 and a payee that holds a
    crisis contract with the region valid in ``jaar`` (``heeft_crisiscontract``)."""
    if not componenten:
        raise _fout(
            Foutcode.COMPONENT_ONGELDIG,
            "Geef ten minste één beschikbaarheidscomponent op: een naam, het jaarbedrag en de aanbieder die het "
            "ontvangt.",
            "componenten",
        )
    if len(componenten) > MAX_COMPONENTEN:
        raise _fout(
            Foutcode.COMPONENT_ONGELDIG,
            f"Geef hooguit {MAX_COMPONENTEN} beschikbaarheidscomponenten op.",
            "componenten",
        )
    schoon: list[tuple[str, Decimal, Aanbieder]] = []
    for nummer, component in enumerate(componenten, start=1):
        naam = (component.naam or "").strip()
        if not naam:
            raise _fout(Foutcode.COMPONENT_ONGELDIG, f"Geef component {nummer} een naam.", "componenten")
        if len(naam) > 100:
            raise _fout(
                Foutcode.COMPONENT_ONGELDIG,
                f"De naam van component {nummer} is te lang (hooguit 100 tekens).",
                "componenten",
            )
        if any(naam.casefold() == eerder.casefold() for eerder, _, _ in schoon):
            raise _fout(
                Foutcode.COMPONENT_ONGELDIG,
                f"De component '{naam}' staat er twee keer in; geef elke component een eigen naam.",
                "componenten",
            )
        bedrag = _bedrag(component.bedrag, "componenten", f"het jaarbedrag van '{naam}'")
        if component.ontvanger is None:
            raise _fout(
                Foutcode.COMPONENT_ONGELDIG,
                f"Kies bij '{naam}' de aanbieder die het bedrag ontvangt.",
                "componenten",
            )
        if not heeft_crisiscontract(component.ontvanger, regio, jaar):
            raise _fout(
                Foutcode.COMPONENT_ONGELDIG,
                f"{component.ontvanger.naam} heeft in {jaar} geen contract met {regio} voor de crisisfunctie; kies "
                f"bij '{naam}' een aanbieder met een crisiscontract dat in {jaar} geldt als ontvanger.",
                "componenten",
            )
        schoon.append((naam, bedrag, component.ontvanger))
    return schoon


@transaction.atomic
def stel_crisisbekostiging_in(
    *,
    regio: Regio,
    jaar: int,
    componenten: Sequence[Component],
    tarief_interventie: Decimal | str,
    sleutel: Sleutel | str | None = None,
    gewichten: Mapping[int, Decimal | str] | None = None,
    door,
) -> Crisisbekostiging:
    """Create or change a region's crisis funding for ``jaar`` (R-B4). The availability amount is the
    sum of ``componenten`` (R-C5: name, annual amount, payee), which replace the year's components.
    ``sleutel`` defaults to the region's ``solidariteitssleutel``; ``gewichten`` (gemeente id →
    weight) only with the manual key. A refusal changes nothing."""
    if door is None or not mag_crisisbekostiging_instellen(door, regio):
        raise _fout(
            Foutcode.ROL,
            "Alleen de functioneel beheerder of de contractmanager van de regio stelt de crisisbekostiging in.",
            "door",
        )
    if not isinstance(jaar, int) or not 2000 <= jaar <= 2100:
        raise _fout(Foutcode.JAAR_ONGELDIG, "Kies een jaar tussen 2000 en 2100.", "jaar")
    try:
        # R-R1: the rule set valid on the first day of the funding year
        sleutel = Sleutel(sleutel or regels(regio, date(jaar, 1, 1)).solidariteitssleutel)
    except ValueError:
        raise _fout(
            Foutcode.SLEUTEL_ONGELDIG, "Kies als verdeelsleutel jeugdige inwoners, inwoners of handmatig.", "sleutel"
        ) from None
    onderdelen = _componenten(regio, jaar, componenten)
    bedrag = sum((b for _, b, _ in onderdelen), Decimal("0.00"))
    if bedrag >= Decimal("1e12"):
        raise _fout(Foutcode.BEDRAG_ONGELDIG, "Het jaarbedrag beschikbaarheid is te groot.", "componenten")
    tarief = _bedrag(tarief_interventie, "tarief_interventie", "het bedrag per interventie")
    schoon = _gewichten(regio, gewichten) if sleutel == Sleutel.HANDMATIG else {}
    if sleutel != Sleutel.HANDMATIG and gewichten:
        raise _fout(Foutcode.SLEUTEL_ONGELDIG, "Gewichten horen alleen bij de handmatige verdeling.", "gewichten")

    bekostiging, nieuw = Crisisbekostiging.objects.update_or_create(
        regio=regio, jaar=jaar, defaults={"beschikbaarheid": bedrag, "tarief_interventie": tarief, "sleutel": sleutel}
    )
    bekostiging.componenten.all().delete()
    Beschikbaarheidscomponent.objects.bulk_create(
        Beschikbaarheidscomponent(bekostiging=bekostiging, naam=naam, bedrag=b, ontvanger=ontvanger, volgorde=i)
        for i, (naam, b, ontvanger) in enumerate(onderdelen)
    )
    bekostiging.aandelen.all().delete()
    Sleutelaandeel.objects.bulk_create(
        Sleutelaandeel(bekostiging=bekostiging, gemeente_id=gid, gewicht=gewicht) for gid, gewicht in schoon.items()
    )
    log(
        actie=Actie.AANMAKEN if nieuw else Actie.WIJZIGEN,
        objecttype=bekostiging._meta.label,
        object_id=bekostiging.pk,
        door=door,
        details=f"jaar={jaar} beschikbaarheid={bedrag} tarief_interventie={tarief} sleutel={sleutel} componenten="
        + ",".join(f"{b}→aanbieder {ontvanger.pk}" for _, b, ontvanger in onderdelen),
    )
    logger.info(
        "crisisbekostiging_ingesteld",
        extra={"velden": {"crisisbekostiging_id": bekostiging.pk, "regio_id": regio.pk, "jaar": jaar}},
    )
    return bekostiging


def maak_demo_crisisbekostiging(regio: Regio, jaren: Iterable[int]) -> list[Crisisbekostiging]:
    """Illustrative crisis funding for the synthetic region (R-B4; **illustrative amounts**, no
    region decided them): availability ≈ € 2.4 M a year for IJsselland, scaled by the region's
    young inhabitants and rounded to € 1,000; € 650 per intervention; the region's own key.
    R-C5: two components — 60 % crisisdienst GGZ (payee: the region's crisis service), 40 %
    Spoedhulp IJsselland (payee: a provider contracted for ambulante spoedhulp 46C02, else the
    crisis service). Idempotent: a year that already has a configuration is left as it is."""
    jeugdigen = sum(Gemeente.objects.filter(regio=regio).values_list("jeugdigen", flat=True))
    if jeugdigen:
        schaal = Decimal(jeugdigen) / DEMO_JEUGDIGEN_IJSSELLAND
        beschikbaarheid = (DEMO_BESCHIKBAARHEID_IJSSELLAND * schaal / 1000).quantize(Decimal("1")) * 1000
    else:
        beschikbaarheid = DEMO_BESCHIKBAARHEID_IJSSELLAND
    gecontracteerd = Aanbieder.objects.filter(contracten__regio=regio).distinct().order_by("naam", "pk")
    crisisdienst = gecontracteerd.filter(categorie=AanbiederCategorie.CRISIS).first()
    spoedhulpaanbieders = gecontracteerd.filter(contracten__producten__product__code="46C02")
    if crisisdienst is not None:
        spoedhulpaanbieders = spoedhulpaanbieders.exclude(pk=crisisdienst.pk)
    spoedhulp = spoedhulpaanbieders.first() or crisisdienst
    crisisdeel = (euro(beschikbaarheid) * DEMO_DEEL_CRISISDIENST).quantize(Decimal("0.01"))
    uitkomst = []
    for jaar in jaren:
        try:  # R-R1: the rule set valid on the first day of the year
            sleutel = Sleutel(regels(regio, date(jaar, 1, 1)).solidariteitssleutel)
        except ValueError:
            sleutel = Sleutel.JEUGDIGEN
        if sleutel == Sleutel.HANDMATIG:  # no weights to invent
            sleutel = Sleutel.JEUGDIGEN
        bekostiging, nieuw = Crisisbekostiging.objects.get_or_create(
            regio=regio,
            jaar=jaar,
            defaults={
                "beschikbaarheid": euro(beschikbaarheid),
                "tarief_interventie": DEMO_TARIEF_INTERVENTIE,
                "sleutel": sleutel,
            },
        )
        if nieuw:
            Beschikbaarheidscomponent.objects.bulk_create(
                [
                    Beschikbaarheidscomponent(
                        bekostiging=bekostiging,
                        naam=DEMO_COMPONENT_CRISISDIENST,
                        bedrag=crisisdeel,
                        ontvanger=crisisdienst,
                        volgorde=0,
                    ),
                    Beschikbaarheidscomponent(
                        bekostiging=bekostiging,
                        naam=DEMO_COMPONENT_SPOEDHULP,
                        bedrag=euro(beschikbaarheid) - crisisdeel,
                        ontvanger=spoedhulp,
                        volgorde=1,
                    ),
                ]
            )
        uitkomst.append(bekostiging)
    return uitkomst
