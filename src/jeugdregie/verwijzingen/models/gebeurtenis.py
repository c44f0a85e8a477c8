"""The client route's event log (STYLE.md §Writing 4): it starts with the referral, and every later
step (allocation, Wonen, crisis, JW315 requests, plans, HSWV) appends to it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jeugdregie.verwijzingen.constants import Gebeurtenissoort


class Gebeurtenis(models.Model):
    """Event row for every state change (STYLE.md §Writing 4): ids only, no BSN or health data."""

    objecttype = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    gebeurtenis = models.CharField(max_length=60, choices=Gebeurtenissoort.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    tijdstip = models.DateTimeField(auto_now_add=True)
    gegevens = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "toewijzingen_gebeurtenis"  # kept when split off toewijzingen (issue 16 §3)
        ordering = ["tijdstip", "id"]
        verbose_name = "gebeurtenis"
        verbose_name_plural = "gebeurtenissen"
        indexes = [models.Index(fields=["objecttype", "object_id"], name="gebeurtenis_object")]

    def __str__(self) -> str:
        return f"{self.objecttype} {self.object_id}: {self.gebeurtenis}"
