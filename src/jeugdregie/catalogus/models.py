"""The catalog (SPEC §3): products, tariff groups and functions, tariffs, keuzebudget levels.

All of it is data, maintained by the functioneel beheerder and loaded from ``data/`` by
``manage.py laad_catalogus``. Periods are inclusive (see common/periods.py).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from jeugdregie.common import opmaak
from jeugdregie.common.periods import geldig_op_q
from jeugdregie.common.querysets import IngelogdQuerySet

from .constants import (
    HOOGSTE_NIVEAU,
    Bekostiging,
    Eenheid,
    IjwEenheid,
    IjwProductcategorie,
    KeuzebudgetSoort,
    Onderdeel,
    Woonvorm,
)


class Tariefgroep(models.Model):
    """One of the seven staff tariff groups for individual care (SPEC §3.1–3.2)."""

    nummer = models.PositiveSmallIntegerField(unique=True, validators=[MinValueValidator(1), MaxValueValidator(7)])
    naam = models.CharField(max_length=80)
    opleidingsniveau = models.CharField(max_length=20)
    fwg = models.CharField("FWG", max_length=20)
    schaal = models.CharField(max_length=20, blank=True)

    objects = IngelogdQuerySet.as_manager()

    class Meta:
        ordering = ["nummer"]
        verbose_name = "tariefgroep"
        verbose_name_plural = "tariefgroepen"

    def __str__(self) -> str:
        return f"TG{self.nummer} ({self.opleidingsniveau})"


class Functie(models.Model):
    """A professional function; the function that performs the care sets the tariff group."""

    naam = models.CharField(max_length=120, unique=True)
    tariefgroep = models.ForeignKey(Tariefgroep, on_delete=models.PROTECT, related_name="functies")

    objects = IngelogdQuerySet.as_manager()

    class Meta:
        ordering = ["tariefgroep__nummer", "naam"]
        verbose_name = "functie"
        verbose_name_plural = "functies"

    def __str__(self) -> str:
        return self.naam


class Product(models.Model):
    code = models.CharField(max_length=10, unique=True, help_text="iJw productcode (5 tekens).")
    naam = models.CharField(max_length=120)
    onderdeel = models.CharField(max_length=20, choices=Onderdeel.choices)
    eenheid = models.CharField(max_length=20, choices=Eenheid.choices)
    bekostiging = models.CharField(max_length=20, choices=Bekostiging.choices, default=Bekostiging.INSPANNINGSGERICHT)
    ijw_productcategorie = models.CharField(max_length=2, choices=IjwProductcategorie.choices)
    ijw_eenheid = models.CharField(max_length=2, choices=IjwEenheid.choices)
    tariefgroep = models.ForeignKey(Tariefgroep, null=True, blank=True, on_delete=models.PROTECT)
    intensiteit = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="Wonen/Verblijf-intensiteit 1–10 (SPEC §3.3).",
    )
    woonvorm = models.CharField(max_length=20, choices=Woonvorm.choices, blank=True)
    actief = models.BooleanField(default=True)

    objects = IngelogdQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "product"
        verbose_name_plural = "producten"

    def __str__(self) -> str:
        return f"{self.code} {self.naam}"

    def tarief_op(self, dag: date) -> Tarief | None:
        return self.tarieven.filter(geldig_op_q(dag)).first()


class Tarief(models.Model):
    """Tariff of a product for an inclusive validity period. Overlaps are refused by the service."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="tarieven")
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    bedrag = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.00"))])
    illustratief = models.BooleanField(
        default=False, help_text="Illustratief tarief (SPEC §3.6), geen door de regio vastgesteld tarief."
    )

    objects = IngelogdQuerySet.as_manager()

    class Meta:
        ordering = ["product__code", "begindatum"]
        verbose_name = "tarief"
        verbose_name_plural = "tarieven"
        constraints = [
            models.UniqueConstraint(fields=["product", "begindatum"], name="tarief_uniek_per_begindatum"),
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True) | models.Q(einddatum__gte=models.F("begindatum")),
                name="tarief_einde_na_begin",
            ),
        ]

    def __str__(self) -> str:
        label = " (illustratief)" if self.illustratief else ""
        return f"{self.product.code} {opmaak.euro(self.bedrag)} vanaf {self.begindatum:%d-%m-%Y}{label}"


class KeuzebudgetJaar(models.Model):
    """Keuzebudget rules of one year (prijspeil): maximum period per kind and duurzaam limits."""

    jaar = models.PositiveSmallIntegerField(unique=True)
    max_maanden_herstel = models.PositiveSmallIntegerField()
    max_maanden_duurzaam = models.PositiveSmallIntegerField()
    duurzaam_uitgesloten = models.ManyToManyField(
        Product,
        blank=True,
        related_name="+",
        help_text="Producten die een duurzaam keuzebudget niet mag gebruiken (R-B2).",
    )
    illustratief = models.BooleanField(default=False)

    objects = IngelogdQuerySet.as_manager()

    class Meta:
        ordering = ["jaar"]
        verbose_name = "keuzebudgetjaar"
        verbose_name_plural = "keuzebudgetjaren"

    def __str__(self) -> str:
        return f"Keuzebudgetten {self.jaar}"

    def max_maanden(self, soort: KeuzebudgetSoort) -> int:
        return self.max_maanden_herstel if soort == KeuzebudgetSoort.HERSTEL else self.max_maanden_duurzaam


class KeuzebudgetNiveau(models.Model):
    """A standard keuzebudget level 1–6 of one year (R-T4), with the guidance examples."""

    jaar = models.ForeignKey(KeuzebudgetJaar, on_delete=models.CASCADE, related_name="niveaus")
    niveau = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(HOOGSTE_NIVEAU)])
    bedrag = models.DecimalField(max_digits=12, decimal_places=2)
    voorbeeld_herstel = models.CharField(max_length=200, blank=True)
    voorbeeld_duurzaam = models.CharField(max_length=200, blank=True)

    objects = IngelogdQuerySet.as_manager()

    class Meta:
        ordering = ["jaar__jaar", "niveau"]
        verbose_name = "keuzebudgetniveau"
        verbose_name_plural = "keuzebudgetniveaus"
        constraints = [models.UniqueConstraint(fields=["jaar", "niveau"], name="keuzebudgetniveau_uniek")]

    def __str__(self) -> str:
        return f"Keuzebudget {self.niveau} ({self.jaar.jaar}): {opmaak.euro(self.bedrag)}"
