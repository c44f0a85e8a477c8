"""Read side for pages: the documents of one child as one user may read them, and the section of
the child's dossier (``dossiers.services``)."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Document
from .policies import mag_documenten_toevoegen_rol

#: The dossier shows the newest documents; the documents page shows all.
IN_DOSSIER = 10


def documenten_van(gebruiker, jeugdige):
    """The documents of ``jeugdige`` that ``gebruiker`` may read, newest first (R-P1/R-P4)."""
    return (
        Document.objects.voor_gebruiker(gebruiker)
        .van_jeugdige(jeugdige)
        .select_related("verwijzing", "toewijzing__aanbieder")
    )


@dataclass(frozen=True)
class Dossiersectie:
    documenten: list[Document]
    mag_toevoegen: bool


def dossiersectie(gebruiker, jeugdige) -> Dossiersectie:
    """The documents section of the child's dossier: the newest readable documents, and whether
    the user's role adds documents at all (which kind where: the upload page's policy)."""
    return Dossiersectie(
        documenten=list(documenten_van(gebruiker, jeugdige)[:IN_DOSSIER]),
        mag_toevoegen=mag_documenten_toevoegen_rol(gebruiker),
    )
