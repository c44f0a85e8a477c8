"""Matching and placement for Wonen/Verblijf (R-W5, R-W6). Timestamps are aware datetimes."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils import timezone

from jeugdregie.catalogus.constants import Woonvorm
from jeugdregie.common.tijd import datum_van

from .constants import PlaatsingsVoorkeur


class Matching(models.Model):
    """R-W5: the provider's search for a fitting place, with its start and (inclusive) end date."""

    toewijzing = models.ForeignKey("toewijzingen.Toewijzing", on_delete=models.PROTECT, related_name="matchings")
    startdatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    voorkeur = models.CharField(max_length=20, choices=PlaatsingsVoorkeur.choices, blank=True)
    motivering = models.TextField(blank=True, help_text="Waarom geen netwerk of gezinsvorm (bij een leefgroep).")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-startdatum", "-id"]
        verbose_name = "matching"
        db_table = "toewijzingen_matching"  # the table predates the wonen app (issue 16 §3)
        verbose_name_plural = "matchings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True) | models.Q(einddatum__gte=models.F("startdatum")),
                name="matching_einde_na_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Matching {self.toewijzing_id} vanaf {self.startdatum:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return self.toewijzing.get_absolute_url()

    @property
    def norm(self) -> timedelta:
        """R-W5: the region's matching norm (``matching_norm_dagen`` of its rule set, about three
        months), for respijtzorg the much shorter one (``matching_norm_respijtzorg_dagen``); R-W10: by
        the recorded form. R-R1: the rule set valid on the day the matching started."""
        from jeugdregie.organisaties.regelset import regels

        versie = regels(self.toewijzing.gemeente.regio_id, self.startdatum)
        is_respijt = self.toewijzing.woonvorm == Woonvorm.RESPIJTZORG
        return timedelta(days=versie.matching_norm_respijtzorg_dagen if is_respijt else versie.matching_norm_dagen)

    def duur(self, op: date) -> timedelta:
        return (self.einddatum or op) - self.startdatum

    def over_norm(self, op: date) -> bool:
        return self.duur(op) > self.norm


class Verblijfsverzoek(models.Model):
    """R-W6: a request for a verblijfsbed and the moment of placement."""

    toewijzing = models.ForeignKey(
        "toewijzingen.Toewijzing", on_delete=models.PROTECT, related_name="verblijfsverzoeken"
    )
    spoed = models.BooleanField(default=True, help_text="Echt nodig: het bed moet er binnen 24 uur zijn.")
    aangevraagd_op = models.DateTimeField()
    geplaatst_op = models.DateTimeField(null=True, blank=True)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    geplaatst_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-aangevraagd_op", "-id"]
        verbose_name = "verblijfsverzoek"
        db_table = "toewijzingen_verblijfsverzoek"  # the table predates the wonen app
        verbose_name_plural = "verblijfsverzoeken"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(geplaatst_op__isnull=True) | models.Q(geplaatst_op__gte=models.F("aangevraagd_op")),
                name="verblijfsverzoek_plaatsing_na_aanvraag",
            ),
        ]

    def __str__(self) -> str:
        return f"Bedverzoek {self.toewijzing_id} {timezone.localtime(self.aangevraagd_op):%d-%m-%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return self.toewijzing.get_absolute_url()

    @cached_property
    def norm(self) -> timedelta:
        """R-W6: the region's norm for placing a bed (``bed_norm_uren`` of its rule set, 24 hours
        by default). R-R1: the rule set valid on the day the bed was requested (the Amsterdam date
        of ``aangevraagd_op``). A worklist sets it from a ``Tijdlijn`` to read a region once."""
        from jeugdregie.organisaties.regelset import regels

        versie = regels(self.toewijzing.gemeente.regio_id, datum_van(self.aangevraagd_op))
        return timedelta(hours=versie.bed_norm_uren)

    def binnen_norm(self, nu) -> bool:
        """Placed (or, while open, still able to be placed) within the norm (``norm``) of the request."""
        return (self.geplaatst_op or nu) - self.aangevraagd_op <= self.norm
