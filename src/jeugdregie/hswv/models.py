"""HSWV inzet (SPEC §4.5, R-X1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jeugdregie.organisaties.constants import VerwijzerType

from .constants import HswvStatus
from .querysets import HswvQuerySet


class HswvInzet(models.Model):
    """R-X1: the toegang or a GI calls on the HSWV collective for a very complex request. The
    collective gets a task-based fee; the care it delivers goes through ordinary allocations."""

    jeugdige = models.ForeignKey("jeugdigen.Jeugdige", on_delete=models.PROTECT, related_name="hswv_inzetten")
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    collectief = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="hswv_inzetten")
    verwijzer_type = models.CharField(max_length=2, choices=VerwijzerType.choices)
    verwijzer = models.ForeignKey(
        "organisaties.Verwijzer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    onderdelen = models.JSONField(default=list, help_text="Codes uit HswvOnderdeel.")
    complexiteit = models.TextField(help_text="Waarom de hulpvraag zeer complex is.")
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=HswvStatus.choices, default=HswvStatus.LOPEND)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    objects = HswvQuerySet.as_manager()

    class Meta:
        ordering = ["-begindatum", "-id"]
        verbose_name = "HSWV-inzet"
        db_table = "toewijzingen_hswvinzet"  # the table predates the hswv app (issue 16 §3)
        verbose_name_plural = "HSWV-inzetten"

    def __str__(self) -> str:
        return f"HSWV-inzet {self.pk} ({self.get_status_display()})"
