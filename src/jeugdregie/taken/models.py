"""The background tasks' own records (issue 17 part B): a lease per task, so two workers never
do the same job at once, and one row per run, for operators and tests."""

from __future__ import annotations

from django.db import models


class Taakslot(models.Model):
    """A lease on one task: taken by a conditional UPDATE (``slot.neem``) that only succeeds
    when the slot is free or its lease expired; the expiry frees it when a worker dies."""

    taak = models.CharField(max_length=100, primary_key=True)
    houder = models.CharField(max_length=64, blank=True, default="")
    bezet_tot = models.DateTimeField(null=True, blank=True)
    laatste_succes = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "taakslot"
        verbose_name_plural = "taakslots"

    def __str__(self) -> str:
        return self.taak


class Uitkomst(models.TextChoices):
    KLAAR = "klaar", "klaar"
    BEZET = "bezet", "overgeslagen: een andere worker doet dit al"
    AL_GEDAAN = "al_gedaan", "overgeslagen: een andere worker deed dit al"
    MISLUKT = "mislukt", "mislukt"


class Taakuitvoering(models.Model):
    """One run of a task (no personal data: a task name, times, a count)."""

    taak = models.CharField(max_length=100)
    begonnen = models.DateTimeField()
    geeindigd = models.DateTimeField(null=True, blank=True)
    uitkomst = models.CharField(max_length=10, choices=Uitkomst.choices)
    aantal = models.IntegerField(default=0)

    class Meta:
        verbose_name = "taakuitvoering"
        verbose_name_plural = "taakuitvoeringen"
        indexes = [models.Index(fields=["taak", "begonnen"], name="taakuitvoering_taak")]

    def __str__(self) -> str:
        return f"{self.taak} {self.begonnen:%Y-%m-%d %H:%M} {self.uitkomst}"
