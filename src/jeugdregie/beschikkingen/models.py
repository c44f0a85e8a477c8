"""Beschikkingen: the letter of each toegang decision and the templates it is made from
(issue 20 §2, R-D1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .constants import BeschikkingSoort, Kanaal
from .querysets import PerGemeenteQuerySet


def _logo_pad(sjabloon: Sjabloon, bestandsnaam: str) -> str:
    return f"beschikkingen/logo/{sjabloon.gemeente_id}/{bestandsnaam}"


def _pdf_pad(beschikking: Beschikking, bestandsnaam: str) -> str:
    return f"beschikkingen/pdf/{beschikking.gemeente_id}/{bestandsnaam}"


class Sjabloon(models.Model):
    """One version of a municipality's letter template. Never changed: the beheerder's save is a
    new version (``services.sjablonen.bewaar``), and a letter keeps the version it used."""

    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    versie = models.PositiveIntegerField()
    logo = models.FileField(upload_to=_logo_pad, blank=True)
    afzender = models.CharField(max_length=200, help_text="Naam van de afdeling boven de brief.")
    ondertekenaar = models.CharField(max_length=200)
    functie_ondertekenaar = models.CharField(max_length=200)
    inleiding = models.TextField(help_text="Eerste alinea van de brief.")
    slot = models.TextField(help_text="Laatste alinea van de brief, voor de ondertekening.")
    contact = models.TextField(help_text="Hoe de ontvanger de gemeente bereikt met vragen.")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["gemeente", "-versie"]
        verbose_name = "briefsjabloon"
        verbose_name_plural = "briefsjablonen"
        constraints = [models.UniqueConstraint(fields=["gemeente", "versie"], name="sjabloon_versie_uniek")]

    def __str__(self) -> str:
        return f"{self.gemeente_id} v{self.versie}"


class Besluitsleutel(models.Model):
    """Which decision a letter (or a waiting item) is about: the decided object of the route
    (``besluittype``, ``besluit_id``, as a route event names it) and the kind of letter. Unique
    per model: one letter per decision, with or without a route event row (the bulk history of
    the synthetic region has none, ``synthese.beschikkingen``)."""

    besluittype = models.CharField(max_length=40)
    besluit_id = models.PositiveBigIntegerField()
    gebeurtenissoort = models.CharField(max_length=40, help_text="De soort routegebeurtenis van het besluit.")

    class Meta:
        abstract = True


class Beschikking(Besluitsleutel):
    """R-D1: the letter of one toegang decision, addressed per Jeugdwet 7.3.4. Produced whole or
    not at all (``services.maken``). Its content is frozen when it is made (``inhoud``: the facts
    and the text, with the template version ``sjabloon``), so the PDF, rendered after the commit
    by a worker or on the first download (``services.pdf.zorg_voor_pdf``), is always the same
    letter."""

    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    jeugdige = models.ForeignKey("jeugdigen.Jeugdige", on_delete=models.PROTECT, related_name="beschikkingen")
    gebeurtenis = models.OneToOneField(
        "verwijzingen.Gebeurtenis", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    soort = models.CharField(max_length=20, choices=BeschikkingSoort.choices)
    nummer = models.CharField(max_length=30, unique=True)
    datum = models.DateField(help_text="Datum van de brief (servertijd).")
    sjabloon = models.ForeignKey(Sjabloon, on_delete=models.PROTECT, related_name="beschikkingen")
    pdf = models.FileField(upload_to=_pdf_pad, blank=True)
    inhoud = models.JSONField(default=dict, help_text="De feiten en de tekst van de brief, vastgelegd bij het maken.")
    geadresseerden = models.JSONField(
        default=list, help_text="Naam, rol, adresregels, e-mail en kanaal per geadresseerde op de briefdatum."
    )
    aanbieder = models.ForeignKey(
        "organisaties.Aanbieder", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verzonden_op = models.DateField(null=True, blank=True, help_text="Verzenddatum (servertijd).")
    kanaal = models.CharField(max_length=10, choices=Kanaal.choices, blank=True)
    verzonden_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)

    objects = PerGemeenteQuerySet.as_manager()

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = "beschikking"
        verbose_name_plural = "beschikkingen"
        indexes = [models.Index(fields=["gemeente", "datum"], name="beschikking_gemeente_datum")]
        constraints = [
            models.UniqueConstraint(fields=["besluittype", "besluit_id", "soort"], name="beschikking_besluit_uniek")
        ]

    def __str__(self) -> str:
        return self.nummer


class Volgnummer(models.Model):
    """The last letter number per municipality and year (raised with ``select_for_update``)."""

    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    jaar = models.PositiveSmallIntegerField()
    laatste = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["gemeente", "jaar"], name="volgnummer_uniek")]

    def __str__(self) -> str:
        return f"{self.gemeente_id} {self.jaar}: {self.laatste}"


class WachtendeBeschikking(Besluitsleutel):
    """R-D1: a decision whose letter could not be made because nobody can be addressed. On the
    worklist ("beschikking wacht op geadresseerde") with the reason; the letter follows once a
    party is entered, and then ``opgelost`` is set."""

    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    jeugdige = models.ForeignKey("jeugdigen.Jeugdige", on_delete=models.PROTECT, related_name="+")
    gebeurtenis = models.OneToOneField(
        "verwijzingen.Gebeurtenis", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    soort = models.CharField(max_length=20, choices=BeschikkingSoort.choices)
    reden = models.TextField()
    sinds = models.DateTimeField(auto_now_add=True)
    opgelost = models.DateTimeField(null=True, blank=True)

    objects = PerGemeenteQuerySet.as_manager()

    class Meta:
        ordering = ["sinds", "id"]
        verbose_name = "wachtende beschikking"
        verbose_name_plural = "wachtende beschikkingen"
        constraints = [
            models.UniqueConstraint(fields=["besluittype", "besluit_id", "soort"], name="wachtende_besluit_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.besluittype} {self.besluit_id} ({self.soort})"
