"""Named access policies of documents (issue 20 §4; R-P1, R-P4).

Reading: the same policies as the child and, for a document on a referral or an allocation, as
that referral or allocation (``DocumentQuerySet.voor_gebruiker``). Adding, by kind of document:

- the toegang: every kind, for a child it may read (its residents), on the child or on a referral
  or allocation of its municipality;
- a provider: its offerte and its plan, only on its own referral or allocation of a child it may
  read (not on another provider's, not loose on the child);
- a GP, jeugdarts or specialist: its referral letter, only on its own referral;
- a GI: the court order behind its bepaling and its referral letter, only on its own referral.

Finance and the regional roles neither read nor add documents."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol
from jeugdregie.jeugdigen.policies import ROLLEN_MET_DOSSIER, mag_dossier_lezen

from .constants import Documentsoort

#: Which kinds each role may add (issue 20 §4).
SOORTEN_PER_ROL: dict[str, tuple[Documentsoort, ...]] = {
    Rol.TOEGANG: tuple(Documentsoort),
    Rol.AANBIEDER: (Documentsoort.OFFERTE, Documentsoort.PLAN),
    Rol.VERWIJZER: (Documentsoort.VERWIJSBRIEF,),
    Rol.GI: (Documentsoort.RECHTERLIJKE_UITSPRAAK, Documentsoort.VERWIJSBRIEF),
}


def mag_losse_uitspraak_lezen(gebruiker) -> bool:
    """R-P4 need-to-know: a court order filed on the child itself (not on the GI's referral or an
    allocation) is read by the toegang and the GI only (``DocumentQuerySet.voor_gebruiker``)."""
    return heeft_rol(gebruiker, Rol.TOEGANG, Rol.GI)


def mag_documenten_inzien(gebruiker) -> bool:
    """R-P1: the documents pages are for the roles with a dossier (not finance, not the regional
    roles); which documents each reads is ``DocumentQuerySet.voor_gebruiker``."""
    return heeft_rol(gebruiker, *ROLLEN_MET_DOSSIER)


def soorten_voor(gebruiker) -> tuple[Documentsoort, ...]:
    """The kinds ``gebruiker``'s role may add (empty: none)."""
    if not heeft_rol(gebruiker, *SOORTEN_PER_ROL):
        return ()
    return SOORTEN_PER_ROL[gebruiker.rol]


def mag_documenten_toevoegen_rol(gebruiker) -> bool:
    """The role question of ``mag_document_toevoegen`` (the upload page, before the child)."""
    return bool(soorten_voor(gebruiker))


def mag_document_toevoegen(gebruiker, *, jeugdige, soort, verwijzing=None, toewijzing=None) -> bool:
    """Whether ``gebruiker`` may add a document of ``soort`` to ``jeugdige``, on ``verwijzing``
    or ``toewijzing`` when given (module docstring)."""
    from jeugdregie.toewijzingen.models import Toewijzing
    from jeugdregie.verwijzingen.models import Verwijzing

    if soort not in soorten_voor(gebruiker) or not mag_dossier_lezen(gebruiker, jeugdige):
        return False
    if verwijzing is not None and not Verwijzing.objects.in_overzicht(gebruiker).filter(pk=verwijzing.pk).exists():
        return False
    if toewijzing is not None and not Toewijzing.objects.voor_gebruiker(gebruiker).filter(pk=toewijzing.pk).exists():
        return False
    if heeft_rol(gebruiker, Rol.TOEGANG):
        return True
    if heeft_rol(gebruiker, Rol.AANBIEDER):
        gekoppeld = [k for k in (verwijzing, toewijzing) if k is not None]
        return bool(gekoppeld) and all(k.aanbieder_id == gebruiker.aanbieder_id for k in gekoppeld)
    # a GP, jeugdarts, specialist or GI: on its own referral only
    return toewijzing is None and verwijzing is not None and verwijzing.verwijzer_id == gebruiker.verwijzer_id


def mag_document_lezen(gebruiker, document) -> bool:
    """R-P1/R-P4: ``document`` is within ``gebruiker``'s scope (and its role reads dossiers). The
    scope is the document's own queryset (``querysets.DocumentQuerySet.voor_gebruiker``), reached
    through the instance: the policies never import the models (no import circle)."""
    if not mag_documenten_inzien(gebruiker):
        return False
    return type(document).objects.voor_gebruiker(gebruiker).filter(pk=document.pk).exists()
