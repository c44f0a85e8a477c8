"""The referral (SPEC §4): results and a keuzebudget for a chosen provider. Writes only through
``services/``. Periods are inclusive (common/periods.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.common import opmaak
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.verwijzingen.constants import Grond18Plus, VerwijzingStatus
from jeugdregie.verwijzingen.querysets import VerwijzingQuerySet

_GEBRUIKER = settings.AUTH_USER_MODEL


class Verwijzing(models.Model):
    """R-T1: a referral = one or more results + one keuzebudget, for a chosen provider (R-S5)."""

    jeugdige = models.ForeignKey("jeugdigen.Jeugdige", on_delete=models.PROTECT, related_name="verwijzingen")
    gemeente = models.ForeignKey(
        "organisaties.Gemeente",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Verantwoordelijke gemeente (woonplaatsbeginsel) op de verwijsdatum.",
    )
    verwijzer_type = models.CharField(max_length=2, choices=VerwijzerType.choices)
    verwijzer = models.ForeignKey(
        "organisaties.Verwijzer", null=True, blank=True, on_delete=models.PROTECT, related_name="verwijzingen"
    )
    aanbieder = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="verwijzingen")
    product_indicatie = models.ForeignKey(
        "catalogus.Product",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Verwachte tariefgroep of woonintensiteit; basis voor de acceptatieplicht (R-S4).",
    )
    datum = models.DateField()
    status = models.CharField(max_length=20, choices=VerwijzingStatus.choices, default=VerwijzingStatus.TE_SCREENEN)
    grond_18plus = models.CharField(max_length=30, choices=Grond18Plus.choices, blank=True)
    is_verlenging = models.BooleanField(default=False)
    via_huisartsroute = models.BooleanField(
        default=False,
        help_text="Verwezen via de huisartsroute (R-T6): de verwijzer stond op de verwijsdatum in de "
        "huisartsroute van de regelset van de regio (R-R1). Alleen zo'n verwijzing telt als traject voor de regel "
        "van de tweede verwijzing (R-T8).",
    )
    motivering_afwijking = models.TextField(
        blank=True,
        help_text="Waarom de toegang bij een huisartsverwijzing afwijkt van de huisartsroute (R-T6, R-T8).",
    )
    aangemaakt_door = models.ForeignKey(_GEBRUIKER, null=True, on_delete=models.PROTECT, related_name="+")
    aangemaakt = models.DateTimeField(auto_now_add=True)

    objects = VerwijzingQuerySet.as_manager()

    class Meta:
        db_table = "toewijzingen_verwijzing"  # kept when split off toewijzingen (issue 16 §3)
        ordering = ["-datum", "-id"]
        verbose_name = "verwijzing"
        verbose_name_plural = "verwijzingen"

    def __str__(self) -> str:
        return f"Verwijzing {self.pk} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("route:verwijzing", args=[self.pk])

    @property
    def via_toegang(self) -> bool:
        return self.verwijzer_type == VerwijzerType.GEMEENTE


class Resultaat(models.Model):
    """A tailored, concrete result the care must work towards (R-T1)."""

    verwijzing = models.ForeignKey(Verwijzing, on_delete=models.CASCADE, related_name="resultaten")
    omschrijving = models.TextField()

    class Meta:
        db_table = "toewijzingen_resultaat"  # kept when split off toewijzingen (issue 16 §3)
        ordering = ["id"]
        verbose_name = "resultaat"
        verbose_name_plural = "resultaten"

    def __str__(self) -> str:
        return self.omschrijving[:60]


class Keuzebudget(models.Model):
    """R-T1/R-T4/R-T5: a maximum amount and a maximum (inclusive) period."""

    verwijzing = models.OneToOneField(Verwijzing, on_delete=models.CASCADE, related_name="keuzebudget")
    soort = models.CharField(max_length=10, choices=KeuzebudgetSoort.choices)
    niveau = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Standaardniveau 1–6; leeg bij offerte.")
    is_offerte = models.BooleanField(default=False)
    bedrag = models.DecimalField(max_digits=12, decimal_places=2)
    begindatum = models.DateField()
    einddatum = models.DateField()
    vorige = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # a link only: removing last year's budget (retention) leaves this one
        related_name="verlengingen",
        help_text="Het duurzame budget van het vorige jaar dat dit budget verlengt (R-T9).",
    )

    class Meta:
        db_table = "toewijzingen_keuzebudget"  # kept when split off toewijzingen (issue 16 §3)
        verbose_name = "keuzebudget"
        verbose_name_plural = "keuzebudgetten"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(einddatum__gte=models.F("begindatum")), name="keuzebudget_einde_na_begin"
            ),
            models.CheckConstraint(condition=models.Q(bedrag__gt=0), name="keuzebudget_bedrag_positief"),
        ]

    def __str__(self) -> str:
        soort = "offerte" if self.is_offerte else f"niveau {self.niveau}"
        return f"{self.get_soort_display()} {soort}: {opmaak.euro(self.bedrag)} t/m {self.einddatum:%d-%m-%Y}"
