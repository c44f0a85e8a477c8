"""Rollup tables of the control system (R-K1, issue 6 §9) and the norms and measures set on them
(R-K2, R-K6). ``Cijfer`` holds, per indicator, period and dimension combination, a numerator and
a denominator computed from the operational data by SQL aggregates; a NULL dimension means
"all together" (the rows for totals are computed, never summed from the parts, so distinct
counts stay exact)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from jeugdregie.common.querysets import IngelogdQuerySet
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.categorieen import categorieen

from .constants import ALLE, Periodesoort


def _dimensie(model: str) -> models.ForeignKey:
    """A dimension of the rollup (NULL = all). ``Cijfer`` is derived data, rebuilt from the
    source: no foreign-key constraint (its per-row check at commit cost as much as computing the
    cells) and no single-column index (the composite ones cover the lookups). Deleting a
    municipality or provider still cascades here through the ORM."""
    return models.ForeignKey(
        model,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )


class TotalenManager(models.Manager):
    """``Cijfer.objects``: the cells that are totals over the split by purchasing level and
    funding variant (issue 22: ``inkoop`` and ``bekostiging`` ""), so every reader that does not
    ask for the split reads exactly the figures it read before. ``Cijfer.alle``: every cell."""

    def get_queryset(self):
        return super().get_queryset().filter(inkoop=ALLE, bekostiging=ALLE)


class AlleManager(models.Manager):
    """``Cijfer.alle``: every cell, the split ones included (the rollup's own writes and the pages
    that show the split)."""


class Cijfer(models.Model):
    indicator = models.CharField(max_length=12)
    periodesoort = models.CharField(max_length=8, choices=Periodesoort.choices)
    periode = models.DateField(help_text="Eerste dag van de maand, het kwartaal of het jaar.")
    gemeente = _dimensie("organisaties.Gemeente")
    aanbieder = _dimensie("organisaties.Aanbieder")
    categorie = models.CharField(max_length=20, blank=True, default=ALLE)
    # Issue 22: R-R3 lokaal / regionaal, R-R2 the funding variant; "" = all (``SPLITSINGEN``).
    inkoop = models.CharField(max_length=10, blank=True, default=ALLE, db_default=ALLE)
    bekostiging = models.CharField(max_length=20, blank=True, default=ALLE, db_default=ALLE)
    teller = models.DecimalField(max_digits=20, decimal_places=4)
    noemer = models.DecimalField(max_digits=20, decimal_places=4)

    objects = TotalenManager()
    alle = AlleManager()

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
    cover; ``bijgewerkt``: when they were last computed; ``volledig``: when the last full rebuild
    (nightly, issue 17 part B) succeeded, reported by ``/gereedheid/``. ``lezing``: the number
    of the latest reading of the source by a rollup run; ``geschreven``: the highest reading whose
    cells were written — a run writes only if no later reading has; ``schrijvingen``: how many
    writes of cells there have been, so a run knows whether its copy of the stored cells is still
    what the rollup holds (issue 18)."""

    data_tot = models.DateField(null=True, blank=True)
    bijgewerkt = models.DateTimeField(null=True, blank=True)
    volledig = models.DateTimeField(null=True, blank=True)
    lezing = models.PositiveBigIntegerField(default=0)
    geschreven = models.PositiveBigIntegerField(default=0)
    schrijvingen = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "verversing"
        verbose_name_plural = "verversingen"

    def __str__(self) -> str:
        return f"Cijfers tot {self.data_tot}"


class VerouderdePeriode(models.Model):
    """A month whose figures must be recomputed (queued after an approval or a route decision,
    processed by ``services.rollup.werk_bij``): the incremental refresh. ``route``: queued by a
    decision of the client route (issue 18 §2), which recomputes every indicator; else by a
    declaration intake, which recomputes those on declarations and the budget ledger."""

    maand = models.DateField()
    route = models.BooleanField(default=False)
    sinds = models.DateTimeField(auto_now_add=True)
    # The run that took the month (a token): removed by that run only when it succeeded, so a
    # month of a killed run is taken again by the next; a new mark clears the claim.
    claim = models.CharField(max_length=32, null=True, blank=True)

    class Meta:
        verbose_name = "verouderde periode"
        verbose_name_plural = "verouderde perioden"
        constraints = [models.UniqueConstraint(fields=["maand", "route"], name="verouderde_periode_uniek")]

    def __str__(self) -> str:
        return f"{self.maand:%Y-%m}"


from .models_cbs import CbsKengetal, CbsReferentie  # noqa: E402,F401
from .models_maatregel import Maatregel, Maatregelgebeurtenis  # noqa: E402,F401


class Normsoort(models.TextChoices):
    ABSOLUUT = "absoluut", _("Absoluut (grenswaarden)")
    RELATIEF = "relatief", _("Relatief (percentiel binnen de categorie)")


class Norm(models.Model):
    """R-K2: a norm on an indicator, absolute (a lower and/or upper bound) or relative (a
    percentile within the provider's category), with a tolerance band that turns a value close to
    the boundary orange. Versioned per period: a change is a new row; the norm of a period is the
    latest version with ``geldig_vanaf`` ≤ the period's start, so old periods keep their norm.
    ``categorie`` "" applies to every provider category; a category's own norm takes precedence."""

    regio = models.ForeignKey("organisaties.Regio", on_delete=models.PROTECT, related_name="+")
    indicator = models.CharField(max_length=12)
    categorie = models.CharField(
        max_length=20,
        blank=True,
        default=ALLE,
        help_text="Een aanbiedercategorie van de regio (R-R1); leeg: alle categorieën.",
    )
    soort = models.CharField(max_length=10, choices=Normsoort.choices, default=Normsoort.ABSOLUUT)
    ondergrens = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    bovengrens = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    percentiel = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    tolerantie = models.DecimalField(
        max_digits=14,
        decimal_places=4,
        default=0,
        help_text="Oranje binnen deze afstand van de grens (in de eenheid van de indicator, of in percentielpunten).",
    )
    geldig_vanaf = models.DateField(help_text="Eerste dag van de eerste periode waarin de norm geldt.")
    toelichting = models.TextField(blank=True)
    vastgesteld_door = models.ForeignKey("accounts.Gebruiker", on_delete=models.PROTECT, related_name="+")
    vastgesteld_op = models.DateTimeField()

    objects = IngelogdQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "categorie", "-geldig_vanaf", "-vastgesteld_op", "-id"]
        verbose_name = "norm"
        verbose_name_plural = "normen"
        indexes = [models.Index(fields=["regio", "indicator", "geldig_vanaf"], name="norm_indicator_vanaf")]

    def __str__(self) -> str:
        return f"Norm {self.indicator} vanaf {self.geldig_vanaf:%Y-%m-%d}"

    @property
    def categorienaam(self) -> str:
        """The name of the norm's provider category in its region's list (R-R1); "" for all."""
        if self.categorie == ALLE:
            return ""
        lijstdag = max(self.geldig_vanaf, vandaag()) if self.geldig_vanaf else None  # as ``stel_norm_vast``
        return categorieen(self.regio_id, lijstdag).get(self.categorie, self.categorie)
