"""The casusregie section of a child's dossier (issue 22 §4, R-R3): the vaste contactpersoon
(the casusregisseur's name and contact) for everyone who may see it, the casus itself for the
toegang of the municipality and the casusregisseur, and the link to open casusregie for the
toegang in a region whose rule set has casusregie on. Anyone else sees no section."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse

from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.regelset import regels

from .models import Casus
from .policies import mag_casus_inzien, mag_casus_openen, mag_contactpersoon_zien


@dataclass(frozen=True)
class Contactpersoon:
    """R-R3: the family's one fixed, recognisable contact: name, organisation and e-mail only."""

    naam: str
    organisatie: str
    email: str


@dataclass(frozen=True)
class Casusregiedeel:
    contactpersonen: list[Contactpersoon] = field(default_factory=list)
    casussen: list = field(default_factory=list)  # only for who may read the casus
    openen_url: str = ""


def contactpersoon(gebruiker) -> Contactpersoon:
    return Contactpersoon(
        naam=gebruiker.get_full_name() or gebruiker.get_username(),
        organisatie=gebruiker.organisatie_omschrijving,
        email=gebruiker.email,
    )


def deel(gebruiker, jeugdige) -> Casusregiedeel | None:
    open_ = list(Casus.objects.open().filter(jeugdige=jeugdige).select_related("casusregisseur"))
    leesbaar = [c for c in open_ if mag_casus_inzien(gebruiker, c)]
    gemeente_id = getattr(gebruiker, "gemeente_id", None)
    openen = ""
    if gemeente_id is not None and mag_casus_openen(gebruiker, gemeente_id):
        gemeente = gebruiker.gemeente
        if regels(gemeente.regio_id, vandaag()).casusregie_actief and not any(
            c.gemeente_id == gemeente_id for c in open_
        ):
            openen = reverse("casusregie:openen", args=[jeugdige.pk])
    if not leesbaar and not openen and not mag_contactpersoon_zien(gebruiker, jeugdige):
        return None
    if not leesbaar and not openen and not open_:
        return None
    return Casusregiedeel(
        contactpersonen=[contactpersoon(c.casusregisseur) for c in open_],
        casussen=leesbaar,
        openen_url=openen,
    )
