"""The toegang's consent to a second GP-route referral (R-T8 as corrected by R-T10): the seed's
"tweede verwijzing en/of verlenging via de huisartsenroute niet mogelijk zonder contact met de
gemeentelijke toegang" (001 annex 2, 000 §6). Writes only through ``services.toestemming``."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ToestemmingHuisartsroute(models.Model):
    """Contact with the toegang took place: one next GP-route referral of this young person may
    follow a running or recent one. ``verwijzing`` is the referral that used it (then spent);
    a consent counts only for the trajectory that ran when it was recorded (``datum`` on or
    after that trajectory's referral date)."""

    jeugdige = models.ForeignKey(
        "jeugdigen.Jeugdige", on_delete=models.PROTECT, related_name="toestemmingen_huisartsroute"
    )
    gemeente = models.ForeignKey(
        "organisaties.Gemeente",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="De gemeente wier toegang de toestemming gaf (woonplaatsbeginsel op de datum).",
    )
    datum = models.DateField(help_text="Datum van vastleggen, door de server bepaald.")
    reden = models.TextField(help_text="Waarover de toegang met de huisarts of het gezin contact had.")
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd = models.DateTimeField(auto_now_add=True)
    verwijzing = models.OneToOneField(
        "verwijzingen.Verwijzing",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="toestemming_huisartsroute",
        help_text="De huisartsverwijzing die deze toestemming gebruikte; leeg zolang ze nog open staat.",
    )

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = "toestemming tweede huisartsverwijzing"
        verbose_name_plural = "toestemmingen tweede huisartsverwijzing"

    def __str__(self) -> str:
        return f"Toestemming huisartsroute {self.pk}"

    @property
    def is_gebruikt(self) -> bool:
        return self.verwijzing_id is not None
