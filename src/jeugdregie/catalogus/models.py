"""The catalog (SPEC §3): products, tariff groups and functions, tariffs, keuzebudget levels.

All of it is data, maintained by the functioneel beheerder and loaded from ``data/`` by
``manage.py laad_catalogus``. Periods are inclusive (see common/periods.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.core.validators import MinValueValidator
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
    """A staff tariff group for individual care (SPEC §3.1–3.2): IJsselland's seven are the
    catalogue's; how many there are is the catalogue's data, not a limit in code (issue 22: a
    region's products may need more)."""

    nummer = models.PositiveSmallIntegerField(unique=True, validators=[MinValueValidator(1)])
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
        validators=[MinValueValidator(1)],
        help_text="Wonen/Verblijf-intensiteit, vanaf 1 (SPEC §3.3: IJsselland kent 1–10; het aantal is een gegeven "
        "van de catalogus, geen grens in de code).",
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

    def tarief_op(self, dag: date, regio_id: int | None = None) -> Tarief | None:
        """R-R1: the tariff valid on ``dag`` in region ``regio_id``: the region's own tariff
        when it has one for that day, else the catalogue's (the tariff without a region)."""
        geldig = self.tarieven.filter(geldig_op_q(dag), models.Q(regio__isnull=True) | models.Q(regio_id=regio_id))
        return kies_tarief(list(geldig), regio_id)


def kies_tarief(geldig: list[Tarief], regio_id: int | None) -> Tarief | None:
    """Of the tariffs valid on one day (at most one per region and one without), the region's
    own, else the catalogue's (R-R1)."""
    eigen = [t for t in geldig if regio_id is not None and t.regio_id == regio_id]
    algemeen = [t for t in geldig if t.regio_id is None]
    return (eigen or algemeen or [None])[0]


#: A tariff period as (begindatum, einddatum or None, bedrag).
Tariefperiode = tuple[date, "date | None", Decimal]


def tariefreeks(
    rijen: Iterable[tuple[int | None, date, date | None, Decimal]], regio_id: int | None
) -> list[Tariefperiode]:
    """R-R1: the tariffs that hold in region ``regio_id`` over time, from one product's rows
    (regio_id, begindatum, einddatum, bedrag): the region's own periods, and the catalogue's
    (no region) on the days no own tariff covers; in order of begindatum. The same choice per
    day as ``kies_tarief``."""
    eigen = sorted((b, e, x) for r, b, e, x in rijen if regio_id is not None and r == regio_id)
    reeks = list(eigen)
    for begin, einde, bedrag in ((b, e, x) for r, b, e, x in rijen if r is None):
        stukken: list[tuple[date, date | None]] = [(begin, einde)]
        for e_begin, e_einde, _ in eigen:  # cut the catalogue's period where an own tariff holds
            volgende: list[tuple[date, date | None]] = []
            for van, tot in stukken:
                if (tot is not None and tot < e_begin) or (e_einde is not None and e_einde < van):
                    volgende.append((van, tot))
                    continue
                if van < e_begin:
                    volgende.append((van, e_begin - timedelta(days=1)))
                if e_einde is not None and (tot is None or tot > e_einde):
                    volgende.append((e_einde + timedelta(days=1), tot))
            stukken = volgende
        reeks.extend((van, tot, bedrag) for van, tot in stukken)
    return sorted(reeks, key=lambda periode: periode[0])


class Tarief(models.Model):
    """Tariff of a product for an inclusive validity period. Overlaps are refused by the service.
    R-R1: a tariff of one region (``regio``) overrides the catalogue's tariff (no region) in that
    region for its period; a region without its own tariff pays the catalogue's."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="tarieven")
    regio = models.ForeignKey(
        "organisaties.Regio",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tarieven",
        help_text="Leeg: het tarief van de catalogus, voor elke regio zonder eigen tarief (R-R1).",
    )
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
            models.UniqueConstraint(
                fields=["product", "begindatum"],
                condition=models.Q(regio__isnull=True),
                name="tarief_uniek_per_begindatum",
            ),
            models.UniqueConstraint(
                fields=["product", "regio", "begindatum"],
                condition=models.Q(regio__isnull=False),
                name="tarief_regio_uniek_per_begindatum",
            ),
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True) | models.Q(einddatum__gte=models.F("begindatum")),
                name="tarief_einde_na_begin",
            ),
        ]

    def __str__(self) -> str:
        label = " (illustratief)" if self.illustratief else ""
        return f"{self.product.code} {opmaak.euro(self.bedrag)} vanaf {self.begindatum:%d-%m-%Y}{label}"


def tarieven_in_regio(regio_id: int | None, product_ids: Iterable[int] | None = None) -> dict[int, list[Tariefperiode]]:
    """R-R1: per product (all, or ``product_ids``) the tariffs that hold in the region
    (``tariefreeks``), read in one query."""
    rijen = Tarief.objects.filter(models.Q(regio__isnull=True) | models.Q(regio_id=regio_id))
    if product_ids is not None:
        rijen = rijen.filter(product_id__in=list(product_ids))
    per_product: dict[int, list] = {}
    for product_id, *rij in rijen.values_list("product_id", "regio_id", "begindatum", "einddatum", "bedrag"):
        per_product.setdefault(product_id, []).append(tuple(rij))
    return {product_id: tariefreeks(product_rijen, regio_id) for product_id, product_rijen in per_product.items()}


class KeuzebudgetJaar(models.Model):
    """Keuzebudget rules of one year (prijspeil): maximum period per kind and duurzaam limits,
    with the year's levels. R-R1: a year of one region (``regio``) replaces the catalogue's year
    (no region) in that region; a region without its own year uses the catalogue's."""

    jaar = models.PositiveSmallIntegerField()
    regio = models.ForeignKey(
        "organisaties.Regio",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="keuzebudgetjaren",
        help_text="Leeg: het jaar van de catalogus, voor elke regio zonder eigen keuzebudgetten (R-R1).",
    )
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
        constraints = [
            models.UniqueConstraint(
                fields=["jaar"], condition=models.Q(regio__isnull=True), name="keuzebudgetjaar_uniek"
            ),
            models.UniqueConstraint(
                fields=["regio", "jaar"], condition=models.Q(regio__isnull=False), name="keuzebudgetjaar_regio_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"Keuzebudgetten {self.jaar}" + (f" ({self.regio})" if self.regio_id else "")

    @classmethod
    def van(cls, jaar: int, regio_id: int | None) -> KeuzebudgetJaar | None:
        """R-R1: the keuzebudget year that holds in region ``regio_id``: its own, else the
        catalogue's; None when neither is set."""
        rijen = cls.objects.filter(models.Q(regio__isnull=True) | models.Q(regio_id=regio_id), jaar=jaar)
        return min(rijen, key=lambda rij: rij.regio_id is None, default=None)

    def max_maanden(self, soort: KeuzebudgetSoort) -> int:
        return self.max_maanden_herstel if soort == KeuzebudgetSoort.HERSTEL else self.max_maanden_duurzaam


class KeuzebudgetNiveau(models.Model):
    """A standard keuzebudget level 1–N of one year (R-T4): the catalogue's 1–6, a region's own
    1–N (R-R1, ``regionaal.stel_regiokeuzebudgetten_vast``), with the guidance examples."""

    jaar = models.ForeignKey(KeuzebudgetJaar, on_delete=models.CASCADE, related_name="niveaus")
    niveau = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
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


def hoogste_niveau(regio_id: int | None) -> int:
    """R-R1: the highest standard keuzebudget level a region has in any year — its own levels or
    the catalogue's (``HOOGSTE_NIVEAU`` when neither has any): the bound of the GP route's levels
    and cap in its rule set."""
    hoogste = (
        KeuzebudgetNiveau.objects.filter(models.Q(jaar__regio__isnull=True) | models.Q(jaar__regio_id=regio_id))
        .aggregate(hoogste=models.Max("niveau"))
        .get("hoogste")
    )
    return hoogste or HOOGSTE_NIVEAU
