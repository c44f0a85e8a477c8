"""A provider's request for allocation (iJw JW315, the GP/specialist/GI route of SPEC §4.2)
waiting on the toegang's worklist: one row per requested product (AangevraagdProduct), each
answered on its own by JW319 (refused / under investigation) or JW301 (allocated)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from .constants import RedenAfwijzingVerzoek, ToewijzingsverzoekStatus
from .querysets import ToewijzingsverzoekQuerySet


class Toewijzingsverzoek(models.Model):
    jeugdige = models.ForeignKey("jeugdigen.Jeugdige", on_delete=models.PROTECT, related_name="+")
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    aanbieder = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="+")
    referentie_aanbieder = models.CharField(max_length=36, help_text="ReferentieAanbieder uit het JW315-bericht.")
    product = models.ForeignKey("catalogus.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    productcategorie = models.CharField(max_length=2, blank=True)
    ingangsdatum = models.DateField(help_text="Gewenste ToewijzingIngangsdatum.")
    einddatum = models.DateField(null=True, blank=True)
    volume = models.PositiveIntegerField(null=True, blank=True)
    eenheid = models.CharField(max_length=2, blank=True, help_text="WJ756-code.")
    frequentie = models.CharField(max_length=1, blank=True, help_text="WMO757-code.")
    budget = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    verwijzer_type = models.CharField(max_length=2, blank=True, help_text="COD327 Code verwijzer.")
    verwijzer_naam = models.CharField(max_length=70, blank=True)
    verwijzer_zorgverlenercode = models.CharField(max_length=8, blank=True)
    status = models.CharField(
        max_length=20, choices=ToewijzingsverzoekStatus.choices, default=ToewijzingsverzoekStatus.OPEN
    )
    reden_afwijzing = models.CharField(max_length=1, choices=RedenAfwijzingVerzoek.choices, blank=True)
    toelichting = models.TextField(blank=True)
    verwijzing = models.OneToOneField(
        "verwijzingen.Verwijzing",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="toewijzingsverzoek",
        help_text="De verwijzing waarmee de toegang het verzoek honoreerde.",
    )
    ontvangen_op = models.DateTimeField()
    besluit_op = models.DateField(null=True, blank=True)
    besluit_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ToewijzingsverzoekQuerySet.as_manager()

    class Meta:
        ordering = ["ontvangen_op", "id"]
        verbose_name = "toewijzingsverzoek"
        db_table = "toewijzingen_toewijzingsverzoek"  # the table predates the verzoeken app (issue 16 §3)
        verbose_name_plural = "toewijzingsverzoeken"
        constraints = [
            models.UniqueConstraint(fields=["aanbieder", "referentie_aanbieder"], name="verzoek_referentie_uniek"),
        ]
        indexes = [models.Index(fields=["gemeente", "status"], name="verzoek_gemeente_status")]

    def __str__(self) -> str:
        return f"Toewijzingsverzoek {self.pk} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("verzoeken:verzoek", args=[self.pk])
