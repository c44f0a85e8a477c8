"""The family of a young person (issue 20 §1): parents and other holders of parental authority
(gezag) with their contact details and preferred channel, the young person's own e-mail and
channel, and consent records (issue 20 §4). Who is addressed and who consents follows
Jeugdwet 7.3.4 (``leeftijd.py``, ``services.geadresseerden``)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from jeugdregie.common.periods import geldig_op_q
from jeugdregie.jeugdigen.models import Adresgegevens, Jeugdige

from .constants import ROLLEN_GEZINSLID, Gegevenssoort, Gezinsrol, Kanaal
from .querysets import GezinQuerySet


class Gezinslid(models.Model):
    """A parent (with or without gezag), a voogd or a GI holding voogdij over a young person,
    over an inclusive period set by the server: added today, ended as of today."""

    jeugdige = models.ForeignKey(Jeugdige, on_delete=models.CASCADE, related_name="gezinsleden")
    rol = models.CharField(max_length=10, choices=ROLLEN_GEZINSLID)
    gezag = models.BooleanField(default=True)
    voornamen = models.CharField(max_length=200, blank=True)
    achternaam = models.CharField("achternaam of naam van de instelling", max_length=200)
    email = models.EmailField("e-mailadres", blank=True)
    telefoonnummer = models.CharField(max_length=15, blank=True)
    landnummer = models.CharField(max_length=4, blank=True)
    kanaal = models.CharField(max_length=10, choices=Kanaal.choices, default=Kanaal.POST)
    woont_bij_jeugdige = models.BooleanField(
        "woont op het adres van de jeugdige", default=False
    )  # then letters go to the young person's address
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    objects = GezinQuerySet.as_manager()

    class Meta:
        ordering = ["jeugdige_id", "begindatum", "id"]
        verbose_name = "ouder of gezagsdrager"
        verbose_name_plural = "ouders en gezagsdragers"
        constraints = [
            # a voogd or a GI exists here only as a holder of gezag (voogdij, BW 1:280)
            models.CheckConstraint(
                condition=models.Q(rol=Gezinsrol.OUDER) | models.Q(gezag=True), name="gezinslid_voogd_gezag"
            ),
            models.CheckConstraint(
                condition=~models.Q(kanaal=Kanaal.DIGITAAL) | ~models.Q(email=""), name="gezinslid_digitaal_email"
            ),
        ]
        indexes = [models.Index(fields=["jeugdige", "einddatum"], name="gezinslid_jeugdige_eind")]

    def __str__(self) -> str:
        return self.naam

    @property
    def naam(self) -> str:
        return f"{self.voornamen} {self.achternaam}".strip()

    def adres_op(self, dag: date) -> GezinslidAdres | None:
        return self.adressen.filter(geldig_op_q(dag)).first()

    @property
    def actueel_adres(self) -> GezinslidAdres | None:
        """The open-ended address row (works on prefetched ``adressen``), for pages."""
        return next((a for a in self.adressen.all() if a.einddatum is None), None)


class GezinslidAdres(Adresgegevens):
    """The postal address of a parent or gezag holder, with history (the same BRP shape and
    checks as the young person's, ``jeugdigen.services_contact.controleer_adres``)."""

    gezinslid = models.ForeignKey(Gezinslid, on_delete=models.CASCADE, related_name="adressen")

    class Meta:
        ordering = ["gezinslid_id", "begindatum"]
        verbose_name = "adres van ouder of gezagsdrager"
        verbose_name_plural = "adressen van ouders en gezagsdragers"
        constraints = [
            models.UniqueConstraint(fields=["gezinslid", "begindatum"], name="gezinslidadres_uniek_begin"),
            models.UniqueConstraint(
                fields=["gezinslid"], condition=models.Q(einddatum__isnull=True), name="gezinslidadres_een_actueel"
            ),
        ]


class Contactvoorkeur(models.Model):
    """The young person's own e-mail address and preferred channel (letters from 12, Jeugdwet
    7.3.4); the postal address is the young person's own (``jeugdigen.Adres``)."""

    jeugdige = models.OneToOneField(Jeugdige, on_delete=models.CASCADE, related_name="contactvoorkeur")
    email = models.EmailField("e-mailadres", blank=True)
    kanaal = models.CharField(max_length=10, choices=Kanaal.choices, default=Kanaal.POST)
    gewijzigd = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "contactvoorkeur van de jeugdige"
        verbose_name_plural = "contactvoorkeuren van jeugdigen"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kanaal=Kanaal.DIGITAAL) | ~models.Q(email=""), name="contactvoorkeur_digitaal_email"
            ),
        ]

    def __str__(self) -> str:
        return self.get_kanaal_display()


class Toestemming(models.Model):
    """Consent to share ``gegevens`` of the young person with ``ontvanger``, given by the young
    person or one gezag holder (Jeugdwet 7.3.4 decides who may), at server time; withdrawn at
    server time. A row is never changed otherwise: a new consent is a new row."""

    jeugdige = models.ForeignKey(Jeugdige, on_delete=models.CASCADE, related_name="toestemmingen")
    gegevens = models.CharField(max_length=20, choices=Gegevenssoort.choices)
    ontvanger = models.CharField("met wie", max_length=200)
    toelichting = models.TextField(blank=True)
    door_jeugdige = models.BooleanField(default=False)
    gezinslid = models.ForeignKey(
        Gezinslid, null=True, blank=True, on_delete=models.CASCADE, related_name="toestemmingen"
    )
    gegeven_op = models.DateTimeField()
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ingetrokken_op = models.DateTimeField(null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = GezinQuerySet.as_manager()

    class Meta:
        ordering = ["jeugdige_id", "-gegeven_op", "-id"]
        verbose_name = "toestemming"
        verbose_name_plural = "toestemmingen"
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(door_jeugdige=True) & models.Q(gezinslid__isnull=True))
                | (models.Q(door_jeugdige=False) & models.Q(gezinslid__isnull=False)),
                name="toestemming_een_gever",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_gegevens_display()} → {self.ontvanger}"

    @property
    def gever(self) -> str:
        return str(self.jeugdige) if self.door_jeugdige else self.gezinslid.naam

    @property
    def actief(self) -> bool:
        return self.ingetrokken_op is None
