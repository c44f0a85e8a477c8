"""Young people (issue 2 §4) and who may see them (R-P1)."""

from __future__ import annotations

from datetime import date

from django.db import models

from jeugdregie.common.periods import geldig_op_q

from .constants import BetrokkenheidBron, Geslacht
from .pseudoniem import pseudoniem
from .querysets import JeugdigeQuerySet


class Jeugdige(models.Model):
    bsn = models.CharField("BSN", max_length=9, unique=True)
    voornamen = models.CharField(max_length=200)
    achternaam = models.CharField(max_length=200)
    geboortedatum = models.DateField()
    geslacht = models.CharField(max_length=1, choices=Geslacht.choices, default=Geslacht.ONBEKEND)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    objects = JeugdigeQuerySet.as_manager()

    class Meta:
        ordering = ["achternaam", "voornamen", "id"]
        verbose_name = "jeugdige"
        verbose_name_plural = "jeugdigen"

    def __str__(self) -> str:
        return f"{self.voornamen} {self.achternaam}"

    @property
    def pseudoniem(self) -> str:
        return pseudoniem(self.bsn)

    @property
    def bsn_gemaskeerd(self) -> str:
        return f"*****{self.bsn[5:]}"

    def woonplaats_op(self, dag: date) -> Woonplaats | None:
        return self.woonplaatsen.filter(geldig_op_q(dag)).select_related("gemeente").first()


class Woonplaats(models.Model):
    """Municipality of residence over an inclusive period: sets who pays (woonplaatsbeginsel)."""

    jeugdige = models.ForeignKey(Jeugdige, on_delete=models.CASCADE, related_name="woonplaatsen")
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["jeugdige_id", "begindatum"]
        verbose_name = "woonplaats"
        verbose_name_plural = "woonplaatsen"
        constraints = [
            models.UniqueConstraint(fields=["jeugdige", "begindatum"], name="woonplaats_uniek_begin"),
            models.UniqueConstraint(
                fields=["jeugdige"], condition=models.Q(einddatum__isnull=True), name="woonplaats_een_actuele"
            ),
        ]
        indexes = [models.Index(fields=["gemeente", "einddatum"], name="woonplaats_gemeente_eind")]

    def __str__(self) -> str:
        return f"{self.gemeente_id} vanaf {self.begindatum}"


class Betrokkenheid(models.Model):
    """An organisation's involvement with a young person, which grants it sight of that young
    person (R-P1). Written by the services of the client route when a referral, screening or
    allocation names a provider or referrer; the access scopes read only this table."""

    jeugdige = models.ForeignKey(Jeugdige, on_delete=models.CASCADE, related_name="betrokkenheden")
    aanbieder = models.ForeignKey(
        "organisaties.Aanbieder", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verwijzer = models.ForeignKey(
        "organisaties.Verwijzer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    bron = models.CharField(max_length=20, choices=BetrokkenheidBron.choices)
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "betrokkenheid"
        verbose_name_plural = "betrokkenheden"
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(aanbieder__isnull=False) & models.Q(verwijzer__isnull=True))
                | (models.Q(aanbieder__isnull=True) & models.Q(verwijzer__isnull=False)),
                name="betrokkenheid_een_organisatie",
            )
        ]
        indexes = [
            models.Index(fields=["aanbieder", "jeugdige"], name="betrokkenheid_aanbieder"),
            models.Index(fields=["verwijzer", "jeugdige"], name="betrokkenheid_verwijzer"),
        ]

    def __str__(self) -> str:
        return f"{self.get_bron_display()} sinds {self.begindatum}"
