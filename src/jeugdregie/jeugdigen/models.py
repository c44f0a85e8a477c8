"""Young people (issue 2 §4) and who may see them (R-P1)."""

from __future__ import annotations

from datetime import date

from django.db import models

from jeugdregie.common.periods import geldig_op_q

from .constants import AanduidingWoonadres, AdresSoort, BetrokkenheidBron, Geslacht
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

    def adres_op(self, dag: date, soort: str = AdresSoort.WOONADRES) -> Adres | None:
        return self.adressen.filter(geldig_op_q(dag), soort=soort).first()

    def telefoonnummers_op(self, dag: date) -> list[Telefoonnummer]:
        return list(self.telefoonnummers.filter(geldig_op_q(dag)).order_by("volgorde", "pk")[:2])


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


class Adresgegevens(models.Model):
    """A BRP-style address over an inclusive period (BRP category 08, elements 11.10-11.60 and
    13.10 for abroad), in the lengths of the iJw CDT_Adres. Abstract, so the parents and other
    holders of gezag of issue 20 can hold addresses of the same shape and rules
    (``services_contact.controleer_adres``) without touching the young person's rows."""

    straatnaam = models.CharField(max_length=24, blank=True)  # BRP 11.10, iJw LDT_Straatnaam
    huisnummer = models.PositiveIntegerField()  # BRP 11.20, iJw LDT_Huisnummer 0-99999
    huisletter = models.CharField(max_length=1, blank=True)  # BRP 11.30
    huisnummertoevoeging = models.CharField(max_length=4, blank=True)  # BRP 11.40
    aanduiding = models.CharField(max_length=2, blank=True, choices=AanduidingWoonadres.choices)  # 11.50
    postcode = models.CharField(max_length=8)  # BRP 11.60; NL as 1234AB (iJw CS089)
    plaatsnaam = models.CharField(max_length=80)  # BRP 11.70 woonplaatsnaam
    land = models.CharField("landcode", max_length=2, default="NL")  # iJw COD032
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        aanduiding = f"{self.get_aanduiding_display().lower()} " if self.aanduiding else ""
        regel1 = f"{aanduiding}{self.straatnaam} {self.huis}".strip()
        land = "" if self.land == "NL" else f", {self.land}"
        return f"{regel1}, {self.postcode_weergave} {self.plaatsnaam}{land}"

    @property
    def huis(self) -> str:
        letters = f"{self.huisletter}{'-' + self.huisnummertoevoeging if self.huisnummertoevoeging else ''}"
        return f"{self.huisnummer}{letters}"

    @property
    def postcode_weergave(self) -> str:
        if self.land == "NL" and len(self.postcode) == 6:
            return f"{self.postcode[:4]} {self.postcode[4:]}"
        return self.postcode


class Adres(Adresgegevens):
    """The woonadres (COD757 01, the BRP address) or a correspondence address (02) of a young
    person. A move or change closes the current row the day before the new one starts (dates
    in Amsterdam, set by the server), so the history stays."""

    jeugdige = models.ForeignKey(Jeugdige, on_delete=models.CASCADE, related_name="adressen")
    soort = models.CharField(max_length=2, choices=AdresSoort.choices)

    class Meta:
        ordering = ["jeugdige_id", "soort", "begindatum"]
        verbose_name = "adres"
        verbose_name_plural = "adressen"
        constraints = [
            models.UniqueConstraint(fields=["jeugdige", "soort", "begindatum"], name="adres_uniek_begin"),
            models.UniqueConstraint(
                fields=["jeugdige", "soort"], condition=models.Q(einddatum__isnull=True), name="adres_een_actueel"
            ),
        ]


class Telefoonnummer(models.Model):
    """A phone number of a young person over an inclusive period: at most two current ones (the
    iJw CDT_Telefoonnummers holds Telefoon01 and Telefoon02). ``nummer`` in digits only as the
    iJw LDT_Telefoonnummer wants it (national notation with the leading 0 for the Netherlands),
    ``landnummer`` as dialled from the Netherlands (0031)."""

    jeugdige = models.ForeignKey(Jeugdige, on_delete=models.CASCADE, related_name="telefoonnummers")
    nummer = models.CharField(max_length=15)
    landnummer = models.CharField(max_length=4, default="0031")
    volgorde = models.PositiveSmallIntegerField(default=1)
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["jeugdige_id", "volgorde", "begindatum"]
        verbose_name = "telefoonnummer"
        verbose_name_plural = "telefoonnummers"
        constraints = [
            models.UniqueConstraint(
                fields=["jeugdige", "volgorde"],
                condition=models.Q(einddatum__isnull=True),
                name="telefoon_een_actueel_per_volgorde",
            ),
        ]

    def __str__(self) -> str:
        return self.weergave

    @property
    def weergave(self) -> str:
        if self.landnummer == "0031":
            n = self.nummer
            return f"{n[:2]}-{n[2:]}" if n.startswith("06") else f"{n[:3]}-{n[3:]}"
        return f"+{self.landnummer.lstrip('0')} {self.nummer}"
