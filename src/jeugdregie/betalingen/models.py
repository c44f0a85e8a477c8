"""Payment batches per municipality per calendar month (SPEC §8). A batch takes every declaration
of that municipality submitted in the (ended) month (``Batchdeclaratie``) and pays their
approved lines; one ``Betaalpost`` per provider. Writes only through ``services/``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from jeugdregie.common import opmaak

from .constants import BatchStatus, Gebeurtenissoort
from .querysets import BetaalbatchQuerySet, BetaalpostQuerySet


class Betaalbatch(models.Model):
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="betaalbatches")
    jaar = models.PositiveSmallIntegerField()
    maand = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=12, choices=BatchStatus.choices, default=BatchStatus.VOORBEREID)
    totaal = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    aantal_regels = models.PositiveIntegerField(default=0)
    voorbereid_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    voorbereid_op = models.DateTimeField()
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    toelichting = models.TextField(blank=True)

    objects = BetaalbatchQuerySet.as_manager()

    class Meta:
        ordering = ["-jaar", "-maand", "gemeente__naam"]
        verbose_name = "betaalbatch"
        verbose_name_plural = "betaalbatches"
        constraints = [
            # Running the same batch again creates nothing new; of two concurrent runs one commits.
            models.UniqueConstraint(fields=["gemeente", "jaar", "maand"], name="betaalbatch_uniek_per_maand"),
            # Maker-checker, also in the database.
            models.CheckConstraint(
                condition=models.Q(beoordeeld_door__isnull=True)
                | ~models.Q(beoordeeld_door=models.F("voorbereid_door")),
                name="betaalbatch_vier_ogen",
            ),
            models.CheckConstraint(condition=models.Q(maand__gte=1, maand__lte=12), name="betaalbatch_maand_geldig"),
        ]

    def __str__(self) -> str:
        return f"Betaalbatch {self.gemeente_id} {self.jaar}-{self.maand:02d}"

    def get_absolute_url(self) -> str:
        return reverse("betalingen:batch", args=[self.pk])

    @property
    def referentie(self) -> str:
        """Stable reference per municipality and month (CBS code, year, month): the SEPA message
        id and the start of every end-to-end id, so a bank refuses a second upload of the file."""
        return f"JR-{self.gemeente.cbs_code}-{self.jaar}{self.maand:02d}"


class Batchdeclaratie(models.Model):
    """A declaration taken by a batch. The link lives here, on the later stage (STYLE.md: the
    schema follows the flow), so ``declaraties`` knows nothing of payments. ``declaratie`` is
    one-to-one: the database keeps a declaration in at most one batch, also when two
    preparations run at the same time. Rejecting a batch deletes its rows (the declarations are
    free again); a declaration that is deleted takes its row along, as it took its old column."""

    betaalbatch = models.ForeignKey(Betaalbatch, on_delete=models.PROTECT, related_name="batchdeclaraties")
    declaratie = models.OneToOneField(
        "declaraties.Declaratie", on_delete=models.CASCADE, related_name="batchdeclaratie"
    )

    class Meta:
        verbose_name = "batchdeclaratie"
        verbose_name_plural = "batchdeclaraties"

    def __str__(self) -> str:
        return f"Declaratie {self.declaratie_id} in batch {self.betaalbatch_id}"


class Betaalpost(models.Model):
    """What one provider is paid in a batch: the net of its approved debit and credit lines."""

    batch = models.ForeignKey(Betaalbatch, on_delete=models.PROTECT, related_name="posten")
    aanbieder = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="betaalposten")
    bedrag = models.DecimalField(max_digits=14, decimal_places=2)
    aantal_regels = models.PositiveIntegerField()
    iban = models.CharField(max_length=34, blank=True)

    objects = BetaalpostQuerySet.as_manager()

    class Meta:
        ordering = ["batch_id", "aanbieder__naam"]
        verbose_name = "betaalpost"
        verbose_name_plural = "betaalposten"
        constraints = [models.UniqueConstraint(fields=["batch", "aanbieder"], name="betaalpost_uniek")]

    def __str__(self) -> str:
        return f"{self.aanbieder_id}: {opmaak.euro(self.bedrag)}"

    def regels(self):
        """The declaration lines this post pays: the approved lines of the provider in the
        declarations of the batch (``services.regels.betaalde_regels``, the one definition)."""
        from .services.regels import betaalde_regels  # services import the models

        return betaalde_regels(self.batch_id, self.aanbieder_id)


class Batchgebeurtenis(models.Model):
    """Append-only history of a batch (STYLE.md §Writing 4): who prepared, approved, rejected or
    downloaded it, and when. ``gegevens`` holds ids, amounts and counts only."""

    batch = models.ForeignKey(Betaalbatch, on_delete=models.PROTECT, related_name="gebeurtenissen")
    gebeurtenis = models.CharField(max_length=20, choices=Gebeurtenissoort.choices)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    tijdstip = models.DateTimeField()
    gegevens = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["tijdstip", "id"]
        verbose_name = "batchgebeurtenis"
        verbose_name_plural = "batchgebeurtenissen"

    def __str__(self) -> str:
        return f"{self.get_gebeurtenis_display()} ({self.batch_id})"
