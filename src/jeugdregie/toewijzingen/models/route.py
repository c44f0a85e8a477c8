"""The allocation (SPEC §5–§6): screening of a referral, the allocation with its start and stop
of care, adjustment requests and delivered volume. The referral itself is ``verwijzingen``'s.
Writes only through ``services/``.
Periods are inclusive (common/periods.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from jeugdregie.catalogus.constants import Woonvorm
from jeugdregie.toewijzingen.constants import (
    AanpassingReden,
    AanpassingStatus,
    Maatregel,
    Plaatsing,
    RedenBeeindiging,
    Resultaatscore,
    ScreeningUitkomst,
    ToewijzingSoort,
    ToewijzingStatus,
)
from jeugdregie.toewijzingen.querysets import AanpassingQuerySet, ToewijzingQuerySet, WeigeringsopvolgingQuerySet
from jeugdregie.verwijzingen.models import Keuzebudget, Verwijzing

_GEBRUIKER = settings.AUTH_USER_MODEL


class Toewijzing(models.Model):
    """The municipality's allocation to a provider: ambulant keuzebudget, Wonen/Verblijf
    zorgtoewijzing or crisisopvolging. Carries the start and stop of care (iJw 305/307)."""

    verwijzing = models.ForeignKey(Verwijzing, on_delete=models.PROTECT, related_name="toewijzingen")
    jeugdige = models.ForeignKey("jeugdigen.Jeugdige", on_delete=models.PROTECT, related_name="toewijzingen")
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    aanbieder = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="toewijzingen")
    soort = models.CharField(max_length=20, choices=ToewijzingSoort.choices)
    keuzebudget = models.ForeignKey(
        Keuzebudget, null=True, blank=True, on_delete=models.PROTECT, related_name="toewijzingen"
    )
    product = models.ForeignKey("catalogus.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    volume = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Toegewezen omvang in de eenheid van het product (crisisopvolging): het plafond van R-B7.",
    )
    begindatum = models.DateField()
    einddatum = models.DateField()
    status = models.CharField(max_length=20, choices=ToewijzingStatus.choices, default=ToewijzingStatus.TOEGEWEZEN)
    woonvorm = models.CharField(max_length=20, choices=Woonvorm.choices, blank=True)
    ambulant_onvoldoende = models.BooleanField(
        default=False, help_text="De toegang heeft vastgelegd dat ambulante hulp alleen niet volstaat (R-W3)."
    )
    plaatsing = models.CharField(max_length=20, choices=Plaatsing.choices, blank=True)
    maatregel = models.CharField(max_length=20, choices=Maatregel.choices, blank=True)
    machtiging_van = models.DateField(null=True, blank=True)
    machtiging_tot = models.DateField(null=True, blank=True)
    toekomstplan = models.BooleanField(default=False, help_text="Toekomstplan vastgelegd (vanaf 16 jaar, R-W7).")
    startdatum_zorg = models.DateField(null=True, blank=True)
    stopdatum_zorg = models.DateField(null=True, blank=True)
    reden_beeindiging = models.CharField(max_length=2, choices=RedenBeeindiging.choices, blank=True)
    resultaatscore = models.CharField(max_length=20, choices=Resultaatscore.choices, blank=True)
    resultaat_toelichting = models.TextField(blank=True)
    vervolgzorg = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="De geregelde vervolgzorg bij het einde van Wonen/Verblijf (R-W9).",
    )
    vervolg_toelichting = models.TextField(
        blank=True, help_text="Vervolg buiten de jeugdhulp (bijv. Beschermd Wonen/Wmo) bij het einde van Verblijf."
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)

    objects = ToewijzingQuerySet.as_manager()

    class Meta:
        ordering = ["-begindatum", "-id"]
        verbose_name = "toewijzing"
        verbose_name_plural = "toewijzingen"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(einddatum__gte=models.F("begindatum")), name="toewijzing_einde_na_begin"
            ),
        ]
        indexes = [
            models.Index(fields=["aanbieder", "status"], name="toewijzing_aanbieder_status"),
            models.Index(fields=["gemeente", "status"], name="toewijzing_gemeente_status"),
        ]

    def __str__(self) -> str:
        return f"Toewijzing {self.pk} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("route:verwijzing", args=[self.verwijzing_id])

    @property
    def eerste_startdatum_zorg(self):
        """OP379: the first start of care on this allocation, also after a restart (the earlier
        periods are ``EerdereZorgperiode`` rows); ``None`` before any start."""
        if self.startdatum_zorg is None or self.pk is None:
            return self.startdatum_zorg
        eerder = self.eerdere_zorgperioden.order_by("startdatum_zorg").values_list("startdatum_zorg", flat=True)
        eerste = eerder.first()
        return min(eerste, self.startdatum_zorg) if eerste is not None else self.startdatum_zorg


class EerdereZorgperiode(models.Model):
    """OP379: a start and stop of care on an allocation that was started again after the stop. The
    allocation carries the current start and stop; each restart keeps the period before it here, and
    withdrawing the restart (IV008) puts it back (``services.zorgcorrectie.trek_start_in``)."""

    toewijzing = models.ForeignKey(Toewijzing, on_delete=models.PROTECT, related_name="eerdere_zorgperioden")
    startdatum_zorg = models.DateField()
    stopdatum_zorg = models.DateField()
    reden_beeindiging = models.CharField(max_length=2, choices=RedenBeeindiging.choices)
    resultaatscore = models.CharField(max_length=20, choices=Resultaatscore.choices, blank=True)
    resultaat_toelichting = models.TextField(blank=True)
    vervolgzorg = models.ForeignKey(Toewijzing, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    vervolg_toelichting = models.TextField(blank=True)
    herstart_op = models.DateField(help_text="De startdatum van de herstart die op deze periode volgde.")

    class Meta:
        ordering = ["toewijzing", "startdatum_zorg", "id"]
        verbose_name = "eerdere zorgperiode"
        verbose_name_plural = "eerdere zorgperioden"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stopdatum_zorg__gte=models.F("startdatum_zorg")), name="zorgperiode_stop_na_start"
            ),
            models.CheckConstraint(
                condition=models.Q(herstart_op__gt=models.F("stopdatum_zorg")), name="zorgperiode_herstart_na_stop"
            ),
        ]

    def __str__(self) -> str:
        periode = f"{self.startdatum_zorg:%d-%m-%Y} t/m {self.stopdatum_zorg:%d-%m-%Y}"
        return f"Zorg {periode} (toewijzing {self.toewijzing_id})"


class Screening(models.Model):
    """The provider's intake check (R-S1, unpaid) with its outcome and coded reason (R-S2)."""

    verwijzing = models.OneToOneField(Verwijzing, on_delete=models.PROTECT, related_name="screening")
    uitkomst = models.CharField(max_length=20, choices=ScreeningUitkomst.choices)
    toelichting = models.TextField(blank=True)
    datum = models.DateField()
    door = models.ForeignKey(_GEBRUIKER, null=True, on_delete=models.PROTECT, related_name="+")
    contractsignaal = models.BooleanField(default=False, help_text="Weigering ondanks inschrijving (R-S4).")

    class Meta:
        verbose_name = "screening"
        verbose_name_plural = "screenings"

    def __str__(self) -> str:
        return f"Screening {self.verwijzing_id}: {self.get_uitkomst_display()}"


