"""Bezwaar and beroep against a beschikking (issue 20 §3, R-D2). Written only by ``services``;
every date is the server's (``common.tijd.vandaag``) except the postmark of a posted objection,
a fact on the envelope the server cannot know (Awb 6:9 lid 2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from . import termijnen
from .constants import BeroepStatus, Bezwaargebeurtenissoort, BezwaarStatus, Uitkomst
from .querysets import BezwaarQuerySet


class Bezwaar(models.Model):
    """R-D2: one objection against one letter. The deadlines are stored as computed when they
    were fixed (registration, extension), so a later change of the rules never moves them."""

    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    jeugdige = models.ForeignKey("jeugdigen.Jeugdige", on_delete=models.PROTECT, related_name="bezwaren")
    beschikking = models.ForeignKey("beschikkingen.Beschikking", on_delete=models.PROTECT, related_name="bezwaren")
    nummer = models.CharField(max_length=30, unique=True)
    indiener = models.CharField(
        max_length=200, help_text="Wie het bezwaar maakt (jeugdige, ouder, voogd, gemachtigde)."
    )
    gronden = models.TextField(help_text="Waarom de indiener het niet eens is met het besluit.")
    ontvangen_op = models.DateField(help_text="Datum van ontvangst (servertijd).")
    ter_post_op = models.DateField(null=True, blank=True, help_text="Datum poststempel, bij bezwaar per post.")
    einde_bezwaartermijn = models.DateField()
    tijdig = models.BooleanField()
    verschoonbaar = models.BooleanField(default=False)
    verschoonbaar_motivering = models.TextField(blank=True)
    adviescommissie = models.BooleanField(default=False)
    einde_beslistermijn = models.DateField()
    verdaagd_op = models.DateField(null=True, blank=True)
    verdaging_motivering = models.TextField(blank=True)
    gehoord_op = models.DateField(null=True, blank=True)
    horen_afgezien_reden = models.TextField(blank=True)
    advies_op = models.DateField(null=True, blank=True)
    advies = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=BezwaarStatus.choices, default=BezwaarStatus.IN_BEHANDELING)
    uitkomst = models.CharField(max_length=20, choices=Uitkomst.choices, blank=True)
    motivering = models.TextField(blank=True)
    besloten_op = models.DateField(null=True, blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    #: gegrond: the new decision of the route (a referral the provider screens, or an event row
    #: whose beschikking follows through the beschikkingen subscriber)
    nieuwe_verwijzing = models.ForeignKey(
        "verwijzingen.Verwijzing", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    nieuwe_beschikking = models.ForeignKey(
        "beschikkingen.Beschikking", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    geregistreerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt = models.DateTimeField(auto_now_add=True)

    objects = BezwaarQuerySet.as_manager()

    class Meta:
        ordering = ["einde_beslistermijn", "id"]
        verbose_name = "bezwaar"
        verbose_name_plural = "bezwaren"
        indexes = [models.Index(fields=["gemeente", "status"], name="bezwaar_gemeente_status")]

    def __str__(self) -> str:
        return self.nummer

    def get_absolute_url(self) -> str:
        return reverse("bezwaar:detail", args=[self.pk])

    @property
    def ontvankelijk_qua_termijn(self) -> bool:
        """Awb 6:11: on time, or late but excusable."""
        return self.tijdig or self.verschoonbaar

    @property
    def einde_na_verdaging(self):
        """The end an extension would give (None once extended)."""
        if self.verdaagd_op is not None:
            return None
        return termijnen.einde_beslistermijn(
            verzonden_op=self.beschikking.verzonden_op,
            ontvangen_op=self.ontvangen_op,
            adviescommissie=self.adviescommissie,
            verdaagd=True,
        )

    @property
    def wacht_op_nieuw_besluit(self) -> bool:
        return (
            self.uitkomst == Uitkomst.GEGROND
            and self.nieuwe_verwijzing_id is None
            and self.nieuwe_beschikking_id is None
        )

    @property
    def einde_beroepstermijn(self):
        return termijnen.einde_beroepstermijn(self.besloten_op) if self.besloten_op else None


class Bezwaargebeurtenis(models.Model):
    """Event row per state change (STYLE.md §Writing 4): ids and codes only."""

    bezwaar = models.ForeignKey(Bezwaar, on_delete=models.CASCADE, related_name="gebeurtenissen")
    soort = models.CharField(max_length=30, choices=Bezwaargebeurtenissoort.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    tijdstip = models.DateTimeField(auto_now_add=True)
    gegevens = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["tijdstip", "id"]
        verbose_name = "bezwaargebeurtenis"
        verbose_name_plural = "bezwaargebeurtenissen"

    def __str__(self) -> str:
        return f"{self.bezwaar_id}: {self.soort}"


class Beroep(models.Model):
    """R-D2: the appeal to the court against the decision on the objection (Awb 8:1, 6:7)."""

    bezwaar = models.OneToOneField(Bezwaar, on_delete=models.PROTECT, related_name="beroep")
    rechtbank = models.CharField(max_length=200)
    zaaknummer = models.CharField(max_length=60, blank=True)
    ingesteld_op = models.DateField(help_text="Datum waarop de gemeente van het beroep hoorde (servertijd).")
    tijdig = models.BooleanField()
    status = models.CharField(max_length=20, choices=BeroepStatus.choices, default=BeroepStatus.INGESTELD)
    uitkomst = models.CharField(max_length=20, choices=Uitkomst.choices, blank=True)
    uitspraak_op = models.DateField(null=True, blank=True)
    toelichting = models.TextField(blank=True)
    geregistreerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "beroep"
        verbose_name_plural = "beroepen"

    def __str__(self) -> str:
        return f"beroep {self.bezwaar_id}"
