"""Hulpverleningsplan (R-H2): drawn up with the young person, aligned to the results, with
progress recorded against each result."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .constants import Voortgangsstand


class Hulpverleningsplan(models.Model):
    toewijzing = models.OneToOneField(
        "toewijzingen.Toewijzing", on_delete=models.PROTECT, related_name="hulpverleningsplan"
    )
    opgesteld_op = models.DateField()
    met_jeugdige = models.BooleanField(default=False)
    versie = models.PositiveSmallIntegerField(default=1)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "hulpverleningsplan"
        db_table = "toewijzingen_hulpverleningsplan"  # the table predates the hulpverlening app (issue 16 §3)
        verbose_name_plural = "hulpverleningsplannen"

    def __str__(self) -> str:
        return f"Plan {self.toewijzing_id} v{self.versie}"


class PlanAfspraak(models.Model):
    """The approach agreed for one result of the referral."""

    plan = models.ForeignKey(Hulpverleningsplan, on_delete=models.CASCADE, related_name="afspraken")
    resultaat = models.ForeignKey("verwijzingen.Resultaat", on_delete=models.PROTECT, related_name="+")
    aanpak = models.TextField()

    class Meta:
        ordering = ["resultaat_id"]
        verbose_name = "planafspraak"
        db_table = "toewijzingen_planafspraak"  # the table predates the hulpverlening app (issue 16 §3)
        verbose_name_plural = "planafspraken"
        constraints = [models.UniqueConstraint(fields=["plan", "resultaat"], name="planafspraak_per_resultaat")]

    def __str__(self) -> str:
        return self.aanpak[:60]


class Voortgang(models.Model):
    plan = models.ForeignKey(Hulpverleningsplan, on_delete=models.CASCADE, related_name="voortgang")
    resultaat = models.ForeignKey("verwijzingen.Resultaat", on_delete=models.PROTECT, related_name="+")
    datum = models.DateField()
    stand = models.CharField(max_length=20, choices=Voortgangsstand.choices)
    toelichting = models.TextField(blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = "voortgang"
        db_table = "toewijzingen_voortgang"  # the table predates the hulpverlening app (issue 16 §3)
        verbose_name_plural = "voortgang"

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} {self.get_stand_display()}"
