"""Declarations (SPEC §8); the budget ledger lives in ``budgetten``. Writes only through
``services/``. Periods are inclusive (common/periods.py); money is Decimal with 2 places."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .constants import Afkeur, DebetCredit, DeclaratieBron, RegelStatus
from .querysets import DeclaratieQuerySet, DeclaratieregelQuerySet


class Declaratie(models.Model):
    """One intake of lines from a provider for one municipality (a JW323 is the same shape).
    ``nummer`` is the provider's own, unique per provider: a replay returns the first outcome."""

    aanbieder = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="declaraties")
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="declaraties")
    nummer = models.CharField(max_length=40)
    bron = models.CharField(max_length=10, choices=DeclaratieBron.choices)
    inhoud_hash = models.CharField(max_length=64, help_text="SHA-256 van de regels: herkent een herhaalde inzending.")
    ingediend_op = models.DateTimeField()
    periode_einde = models.DateField(help_text="Laatste einddatum van de regels.")
    dagen_na_periode = models.IntegerField(help_text="Tijdigheid (R-V2): dagen tussen periode-einde en indiening.")
    ingediend_bedrag = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    goedgekeurd_bedrag = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    # The payment batch that takes this declaration is linked on the payment side
    # (``betalingen.Batchdeclaratie``): an earlier stage holds no key to a later one.

    objects = DeclaratieQuerySet.as_manager()

    class Meta:
        ordering = ["-ingediend_op", "-id"]
        verbose_name = "declaratie"
        verbose_name_plural = "declaraties"
        constraints = [models.UniqueConstraint(fields=["aanbieder", "nummer"], name="declaratie_nummer_uniek")]
        indexes = [models.Index(fields=["gemeente", "ingediend_op"], name="declaratie_gemeente_datum")]

    def __str__(self) -> str:
        return f"Declaratie {self.nummer} ({self.aanbieder_id})"


class Declaratieregel(models.Model):
    """One prestatie: client, allocation, product, period (within one month), volume and unit,
    amount, debit or credit; approved or rejected with a code the provider can act on."""

    declaratie = models.ForeignKey(Declaratie, on_delete=models.PROTECT, related_name="regels")
    aanbieder = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="+")
    referentie = models.CharField(max_length=40, help_text="ProductReferentie, uniek per aanbieder (TR314).")
    volgnummer = models.PositiveIntegerField()
    jeugdige = models.ForeignKey(
        "jeugdigen.Jeugdige", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    toewijzing = models.ForeignKey(
        "toewijzingen.Toewijzing", null=True, blank=True, on_delete=models.PROTECT, related_name="declaratieregels"
    )
    product = models.ForeignKey("catalogus.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    begindatum = models.DateField()
    einddatum = models.DateField()
    volume = models.DecimalField(max_digits=10, decimal_places=2)
    eenheid = models.CharField(max_length=12)
    bedrag = models.DecimalField(max_digits=12, decimal_places=2)
    debet_credit = models.CharField(max_length=1, choices=DebetCredit.choices, default=DebetCredit.DEBET)
    credit_van = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="creditregel"
    )
    status = models.CharField(max_length=12, choices=RegelStatus.choices)
    afkeur = models.CharField(max_length=6, choices=Afkeur.choices, blank=True)
    retourcode = models.CharField(max_length=4, blank=True)
    toelichting = models.TextField(blank=True)

    objects = DeclaratieregelQuerySet.as_manager()

    class Meta:
        ordering = ["declaratie_id", "volgnummer"]
        verbose_name = "declaratieregel"
        verbose_name_plural = "declaratieregels"
        constraints = [
            models.UniqueConstraint(
                fields=["aanbieder", "referentie"],
                condition=models.Q(status="goedgekeurd"),
                name="declaratieregel_referentie_uniek",
            ),
        ]
        indexes = [models.Index(fields=["toewijzing", "status"], name="regel_toewijzing_status")]

    def __str__(self) -> str:
        return f"Regel {self.referentie} ({self.get_status_display()})"
