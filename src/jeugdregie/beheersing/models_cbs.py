"""CBS Beleidsinformatie Jeugd reference figures (issue 21 item 10): per year a national (or
comparable-group) figure the comparison page shows next to the region's own. Loaded only by
``services.cbs_referentie.laad_referenties`` from a CSV (``data/cbs/``), each row with its
source; example values are marked ``illustratief`` and shown as such, never as CBS figures."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CbsKengetal(models.TextChoices):
    """The reference figures the page compares; each is a percentage."""

    JEUGDHULP = "jeugdhulp_pct", _("Jongeren tot 18 jaar met jeugdhulp (% van alle jongeren tot 18 jaar)")
    VERBLIJF = "verblijf_aandeel", _("Jongeren met jeugdhulp met verblijf (% van de jongeren met jeugdhulp)")


class CbsReferentie(models.Model):
    jaar = models.PositiveSmallIntegerField()
    kengetal = models.CharField(max_length=30, choices=CbsKengetal.choices)
    waarde = models.DecimalField(max_digits=6, decimal_places=2, help_text="Percentage (0–100).")
    bron = models.CharField(max_length=300, help_text="Herkomst van het cijfer (StatLine-tabel en peildatum).")
    illustratief = models.BooleanField(
        default=False, help_text="Voorbeeldwaarde, geen gepubliceerd CBS-cijfer: de pagina toont het zo."
    )
    geladen = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["jaar", "kengetal"]
        verbose_name = "CBS-referentiecijfer"
        verbose_name_plural = "CBS-referentiecijfers"
        constraints = [models.UniqueConstraint(fields=["jaar", "kengetal"], name="cbs_referentie_uniek")]

    def __str__(self) -> str:
        return f"{self.get_kengetal_display()} {self.jaar}: {self.waarde}"
