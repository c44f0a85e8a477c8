"""Crisis cost split settings (R-B4) and the submitted production statements (R-V1, R-V2).
The statement's figures themselves are computed from the declaration lines, never stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .constants import Sleutel
from .querysets import CrisisbekostigingQuerySet, ProductieverantwoordingQuerySet


class Crisisbekostiging(models.Model):
    """Per region per year: the task-based availability amount, split by ``sleutel``, and the
    amount per crisis intervention carried out, charged by profijt (R-C5). ``beschikbaarheid`` is
    the sum of the year's ``componenten`` (R-C5), kept by the service."""

    regio = models.ForeignKey("organisaties.Regio", on_delete=models.PROTECT, related_name="crisisbekostigingen")
    jaar = models.PositiveSmallIntegerField()
    beschikbaarheid = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        help_text="Jaarbedrag beschikbaarheid (solidariteit): de som van de componenten.",
    )
    tarief_interventie = models.DecimalField(
        max_digits=10, decimal_places=2, help_text="Bedrag per crisisuitruk/interventie (profijtbeginsel)."
    )
    sleutel = models.CharField(max_length=12, choices=Sleutel.choices, default=Sleutel.JEUGDIGEN)

    objects = CrisisbekostigingQuerySet.as_manager()

    class Meta:
        ordering = ["-jaar"]
        verbose_name = "crisisbekostiging"
        verbose_name_plural = "crisisbekostigingen"
        constraints = [models.UniqueConstraint(fields=["regio", "jaar"], name="crisisbekostiging_uniek")]

    def __str__(self) -> str:
        return f"Crisisbekostiging {self.jaar}"


class Beschikbaarheidscomponent(models.Model):
    """R-C5 (001 §3.3.1, §4.4.3): one part of the availability amount of a year — e.g. the 24/7
    crisisdienst GGZ, Spoedhulp IJsselland — with its own annual amount and payee (the provider
    that receives it). Each is split over the municipalities by the year's key. ``ontvanger`` is
    empty only for a year migrated from the single amount; the service requires it."""

    bekostiging = models.ForeignKey(Crisisbekostiging, on_delete=models.CASCADE, related_name="componenten")
    naam = models.CharField(max_length=100)
    bedrag = models.DecimalField(max_digits=14, decimal_places=2)
    ontvanger = models.ForeignKey(
        "organisaties.Aanbieder", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["volgorde", "id"]
        verbose_name = "beschikbaarheidscomponent"
        verbose_name_plural = "beschikbaarheidscomponenten"
        constraints = [
            models.UniqueConstraint(fields=["bekostiging", "naam"], name="beschikbaarheidscomponent_uniek"),
            models.CheckConstraint(condition=models.Q(bedrag__gte=0), name="beschikbaarheidscomponent_niet_negatief"),
        ]

    def __str__(self) -> str:
        return self.naam


class Sleutelaandeel(models.Model):
    """Weights of a manual key (``Sleutel.HANDMATIG``)."""

    bekostiging = models.ForeignKey(Crisisbekostiging, on_delete=models.CASCADE, related_name="aandelen")
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    gewicht = models.DecimalField(max_digits=10, decimal_places=4)

    class Meta:
        verbose_name = "sleutelaandeel"
        verbose_name_plural = "sleutelaandelen"
        constraints = [
            models.UniqueConstraint(fields=["bekostiging", "gemeente"], name="sleutelaandeel_uniek"),
            models.CheckConstraint(condition=models.Q(gewicht__gte=0), name="sleutelaandeel_niet_negatief"),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente_id}: {self.gewicht}"


class Productieverantwoording(models.Model):
    """R-V1/R-V2: a provider's statement for a year, as submitted (the moment counts for
    timeliness); the totals at submission are kept so a later change is visible."""

    aanbieder = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="verantwoordingen")
    jaar = models.PositiveSmallIntegerField()
    ingediend_op = models.DateTimeField()
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dagen_na_jaareinde = models.IntegerField()
    goedgekeurd_totaal = models.DecimalField(max_digits=14, decimal_places=2)
    betaald_totaal = models.DecimalField(max_digits=14, decimal_places=2)
    # R-R2: the task-based variant at submission (the terms of the provider's assignments), so a
    # term paid afterwards is a change too; 0.00 without an assignment. Empty for a statement
    # submitted before these were kept (migration 0003): not known, so not compared.
    taakgericht_gepland_totaal = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    taakgericht_betaald_totaal = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    objects = ProductieverantwoordingQuerySet.as_manager()

    class Meta:
        ordering = ["-jaar", "aanbieder__naam"]
        verbose_name = "productieverantwoording"
        verbose_name_plural = "productieverantwoordingen"
        constraints = [models.UniqueConstraint(fields=["aanbieder", "jaar"], name="verantwoording_uniek")]

    def __str__(self) -> str:
        return f"Productieverantwoording {self.aanbieder_id} {self.jaar}"
