"""Loads the catalog data files in ``data/`` idempotently (``manage.py laad_catalogus``).

A second load changes nothing; a tariff already present with the same product and begin date
is left as it is, and so is every existing row: what the beheerder edited is never overwritten.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from jeugdregie.common.errors import DomainError

from .constants import IJW_EENHEID_VOOR, Eenheid, Foutcode
from .models import Functie, KeuzebudgetJaar, KeuzebudgetNiveau, Product, Tariefgroep
from .services import product_met_code, registreer_tarief

DATA_DIR = Path(__file__).parent / "data"


@dataclass
class Resultaat:
    aangemaakt: dict[str, int] = field(default_factory=dict)

    def tel(self, soort: str, nieuw: bool) -> None:
        if nieuw:
            self.aangemaakt[soort] = self.aangemaakt.get(soort, 0) + 1


def _rows(naam: str, data_dir: Path):
    with (data_dir / naam).open(encoding="utf-8") as handle:
        yield from csv.DictReader(handle, delimiter=";")


def _ja(value: str) -> bool:
    return value.strip().lower() in {"ja", "1", "true"}


@transaction.atomic
def laad_catalogus(data_dir: Path = DATA_DIR) -> Resultaat:
    resultaat = Resultaat()
    for row in _rows("tariefgroepen.csv", data_dir):
        _, nieuw = Tariefgroep.objects.get_or_create(
            nummer=int(row["nummer"]),
            defaults={k: row[k] for k in ("naam", "opleidingsniveau", "fwg", "schaal")},
        )
        resultaat.tel("tariefgroepen", nieuw)
    groepen = {tg.nummer: tg for tg in Tariefgroep.objects.all()}
    for row in _rows("functies.csv", data_dir):
        _, nieuw = Functie.objects.get_or_create(
            naam=row["naam"], defaults={"tariefgroep": groepen[int(row["tariefgroep"])]}
        )
        resultaat.tel("functies", nieuw)
    for row in _rows("producten.csv", data_dir):
        try:
            eenheid = Eenheid(row["eenheid"])
        except ValueError:
            raise DomainError(
                Foutcode.CATALOGUSBESTAND_ONGELDIG, f"Product {row['code']}: onbekende eenheid {row['eenheid']!r}."
            ) from None
        _, nieuw = Product.objects.get_or_create(
            code=row["code"],
            defaults={
                "naam": row["naam"],
                "onderdeel": row["onderdeel"],
                "eenheid": eenheid,
                "bekostiging": row["bekostiging"],
                "ijw_productcategorie": row["ijw_productcategorie"],
                "ijw_eenheid": IJW_EENHEID_VOOR[eenheid],
                "tariefgroep": groepen[int(row["tariefgroep"])] if row["tariefgroep"] else None,
                "intensiteit": int(row["intensiteit"]) if row["intensiteit"] else None,
                "woonvorm": row["woonvorm"],
            },
        )
        resultaat.tel("producten", nieuw)
    for row in _rows("tarieven.csv", data_dir):
        product = product_met_code(row["product"])
        begindatum = date.fromisoformat(row["begindatum"])
        einddatum = date.fromisoformat(row["einddatum"]) if row["einddatum"] else None
        if product.tarieven.filter(begindatum=begindatum, regio__isnull=True).exists():
            continue
        registreer_tarief(
            product=product,
            begindatum=begindatum,
            einddatum=einddatum,
            bedrag=Decimal(row["bedrag"]),
            illustratief=_ja(row["illustratief"]),
        )
        resultaat.tel("tarieven", True)
    niveaus = list(_rows("keuzebudget_niveaus.csv", data_dir))
    for row in _rows("keuzebudget_jaren.csv", data_dir):
        jaar, nieuw = KeuzebudgetJaar.objects.get_or_create(
            jaar=int(row["jaar"]),
            regio=None,  # the catalogue's year; a region's own years come from its rule set (R-R1)
            defaults={
                "max_maanden_herstel": int(row["max_maanden_herstel"]),
                "max_maanden_duurzaam": int(row["max_maanden_duurzaam"]),
                "illustratief": _ja(row["illustratief"]),
            },
        )
        resultaat.tel("keuzebudgetjaren", nieuw)
        if nieuw:
            codes = [c for c in row["duurzaam_uitgesloten"].split(",") if c]
            jaar.duurzaam_uitgesloten.set([product_met_code(c) for c in codes])
        for niveau in niveaus:
            _, nieuw = KeuzebudgetNiveau.objects.get_or_create(
                jaar=jaar,
                niveau=int(niveau["niveau"]),
                defaults={
                    "bedrag": Decimal(niveau["bedrag"]),
                    "voorbeeld_herstel": niveau["voorbeeld_herstel"],
                    "voorbeeld_duurzaam": niveau["voorbeeld_duurzaam"],
                },
            )
            resultaat.tel("keuzebudgetniveaus", nieuw)
    return resultaat
