"""The handover of a young person's care between municipalities after a move (R-D3, issue 20 §5)
and the disputes between municipalities about who is responsible."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from .constants import GeschilStatus, GeschilUitkomst, OverdrachtStatus
from .querysets import GeschilQuerySet, OverdrachtQuerySet


class Overdracht(models.Model):
    """Opened by the move itself (``services.bij_verhuizing``) when ambulant care of the old
    municipality runs past the moving day; both municipalities see it."""

    jeugdige = models.ForeignKey("jeugdigen.Jeugdige", on_delete=models.PROTECT, related_name="+")
    van_gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    naar_gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    verhuisdatum = models.DateField(help_text="Eerste dag in de nieuwe gemeente.")
    status = models.CharField(max_length=10, choices=OverdrachtStatus.choices, default=OverdrachtStatus.OPEN)
    geopend_op = models.DateTimeField(auto_now_add=True)
    nieuwe_verwijzing = models.ForeignKey(
        "verwijzingen.Verwijzing", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    toelichting = models.TextField(blank=True)
    #: R-D3: the new municipality's toegang confirmed the moving day; needed before the old one
    #: ends care that already started on a day that has come (``services.bevestig_verhuisdatum``).
    verhuisdatum_bevestigd_op = models.DateField(null=True, blank=True)
    verhuisdatum_bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    afgerond_op = models.DateField(null=True, blank=True)
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = OverdrachtQuerySet.as_manager()

    class Meta:
        ordering = ["-verhuisdatum", "-id"]
        verbose_name = "overdracht"
        verbose_name_plural = "overdrachten"
        constraints = [
            models.UniqueConstraint(fields=["jeugdige", "verhuisdatum"], name="overdracht_een_per_verhuizing"),
        ]

    def __str__(self) -> str:
        return f"Overdracht {self.pk} per {self.verhuisdatum:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("overdracht:detail", args=[self.pk])


class OverdrachtToewijzing(models.Model):
    """One running allocation of the old municipality that the handover ends."""

    overdracht = models.ForeignKey(Overdracht, on_delete=models.CASCADE, related_name="regels")
    toewijzing = models.ForeignKey("toewijzingen.Toewijzing", on_delete=models.PROTECT, related_name="+")
    beeindigd_op = models.DateField(null=True, blank=True)
    beeindigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["overdracht_id", "toewijzing_id"]
        verbose_name = "over te dragen toewijzing"
        verbose_name_plural = "over te dragen toewijzingen"
        constraints = [
            models.UniqueConstraint(fields=["overdracht", "toewijzing"], name="overdracht_toewijzing_uniek"),
        ]

    def __str__(self) -> str:
        return f"Toewijzing {self.toewijzing_id} in overdracht {self.overdracht_id}"


class Geschil(models.Model):
    """A dispute between two municipalities about who is responsible for a young person, with
    its outcome (R-D3)."""

    overdracht = models.ForeignKey(Overdracht, on_delete=models.PROTECT, related_name="geschillen")
    ingediend_door_gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    omschrijving = models.TextField()
    status = models.CharField(max_length=10, choices=GeschilStatus.choices, default=GeschilStatus.OPEN)
    ingediend_op = models.DateField()
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uitkomst = models.CharField(max_length=20, choices=GeschilUitkomst.choices, blank=True)
    toelichting_uitkomst = models.TextField(blank=True)
    beslist_op = models.DateField(null=True, blank=True)
    beslist_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = GeschilQuerySet.as_manager()

    class Meta:
        ordering = ["-ingediend_op", "-id"]
        verbose_name = "geschil"
        verbose_name_plural = "geschillen"

    def __str__(self) -> str:
        return f"Geschil {self.pk}"

    def get_absolute_url(self) -> str:
        return self.overdracht.get_absolute_url()

    @property
    def jeugdige(self):
        return self.overdracht.jeugdige