class Weigeringsopvolging(models.Model):
    """R-S3: after a refusal the case stays open on the toegang's worklist until closed. The
    refusal is the provider's at screening (``screening``) or the toegang's refusal of a
    "keuzebudget onjuist" adjustment (``aanpassing``, R-A5): exactly one of the two."""

    screening = models.OneToOneField(
        Screening, null=True, blank=True, on_delete=models.PROTECT, related_name="opvolging"
    )
    aanpassing = models.OneToOneField(
        "toewijzingen.Aanpassingsaanvraag",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opvolging",
        help_text="De door de toegang afgewezen aanvraag 'keuzebudget onjuist' (R-A5).",
    )
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    open = models.BooleanField(default=True)
    afgesloten_op = models.DateTimeField(null=True, blank=True)
    afgesloten_door = models.ForeignKey(_GEBRUIKER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    afsluiting = models.TextField(blank=True)

    objects = WeigeringsopvolgingQuerySet.as_manager()

    class Meta:
        verbose_name = "weigeringsopvolging"
        verbose_name_plural = "weigeringsopvolgingen"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(screening__isnull=False, aanpassing__isnull=True)
                | models.Q(screening__isnull=True, aanpassing__isnull=False),
                name="weigeringsopvolging_een_weigering",
            ),
        ]

    def __str__(self) -> str:
        return f"Opvolging weigering {self.verwijzing.pk} ({'open' if self.open else 'gesloten'})"

    def get_absolute_url(self) -> str:
        return self.verwijzing.get_absolute_url()

    @property
    def verwijzing(self) -> Verwijzing:
        return self.screening.verwijzing if self.screening_id else self.aanpassing.verwijzing

    @property
    def door_toegang(self) -> bool:
        """The toegang refused (R-A5), not the provider at screening."""
        return self.aanpassing_id is not None


