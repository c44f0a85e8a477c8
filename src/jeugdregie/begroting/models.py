"""The yearly begroting per municipality per budget line (R-V3). Writes only through
``services/vaststellen.py``.

Versioned: every amount finance enters is a new row (``versie`` 1, 2, …) with who and when; the
highest version counts. Rows are never updated or deleted, so the table is its own event log."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jeugdregie.common import opmaak

from .constants import Post
from .querysets import BegrotingQuerySet


class Begroting(models.Model):
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    jaar = models.PositiveSmallIntegerField()
    post = models.CharField(max_length=20, choices=Post.choices)
    versie = models.PositiveIntegerField()
    bedrag = models.DecimalField(max_digits=14, decimal_places=2)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tijdstip = models.DateTimeField()

    objects = BegrotingQuerySet.as_manager()

    class Meta:
        ordering = ["gemeente_id", "jaar", "post", "-versie"]
        verbose_name = "begroting"
        verbose_name_plural = "begrotingen"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "jaar", "post", "versie"], name="begroting_versie_uniek"),
            models.CheckConstraint(condition=models.Q(bedrag__gte=0), name="begroting_niet_negatief"),
        ]

    def __str__(self) -> str:
        return f"Begroting {self.gemeente_id} {self.jaar} {self.post} v{self.versie}: {opmaak.euro(self.bedrag)}"


class Berekend(models.Model):
    """Derived figures of a municipality or, without a municipality, of its region, for a year,
    as computed at ``berekend_op`` (R-V3/R-V4). One row per scope and year."""

    regio = models.ForeignKey("organisaties.Regio", on_delete=models.CASCADE, related_name="+")
    gemeente = models.ForeignKey(
        "organisaties.Gemeente", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    jaar = models.PositiveSmallIntegerField()
    berekend_op = models.DateTimeField()

    class Meta:
        abstract = True
        ordering = ["regio_id", "gemeente_id", "jaar"]
        constraints = [
            models.UniqueConstraint(fields=["regio", "gemeente", "jaar"], name="%(class)s_uniek"),
            models.UniqueConstraint(
                fields=["regio", "jaar"], condition=models.Q(gemeente__isnull=True), name="%(class)s_regio_uniek"
            ),
        ]


class Budgetsignaal(Berekend):
    """R-V4: the last computed forecast-versus-begroting signal. Written only by
    ``services/signalen.py`` (nightly, and for one municipality when its begroting changes), so a
    home page reads it instead of computing a forecast while the user waits."""

    actief = models.BooleanField()
    tekst = models.TextField()

    class Meta(Berekend.Meta):
        verbose_name = "budgetsignaal"
        verbose_name_plural = "budgetsignalen"

    def __str__(self) -> str:
        return self.tekst


class Prognosestand(Berekend):
    """R-V3/R-V4: the figures of the Budgetbeheersing page — everything except the begroting,
    which the page adds when it is read (so a new begroting shows at once). Written only by
    ``services/standen.py`` (nightly, or on first use), so the page answers without reading the
    region's history (≤ 1 s at national scale; bench/begroting.py)."""

    inhoud = models.JSONField()

    class Meta(Berekend.Meta):
        verbose_name = "prognosestand"
        verbose_name_plural = "prognosestanden"

    def __str__(self) -> str:
        scope = self.gemeente_id or "regio"
        return f"Prognosestand {self.regio_id}/{scope} {self.jaar} ({self.berekend_op:%Y-%m-%d %H:%M})"
