"""The child's letters in the dossier (issue 19 §2, issue 20 §2): the toegang of the letter's
municipality sees them; everyone else sees none (``BeschikkingQuerySet.voor_gebruiker``)."""

from __future__ import annotations

from .models import Beschikking, WachtendeBeschikking


def in_dossier(gebruiker, jeugdige) -> dict:
    return {
        "brieven": list(Beschikking.objects.voor_gebruiker(gebruiker).filter(jeugdige=jeugdige)),
        "wachtend": list(
            WachtendeBeschikking.objects.voor_gebruiker(gebruiker).filter(jeugdige=jeugdige, opgelost__isnull=True)
        ),
    }
