"""Crisis cost split settings (R-B4) and the submitted production statements (R-V1, R-V2).
The statement's figures themselves are computed from the declaration lines, never stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .constants import Sleutel
from .querysets import CrisisbekostigingQuerySet, ProductieverantwoordingQuerySet


class Crisisbekostiging(models.Model):
    """Per region per year: the task-based availability amount, split by ``sleutel``, and the
    amount per call-out/intervention, charged by profijt (crisis registrations per municipality)."""

    regio = models.ForeignKey("organisaties.Regio", on_delete=models.PROTECT, related_name="crisisbekostigingen")
    jaar = models.PositiveSmallIntegerField()
    beschikbaarheid = models.DecimalField(
        max_digits=14, decimal_places=2, help_text="Jaarbedrag beschikbaarheid crisisdienst (solidariteit)."
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

    objects = ProductieverantwoordingQuerySet.as_manager()

    class Meta:
        ordering = ["-jaar", "aanbieder__naam"]
        verbose_name = "productieverantwoording"
        verbose_name_plural = "productieverantwoordingen"
        constraints = [models.UniqueConstraint(fields=["aanbieder", "jaar"], name="verantwoording_uniek")]

    def __str__(self) -> str:
        return f"Productieverantwoording {self.aanbieder_id} {self.jaar}"