class Aanpassingsaanvraag(models.Model):
    """A request to adjust a keuzebudget (SPEC §6): four reasons, decided by the toegang."""

    verwijzing = models.ForeignKey(Verwijzing, on_delete=models.PROTECT, related_name="aanpassingen")
    toewijzing = models.ForeignKey(
        Toewijzing, null=True, blank=True, on_delete=models.PROTECT, related_name="aanpassingen"
    )
    reden = models.CharField(max_length=1, choices=AanpassingReden.choices)
    toelichting = models.TextField()
    besproken_met_toegang = models.BooleanField(default=False)
    gevraagd_bedrag = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Nieuw totaalbedrag van het keuzebudget."
    )
    gevraagde_einddatum = models.DateField(null=True, blank=True)
    tweede_aanbieder = models.ForeignKey(
        "organisaties.Aanbieder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Reden 4: de aanbieder met specifieke expertise.",
    )
    status = models.CharField(max_length=20, choices=AanpassingStatus.choices, default=AanpassingStatus.INGEDIEND)
    referentie_aanbieder = models.CharField(
        max_length=36, blank=True, help_text="ReferentieAanbieder van een JW317-verzoek om wijziging."
    )
    te_laat = models.BooleanField(
        default=False, help_text="Minder dan 8 weken voor het bereiken van het budget (R-A3)."
    )
    ingediend_op = models.DateField()
    ingediend_door = models.ForeignKey(_GEBRUIKER, null=True, on_delete=models.PROTECT, related_name="+")
    besluit_op = models.DateField(null=True, blank=True)
    besluit_door = models.ForeignKey(_GEBRUIKER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    motivering = models.TextField(blank=True)
    toegekend_bedrag = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    toegekende_einddatum = models.DateField(null=True, blank=True)

    objects = AanpassingQuerySet.as_manager()

    class Meta:
        ordering = ["-ingediend_op", "-id"]
        verbose_name = "aanpassingsaanvraag"
        verbose_name_plural = "aanpassingsaanvragen"

    def __str__(self) -> str:
        return f"Aanpassing {self.pk} reden {self.reden} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("route:aanpassing", args=[self.pk])


class Contractsignaal(models.Model):
    """R-S4: a refusal although registered ("ingeschreven betekent ook leveren")."""

    aanbieder = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="contractsignalen")
    screening = models.OneToOneField(Screening, on_delete=models.PROTECT, related_name="signaal")
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, related_name="+")
    datum = models.DateField()

    class Meta:
        ordering = ["-datum"]
        verbose_name = "contractsignaal"
        verbose_name_plural = "contractsignalen"

    def __str__(self) -> str:
        return f"Signaal {self.aanbieder_id} {self.datum}"


class Levering(models.Model):
    """Delivered volume registered by the provider per month and product: the spend source for
    the budget forecast (R-A3) until approved declarations take over."""

    toewijzing = models.ForeignKey(Toewijzing, on_delete=models.PROTECT, related_name="leveringen")
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, related_name="+")
    maand = models.DateField(help_text="Eerste dag van de maand.")
    volume = models.DecimalField(max_digits=10, decimal_places=2)
    bedrag = models.DecimalField(max_digits=12, decimal_places=2, help_text="Volume × tarief op de eerste dag.")
    geregistreerd = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["maand", "id"]
        verbose_name = "levering"
        verbose_name_plural = "leveringen"
        constraints = [
            models.UniqueConstraint(fields=["toewijzing", "product", "maand"], name="levering_uniek_per_maand"),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} {self.maand:%Y-%m}: {self.volume}"
