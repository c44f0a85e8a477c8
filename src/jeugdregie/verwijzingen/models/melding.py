"""Notifications to organisations (R-S3, R-H3, R-W9)."""

from __future__ import annotations

from django.db import models


class Melding(models.Model):
    """A notification to an organisation (referrer, municipality, provider). Ids only; never
    health data in the text."""

    jeugdige = models.ForeignKey("jeugdigen.Jeugdige", on_delete=models.PROTECT, related_name="+")
    aan_verwijzer = models.ForeignKey(
        "organisaties.Verwijzer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aan_gemeente = models.ForeignKey(
        "organisaties.Gemeente", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aan_aanbieder = models.ForeignKey(
        "organisaties.Aanbieder", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    onderwerp = models.CharField(max_length=200)
    # Issue 17 §2: a notification that must exist once (a deadline reminder) carries a key; two
    # workers making it at once get one row. Ids and dates only, like the subject.
    sleutel = models.CharField(max_length=100, null=True, blank=True, unique=True, editable=False)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "toewijzingen_melding"  # kept when split off toewijzingen (issue 16 §3)
        ordering = ["-aangemaakt"]
        verbose_name = "melding"
        verbose_name_plural = "meldingen"

    def __str__(self) -> str:
        return self.onderwerp
