"""The budget ledger per allocation (R-B5, R-B7). Writes only through ``services/``.

``toegewezen`` is what the toegang allocated (with granted adjustments), ``vastgelegd`` what is
committed now (lower after a withdrawal or a shortening), ``goedgekeurd`` the net approved spend
(debits minus credits) and ``vrijgevallen`` what was released to the municipality. The database
holds the invariant of R-B7 on SQLite and PostgreSQL alike:
``0 ≤ goedgekeurd``, ``0 ≤ vrijgevallen``, ``goedgekeurd + vrijgevallen ≤ vastgelegd ≤ toegewezen``."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, Q, Value

from jeugdregie.common import opmaak

from .constants import Mutatiesoort
from .querysets import BudgetmutatieQuerySet, BudgetstandQuerySet

#: Margin of the ledger's check constraint (see ``Budgetstand.Meta``).
HALVE_CENT = Value(Decimal("0.005"))


class Budgetstand(models.Model):
    """R-B7: one ledger per allocation, opened when the toegang allocates. Changed only by
    atomic UPDATEs on the locked row; the check constraints are the last guard."""

    toewijzing = models.OneToOneField("toewijzingen.Toewijzing", on_delete=models.PROTECT, related_name="budgetstand")
    toegewezen = models.DecimalField(
        max_digits=12, decimal_places=2, help_text="Toegewezen bedrag, met toegekende aanpassingen."
    )
    vastgelegd = models.DecimalField(max_digits=12, decimal_places=2)
    goedgekeurd = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    vrijgevallen = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    vrijgegeven_op = models.DateField(
        null=True, blank=True, help_text="Dag waarop de rest vrijviel: de declaratietermijn was verstreken."
    )
    termijn_vanaf = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "Dag waarop een einde met terugwerkende kracht werd vastgelegd (een beëindiging of stop met een datum "
            "in het verleden): de declaratietermijn loopt dan vanaf deze dag, niet vanaf het einde."
        ),
    )

    objects = BudgetstandQuerySet.as_manager()

    class Meta:
        db_table = "declaraties_budgetstand"
        verbose_name = "budgetstand"
        verbose_name_plural = "budgetstanden"
        constraints = [
            models.CheckConstraint(
                condition=Q(goedgekeurd__gte=0) & Q(vrijgevallen__gte=0), name="budgetstand_niet_negatief"
            ),
            # SQLite stores these columns as floating point, in which 1234.56 − 300.12 < 934.44: the
            # half-cent margin keeps the check exact for amounts in whole cents on both databases.
            models.CheckConstraint(
                condition=Q(goedgekeurd__lte=F("vastgelegd") - F("vrijgevallen") + HALVE_CENT),
                name="budgetstand_binnen_budget",
            ),
            models.CheckConstraint(condition=Q(vastgelegd__lte=F("toegewezen")), name="budgetstand_binnen_toewijzing"),
        ]

    def __str__(self) -> str:
        return f"Budget {self.toewijzing_id}: {self.goedgekeurd}/{self.vastgelegd}"

    @property
    def beschikbaar(self):
        return self.vastgelegd - self.goedgekeurd - self.vrijgevallen


class Budgetmutatie(models.Model):
    """The ledger behind a Budgetstand: every change traceable to its decision or its line."""

    toewijzing = models.ForeignKey("toewijzingen.Toewijzing", on_delete=models.PROTECT, related_name="budgetmutaties")
    soort = models.CharField(max_length=12, choices=Mutatiesoort.choices)
    bedrag = models.DecimalField(max_digits=12, decimal_places=2)
    regel = models.ForeignKey(
        "declaraties.Declaratieregel", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    datum = models.DateField()
    tijdstip = models.DateTimeField(auto_now_add=True)

    objects = BudgetmutatieQuerySet.as_manager()

    class Meta:
        db_table = "declaraties_budgetmutatie"
        ordering = ["tijdstip", "id"]
        verbose_name = "budgetmutatie"
        verbose_name_plural = "budgetmutaties"

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {opmaak.euro(self.bedrag)}"
