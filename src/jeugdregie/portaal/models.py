"""Who in the organisation picks up a worklist item, with a short note (issue 19 §1).

The item is named by its kind and id (``Werkitem.sleutel``) and the organisation that works on
it: the toegang's note on a referral is not the provider's. Written only by
``services.wijs_werkitem_toe``."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Werktoewijzing(models.Model):
    soort = models.CharField(max_length=40)  # Werkitem.soort: the model name of the item
    object_id = models.PositiveBigIntegerField()
    #: The organisation whose worklist holds the item: "gemeente:<id>", "aanbieder:<id>" or
    #: "regio:<id>" (``policies.werkvoorraad.organisatie_van``).
    organisatie = models.CharField(max_length=40)
    toegewezen_aan = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notitie = models.CharField(max_length=500, blank=True)
    gewijzigd_op = models.DateTimeField()
    gewijzigd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "toewijzing van een werkitem"
        verbose_name_plural = "toewijzingen van werkitems"
        constraints = [
            models.UniqueConstraint(fields=["soort", "object_id", "organisatie"], name="werktoewijzing_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.soort}:{self.object_id} ({self.organisatie})"
