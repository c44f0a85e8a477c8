"""Casusregie (issue 22 §4, R-R3; seed 004 §2.3 and "Goede afspraken over casusregie"): one
casus per child and municipality with one named casusregisseur, the family's fixed contact, who
records the four steps (vraaganalyse, resultaat, middelen, toetsing) in rondes, scales down after
a toetsing "bereikt" by securing the conditions at home, and keeps a waakvlam for chronic
situations. Written only by ``services``; every date and moment is the server's."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from .constants import Fase, Stap, Toetsuitkomst, Voorwaarde
from .querysets import CasusQuerySet

_GEBRUIKER = settings.AUTH_USER_MODEL


class Casus(models.Model):
    """R-R3: the casusregie of one child for one municipality. Exactly one casusregisseur at a
    time (``casusregisseur``; earlier ones are in ``Regiewissel``); at most one open casus per
    child and municipality (constraint ``casus_een_open``)."""

    jeugdige = models.ForeignKey("jeugdigen.Jeugdige", on_delete=models.PROTECT, related_name="casussen")
    gemeente = models.ForeignKey(
        "organisaties.Gemeente", on_delete=models.PROTECT, related_name="+", help_text="Verantwoordelijke gemeente."
    )
    casusregisseur = models.ForeignKey(_GEBRUIKER, on_delete=models.PROTECT, related_name="+")
    fase = models.CharField(max_length=20, choices=Fase.choices, default=Fase.LOPEND)
    ronde = models.PositiveSmallIntegerField(default=1)
    #: the last step recorded in the current ronde (0: none yet)
    laatste_stap = models.PositiveSmallIntegerField(default=0)
    #: the outcome of the last toetsing (step 4) of the current ronde
    laatste_uitkomst = models.CharField(max_length=20, choices=Toetsuitkomst.choices, blank=True)
    voorwaarden = models.JSONField(
        default=list, blank=True, help_text="Bij afschalen geregelde voorwaarden (wonen, werk, schulden …)."
    )
    afschaling_toelichting = models.TextField(blank=True)
    waakvlam_controle_op = models.DateField(null=True, blank=True, help_text="Volgende waakvlamcontrole.")
    geopend_op = models.DateField(help_text="Servertijd.")
    afgesloten_op = models.DateField(null=True, blank=True, help_text="Servertijd.")
    geopend_door = models.ForeignKey(_GEBRUIKER, on_delete=models.PROTECT, related_name="+")

    objects = CasusQuerySet.as_manager()

    class Meta:
        ordering = ["-geopend_op", "-id"]
        verbose_name = "casus"
        verbose_name_plural = "casussen"
        constraints = [
            models.UniqueConstraint(
                fields=["jeugdige", "gemeente"],
                condition=~models.Q(fase=Fase.AFGESLOTEN),
                name="casus_een_open",
            ),
            models.CheckConstraint(condition=models.Q(laatste_stap__lte=4), name="casus_stap_1_tot_4"),
        ]
        indexes = [models.Index(fields=["casusregisseur", "fase"], name="casus_regisseur_fase")]

    def __str__(self) -> str:
        return f"Casus {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("casusregie:detail", args=[self.pk])

    @property
    def volgende_stappen(self) -> list[int]:
        """R-R3: the steps the casusregisseur may record now. In order within a ronde; after a
        toetsing "deels" or "niet bereikt" a new ronde at step 2 or 3 (its choice); after
        "bereikt" none (afschalen); on the waakvlam or closed none (opschalen starts at 1)."""
        if self.fase != Fase.LOPEND:
            return []
        if self.laatste_stap < Stap.TOETSING:
            return [self.laatste_stap + 1]
        if self.laatste_uitkomst in (Toetsuitkomst.DEELS, Toetsuitkomst.NIET_BEREIKT):
            return [Stap.RESULTAAT, Stap.MIDDELEN]
        return []

    @property
    def voorwaarden_weergave(self) -> list[str]:
        return [str(Voorwaarde(v).label) for v in self.voorwaarden if v in Voorwaarde.values]

    @property
    def mag_afschalen(self) -> bool:
        return (
            self.fase == Fase.LOPEND
            and self.laatste_stap == Stap.TOETSING
            and self.laatste_uitkomst == Toetsuitkomst.BEREIKT
        )


class Casusstap(models.Model):
    """R-R3: one recorded step of one ronde. Step 3 may name the child's referrals it uses; step
    4 carries the outcome."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="stappen")
    stap = models.PositiveSmallIntegerField(choices=Stap.choices)
    ronde = models.PositiveSmallIntegerField()
    inhoud = models.TextField()
    verwijzingen = models.ManyToManyField("verwijzingen.Verwijzing", blank=True, related_name="+")
    uitkomst = models.CharField(max_length=20, choices=Toetsuitkomst.choices, blank=True)
    vastgelegd_op = models.DateTimeField(auto_now_add=True)
    door = models.ForeignKey(_GEBRUIKER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["ronde", "stap", "id"]
        verbose_name = "casusstap"
        verbose_name_plural = "casusstappen"
        constraints = [models.UniqueConstraint(fields=["casus", "ronde", "stap"], name="casusstap_uniek")]

    def __str__(self) -> str:
        return f"{self.casus_id}: ronde {self.ronde} stap {self.stap}"


class Regiewissel(models.Model):
    """R-R3: history of the casusregisseur: from whom to whom, when, by whom and why."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="wissels")
    van = models.ForeignKey(_GEBRUIKER, on_delete=models.PROTECT, related_name="+")
    naar = models.ForeignKey(_GEBRUIKER, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(auto_now_add=True)
    door = models.ForeignKey(_GEBRUIKER, on_delete=models.PROTECT, related_name="+")
    reden = models.TextField()

    class Meta:
        ordering = ["op", "id"]
        verbose_name = "regiewissel"
        verbose_name_plural = "regiewissels"

    def __str__(self) -> str:
        return f"{self.casus_id}: {self.van_id} -> {self.naar_id}"


class Waakvlamcontrole(models.Model):
    """R-R3: a recorded check of a casus on the waakvlam, with the next check's date (the rule
    set valid on the day of the check, R-R1); or the decision to scale up again (``opgeschaald``,
    with its reason)."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="controles")
    op = models.DateField(help_text="Servertijd.")
    bevinding = models.TextField(help_text="De bevinding, of bij opschalen de reden.")
    volgende_op = models.DateField(null=True, blank=True, help_text="Leeg bij opschalen.")
    opgeschaald = models.BooleanField(default=False)
    door = models.ForeignKey(_GEBRUIKER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["op", "id"]
        verbose_name = "waakvlamcontrole"
        verbose_name_plural = "waakvlamcontroles"

    def __str__(self) -> str:
        return f"{self.casus_id}: controle {self.op}"
