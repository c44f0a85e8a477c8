"""Append-only audit log of personal data access (R-P2, NEN 7513 fields).

The application has no update or delete path: ``save`` refuses an existing row and the
queryset refuses ``update``/``delete``. On PostgreSQL a trigger (migration 0002) makes the
database itself refuse UPDATE and DELETE.
"""

from __future__ import annotations

from django.db import models

from .constants import Actie, Uitkomst


class AlleenToevoegen(Exception):
    """Raised on any attempt to change or remove an audit row."""


class AuditQuerySet(models.QuerySet):
    def voor_gebruiker(self, user) -> AuditQuerySet:
        """Only the functioneel beheerder reads the audit log (R-P2); reading is logged too."""
        from jeugdregie.accounts.constants import Rol

        if getattr(user, "is_authenticated", False) and user.rol == Rol.BEHEERDER:
            return self
        return self.none()

    def update(self, **kwargs):
        raise AlleenToevoegen("Het auditlog kan niet worden gewijzigd.")

    def delete(self):
        raise AlleenToevoegen("Het auditlog kan niet worden verwijderd.")

    _raw_delete = delete


class AuditRegel(models.Model):
    tijdstip = models.DateTimeField(db_index=True, help_text="UTC")
    gebruiker_id = models.BigIntegerField(null=True, blank=True)
    gebruikersnaam = models.CharField(max_length=150, blank=True)
    rol = models.CharField(max_length=20, blank=True)
    organisatie = models.CharField(max_length=200, blank=True)
    namens = models.CharField(max_length=200, blank=True, help_text="Op wiens gezag/namens wie")
    actie = models.CharField(max_length=20, choices=Actie.choices)
    objecttype = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64, blank=True)
    client_id = models.BigIntegerField(null=True, blank=True, help_text="Interne id van de jeugdige, nooit het BSN")
    client_pseudoniem = models.CharField(max_length=64, blank=True)
    doel = models.CharField(max_length=200, blank=True)
    uitkomst = models.CharField(max_length=20, choices=Uitkomst.choices, default=Uitkomst.GELUKT)
    details = models.CharField(max_length=500, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    bronadres = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-tijdstip", "-id"]
        verbose_name = "auditregel"
        verbose_name_plural = "auditregels"
        indexes = [models.Index(fields=["client_id", "tijdstip"], name="audit_client_tijd")]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M:%S} {self.gebruikersnaam} {self.actie} {self.objecttype}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AlleenToevoegen("Een auditregel kan na het vastleggen niet meer worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen("Een auditregel kan niet worden verwijderd.")
