"""Rollup tables of the control system (R-K1, issue 6 §9) and the norms and measures set on them
(R-K2, R-K6). ``Cijfer`` holds, per indicator, period and dimension combination, a numerator and
a denominator computed from the operational data by SQL aggregates; a NULL dimension means
"all together" (the rows for totals are computed, never summed from the parts, so distinct
counts stay exact)."""

from __future__ import annotations

from django.db import models

from .constants import ALLE, Periodesoort


class Cijfer(models.Model):
    indicator = models.CharField(max_length=12)
    periodesoort = models.CharField(max_length=8, choices=Periodesoort.choices)
    periode = models.DateField(help_text="Eerste dag van de maand, het kwartaal of het jaar.")
    gemeente = models.ForeignKey(
        "organisaties.Gemeente", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    aanbieder = models.ForeignKey(
        "organisaties.Aanbieder", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    categorie = models.CharField(max_length=20, blank=True, default=ALLE)
    teller = models.DecimalField(max_digits=20, decimal_places=4)
    noemer = models.DecimalField(max_digits=20, decimal_places=4)

    class Meta:
        verbose_name = "cijfer"
        verbose_name_plural = "cijfers"
        indexes = [
            models.Index(fields=["indicator", "periodesoort", "periode"], name="cijfer_indicator_periode"),
            models.Index(fields=["aanbieder", "periodesoort", "periode"], name="cijfer_aanbieder_periode"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.periodesoort} {self.periode}"


class Verversing(models.Model):
    """Freshness of the rollup (issue 6 §9): one row. ``data_tot``: the last day the figures
    cover; ``bijgewerkt``: when they were last computed."""

    data_tot = models.DateField(null=True, blank=True)
    bijgewerkt = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "verversing"
        verbose_name_plural = "verversingen"

    def __str__(self) -> str:
        return f"Cijfers tot {self.data_tot}"


class VerouderdePeriode(models.Model):
    """A month whose figures must be recomputed (queued after an approval, processed by
    ``services.rollup.werk_bij``): the incremental refresh."""

    maand = models.DateField(unique=True)
    sinds = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "verouderde periode"
        verbose_name_plural = "verouderde perioden"

    def __str__(self) -> str:
        return f"{self.maand:%Y-%m}"
