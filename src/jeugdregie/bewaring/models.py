"""Retention and data-subject rights (R-P7): longer retention per child, the history of
corrections (AVG art. 16) and the record of anonymisations by the retention job.

These models point at ``jeugdigen.Jeugdige`` (an earlier stage); jeugdigen knows nothing of them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .constants import CorrectieVeld


class Bewaarverlenging(models.Model):
    """ "Longer where careful care needs it" (Jeugdwet 7.3.8): the retention job keeps this child's
    data until ``tot`` (inclusive), whatever the data-class terms say."""

    jeugdige = models.OneToOneField("jeugdigen.Jeugdige", on_delete=models.CASCADE, related_name="+")
    tot = models.DateField(help_text="Bewaren tot en met deze datum.")
    reden = models.TextField()
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    vastgelegd = models.DateTimeField()

    class Meta:
        verbose_name = "bewaarverlenging"
        verbose_name_plural = "bewaarverlengingen"

    def __str__(self) -> str:
        return f"Langer bewaren tot {self.tot:%d-%m-%Y}"


class Correctie(models.Model):
    """One corrected field (AVG art. 16): who, when, old → new, why. Holds personal data itself,
    so the retention job blanks ``oud``/``nieuw`` when it anonymises the child."""

    jeugdige = models.ForeignKey("jeugdigen.Jeugdige", on_delete=models.CASCADE, related_name="+")
    veld = models.CharField(max_length=20, choices=CorrectieVeld.choices)
    oud = models.CharField(max_length=200, blank=True)
    nieuw = models.CharField(max_length=200, blank=True)
    reden = models.TextField()
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    tijdstip = models.DateTimeField()

    class Meta:
        ordering = ["-tijdstip", "-id"]
        verbose_name = "correctie"
        verbose_name_plural = "correcties"

    def __str__(self) -> str:
        return f"{self.get_veld_display()} gecorrigeerd op {self.tijdstip:%d-%m-%Y}"


class Anonimisering(models.Model):
    """The retention job anonymised this child (its identifying fields replaced; the rows that
    feed aggregates kept). Makes the job idempotent and tells the pages why a name is gone."""

    jeugdige = models.OneToOneField("jeugdigen.Jeugdige", on_delete=models.PROTECT, related_name="+")
    dataklasse = models.CharField(max_length=20)
    bewaard_tot = models.DateField(help_text="Het einde van de bewaartermijn die verstreek.")
    op = models.DateTimeField()

    class Meta:
        verbose_name = "anonimisering"
        verbose_name_plural = "anonimiseringen"

    def __str__(self) -> str:
        return f"Geanonimiseerd op {self.op:%d-%m-%Y}"
