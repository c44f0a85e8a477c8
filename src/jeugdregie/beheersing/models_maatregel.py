"""The measures register (R-K6): per provider the measure taken (supplier talk, bonus–malus,
temporary client stop, contract termination), the norm it follows from, the decision, the
follow-up date and the outcome. Writes only through ``services/maatregelen.py``; every change
leaves a ``Maatregelgebeurtenis`` row. A client stop's period (``stop_van``–``stop_tot``) is
inclusive (common/periods.py) and shows in the toegang's choice list while it runs (R-K7)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .constants import Periodesoort
from .policies import mag_maatregelen_inzien


class MaatregelSoort(models.TextChoices):
    """SPEC §11.2 Handelen: the four measures tied to norms and contract terms."""

    LEVERANCIERSGESPREK = "leveranciersgesprek", _("Leveranciersgesprek")
    BONUS_MALUS = "bonus_malus", _("Bonus–malus")
    CLIENTENSTOP = "clientenstop", _("Tijdelijke cliëntenstop")
    BEEINDIGING = "beeindiging", _("Beëindiging contract")


class MaatregelStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AFGEROND = "afgerond", _("Afgerond")


# Lifecycle (STYLE.md §Writing 4): status -> allowed next statuses.
MAATREGEL_OVERGANGEN = {MaatregelStatus.OPEN: {MaatregelStatus.AFGEROND}, MaatregelStatus.AFGEROND: set()}


class MaatregelQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """The region's roles (contractmanager, beleid, bestuurder, beheerder) see the measures on
        their region's providers; other roles none (R-P1)."""
        if mag_maatregelen_inzien(user):
            return self.filter(aanbieder__regio_id=user.regio_id)
        return self.none()

    def clientenstop_op(self, dag):
        """R-K6/R-K7: open client stops whose (inclusive) period contains ``dag``."""
        return self.filter(
            soort=MaatregelSoort.CLIENTENSTOP,
            status=MaatregelStatus.OPEN,
            stop_van__lte=dag,
        ).filter(Q(stop_tot__isnull=True) | Q(stop_tot__gte=dag))


class Maatregel(models.Model):
    aanbieder = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="maatregelen")
    soort = models.CharField(max_length=20, choices=MaatregelSoort.choices)
    # The norm it follows from (R-K6): an indicator (or signal) code and the period it was measured
    # over; ``normreferentie`` freely names the norm version (kept by code + period, so the register
    # stays valid when norms are versioned).
    indicator = models.CharField(max_length=20)
    periodesoort = models.CharField(max_length=8, choices=Periodesoort.choices)
    periode = models.DateField(help_text="Eerste dag van de maand, het kwartaal of het jaar.")
    normreferentie = models.CharField(max_length=200, blank=True)
    besluit = models.TextField()
    besluit_op = models.DateField()
    opvolgdatum = models.DateField()
    uitkomst = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=MaatregelStatus.choices, default=MaatregelStatus.OPEN)
    stop_van = models.DateField(null=True, blank=True, help_text="Cliëntenstop: eerste dag (inclusief).")
    stop_tot = models.DateField(null=True, blank=True, help_text="Cliëntenstop: laatste dag (inclusief).")
    afgerond_op = models.DateField(null=True, blank=True)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt = models.DateTimeField(auto_now_add=True)

    objects = MaatregelQuerySet.as_manager()

    class Meta:
        ordering = ["-besluit_op", "-id"]
        verbose_name = "maatregel"
        verbose_name_plural = "maatregelen"
        constraints = [
            models.CheckConstraint(condition=Q(opvolgdatum__gte=models.F("besluit_op")), name="maatregel_opvolging"),
            models.CheckConstraint(
                condition=~Q(soort=MaatregelSoort.CLIENTENSTOP) | Q(stop_van__isnull=False, stop_tot__isnull=False),
                name="maatregel_clientenstop_periode",
            ),
            models.CheckConstraint(
                condition=Q(stop_tot__isnull=True) | Q(stop_tot__gte=models.F("stop_van")),
                name="maatregel_stop_einde_na_begin",
            ),
        ]
        indexes = [models.Index(fields=["aanbieder", "status"], name="maatregel_aanbieder_status")]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.aanbieder_id} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("beheersing:maatregel", args=[self.pk])


class Maatregelgebeurtenis(models.Model):
    """Append-only history of a measure (STYLE.md §Writing 4): ids and codes only."""

    maatregel = models.ForeignKey(Maatregel, on_delete=models.PROTECT, related_name="gebeurtenissen")
    gebeurtenis = models.CharField(max_length=40)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    tijdstip = models.DateTimeField(auto_now_add=True)
    gegevens = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["tijdstip", "id"]
        verbose_name = "maatregelgebeurtenis"
        verbose_name_plural = "maatregelgebeurtenissen"

    def __str__(self) -> str:
        return f"{self.maatregel_id}: {self.gebeurtenis}"
