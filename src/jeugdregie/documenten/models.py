"""A document attached to a young person and optionally to a referral or an allocation (issue 20
§4). The bytes live in ``STORAGES["documenten"]`` under a random name; the row keeps the file
name as uploaded, the content type found in the bytes (not the one the browser claimed), the size,
a SHA-256 and the retention class (``bewaring``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from jeugdregie.bewaring.constants import Dataklasse

from .constants import Documentsoort
from .opslag import documentopslag
from .querysets import DocumentQuerySet


class Document(models.Model):
    jeugdige = models.ForeignKey("jeugdigen.Jeugdige", on_delete=models.PROTECT, related_name="+")
    verwijzing = models.ForeignKey(
        "verwijzingen.Verwijzing", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    toewijzing = models.ForeignKey(
        "toewijzingen.Toewijzing", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    soort = models.CharField(max_length=30, choices=Documentsoort.choices)
    titel = models.CharField(max_length=200)
    bestand = models.FileField(storage=documentopslag, max_length=200)
    bestandsnaam = models.CharField(max_length=255, help_text="De naam van het bestand zoals het is geüpload.")
    inhoudstype = models.CharField(max_length=100, help_text="Het type volgens de inhoud van het bestand.")
    grootte = models.PositiveBigIntegerField(help_text="Bytes.")
    sha256 = models.CharField(max_length=64)
    bewaarklasse = models.CharField(max_length=30, choices=Dataklasse.choices)
    toegevoegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisatie = models.CharField(max_length=200, help_text="Namens wie het document is toegevoegd.")
    toegevoegd_op = models.DateTimeField(default=timezone.now)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-toegevoegd_op", "-pk"]
        verbose_name = "document"
        verbose_name_plural = "documenten"
        constraints = [
            models.CheckConstraint(condition=models.Q(grootte__gt=0), name="document_niet_leeg"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.pk}"
