"""What a provider or GI submitted on the referral form (R-P4): kept whether or not the BSN is
known, so the registrant's overview is the same in both cases and the toegang can pick up a
submission for a child it has not registered yet."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from jeugdregie.verwijzingen.constants import AanmeldingStatus
from jeugdregie.verwijzingen.querysets import AanmeldingQuerySet


class Aanmelding(models.Model):
    """One submission by a non-municipal party. ``bsn`` is what was typed: the toegang needs it to
    process the submission; the registrant only ever sees it masked (``bsn_gemaskeerd``).
    ``gegevens`` holds the rest of the form as submitted (ids and the names shown back), never
    anything read from the client register."""

    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    indiener_aanbieder = models.ForeignKey(
        "organisaties.Aanbieder", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    indiener_verwijzer = models.ForeignKey(
        "organisaties.Verwijzer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    regio = models.ForeignKey(
        "organisaties.Regio",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Regio van de indiener: de toegang van haar gemeenten ziet een aanmelding met een onbekend BSN.",
    )
    gemeente = models.ForeignKey(
        "organisaties.Gemeente",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Bij een bekend BSN dat niet tot een verwijzing leidde: de woonplaatsgemeente van de jeugdige.",
    )
    ingediend_op = models.DateTimeField(help_text="Door de server gezet (R-B9).")
    bsn = models.CharField(max_length=9)
    gegevens = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=AanmeldingStatus.choices, default=AanmeldingStatus.ONTVANGEN)
    reden = models.CharField(max_length=40, blank=True, help_text="Foutcode als de aanmelding niet verwerkt is.")
    verwijzing = models.OneToOneField(
        "verwijzingen.Verwijzing", null=True, blank=True, on_delete=models.PROTECT, related_name="aanmelding"
    )
    besluit_op = models.DateTimeField(
        null=True, blank=True, help_text="Wanneer de toegang over de aanmelding besliste (R-B9); leeg: nog open."
    )
    besluit_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    toelichting = models.TextField(blank=True, help_text="Reden van afwijzing door de toegang; de indiener ziet die.")

    objects = AanmeldingQuerySet.as_manager()

    class Meta:
        db_table = "toewijzingen_aanmelding"  # kept when split off toewijzingen (issue 16 §3)
        ordering = ["-ingediend_op", "-id"]
        verbose_name = "aanmelding"
        verbose_name_plural = "aanmeldingen"

    def __str__(self) -> str:
        return f"Aanmelding {self.pk} ({self.get_status_display()})"

    @property
    def besloten(self) -> bool:
        """R-P4: the toegang decided (honoured or refused); only then the registrant sees the status."""
        return self.besluit_op is not None

    @property
    def verwijsdatum(self) -> date | None:
        """The referral date as submitted."""
        waarde = self.gegevens.get("datum")
        return date.fromisoformat(waarde) if waarde else None

    @property
    def bsn_gemaskeerd(self) -> str:
        """The BSN as typed, masked like ``Jeugdige.bsn_gemaskeerd`` (R-P3)."""
        return f"*****{self.bsn[5:]}"
