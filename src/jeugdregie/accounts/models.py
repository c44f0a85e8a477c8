from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from .constants import ORGANISATIE, Rol
from .querysets import GebruikerManager


class Gebruiker(AbstractUser):
    """A user with exactly one role, scoped to one organisation (SPEC §0, R-P1)."""

    rol = models.CharField(max_length=20, choices=Rol.choices, blank=True)
    regio = models.ForeignKey("organisaties.Regio", null=True, blank=True, on_delete=models.PROTECT)
    gemeente = models.ForeignKey("organisaties.Gemeente", null=True, blank=True, on_delete=models.PROTECT)
    aanbieder = models.ForeignKey("organisaties.Aanbieder", null=True, blank=True, on_delete=models.PROTECT)
    verwijzer = models.ForeignKey("organisaties.Verwijzer", null=True, blank=True, on_delete=models.PROTECT)

    objects = GebruikerManager()

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"

    def clean(self) -> None:
        super().clean()
        if not self.rol:
            return
        vereist = ORGANISATIE[Rol(self.rol)]
        if getattr(self, f"{vereist}_id") is None:
            raise ValidationError({vereist: f"De rol {Rol(self.rol).label} vereist een {vereist}."})
        for veld in {"gemeente", "aanbieder", "verwijzer"} - {vereist}:
            if getattr(self, f"{veld}_id") is not None:
                raise ValidationError({veld: f"De rol {Rol(self.rol).label} hoort niet bij een {veld}."})
        if self.rol in (Rol.VERWIJZER, Rol.GI):
            verwacht_gi = self.rol == Rol.GI
            if self.verwijzer.is_gi != verwacht_gi:
                raise ValidationError({"verwijzer": "Deze verwijzer past niet bij de gekozen rol."})

    @property
    def organisatie(self):
        """The organisation this user acts for, or None."""
        if not self.rol:
            return None
        return getattr(self, ORGANISATIE[Rol(self.rol)])

    @property
    def organisatie_omschrijving(self) -> str:
        org = self.organisatie
        return str(org) if org is not None else ""
