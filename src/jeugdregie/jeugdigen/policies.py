"""Named access policies about young people and their register entry (R-P1, R-P3, R-P4).

Who may read a young person is decided in one place, ``JeugdigeQuerySet.voor_gebruiker``; the
predicates here name the question each caller asks and answer it from that queryset."""

from __future__ import annotations

from datetime import date, timedelta

from django.apps import apps

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import (  # noqa: F401 (the kinds of organisation, re-exported)
    AANBIEDER,
    GEMEENTE,
    VERWIJZER,
    heeft_rol,
    is_ingelogd,
    regio_id_van,
    werkt_namens,
)
from jeugdregie.common.tijd import vandaag

from .constants import BetrokkenheidBron

#: Roles that can read entries of the client register at all (R-P1). Finance works on
#: declarations and payments, the regional roles on aggregates: neither reads the register.
ROLLEN_MET_DOSSIER = (Rol.TOEGANG, Rol.VERWIJZER, Rol.GI, Rol.AANBIEDER)

#: What ``bereik_register`` answers: the kind of organisation a user reads the register for.


def mag_register_inzien(gebruiker) -> bool:
    """R-P1/R-P4: the register pages and API are for the roles with a dossier (not finance, not
    the regional roles); which young people each reads is ``bereik_register``."""
    return heeft_rol(gebruiker, *ROLLEN_MET_DOSSIER)


#: R-P4: the sources of an involvement that give sight: a municipal decision (a referral by the
#: toegang, its screening, an allocation) and a deployment of the HSWV collective by the toegang or
#: a GI (R-X1). A crisis report is the crisisdienst's own registration and gives none, also for
#: rows written before this rule; the toegang's crisisopvolging allocation gives sight.
BRONNEN_MET_ZICHT = (
    BetrokkenheidBron.VERWIJZING,
    BetrokkenheidBron.SCREENING,
    BetrokkenheidBron.TOEWIJZING,
    BetrokkenheidBron.HSWV,
    # R-R2, iJw IV096: the opdrachtnemer's start report under an assignment the toegang referred to
    BetrokkenheidBron.TAAKGERICHT,
)


def bereik_register(gebruiker) -> tuple[str, int | None] | None:
    """R-P1/R-P4: on whose behalf ``gebruiker`` reads the register: (``GEMEENTE``, id) for the
    toegang (its residents), (``AANBIEDER``, id) for a provider and (``VERWIJZER``, id) for a
    referrer or GI (the children a running relation names them for), ``None`` for anyone else."""
    return werkt_namens(gebruiker)


def koppelt_aanmelding_op_bsn(gebruiker) -> bool:
    """R-P4: a provider, GI or referrer submitting by BSN has its submission linked to the child by
    exact BSN (that link grants no sight); anyone else looks only within what it may read."""
    return heeft_rol(gebruiker, Rol.AANBIEDER, Rol.GI, Rol.VERWIJZER)


def relatietermijn_dagen(gebruiker) -> int:
    """R-P4: how long a provider's or referrer's relation lasts after the allocation ended: the
    region's declaration window (its rule set's ``declaratietermijn_dagen``, R-R1), the period in
    which the provider still needs the client to declare. The window of an allocation is that of
    the version valid on the day it ended (``budgetten.services.grootboek``); so the relation
    lasts the longest window among the versions under which an allocation that ended can still be
    declared today — never shorter than the intake allows."""
    from jeugdregie.organisaties.models import Regelset
    from jeugdregie.organisaties.regelset import Tijdlijn

    regio_id = regio_id_van(gebruiker)
    if regio_id is None:
        return Regelset._meta.get_field("declaratietermijn_dagen").default
    vandaag_ = vandaag()
    termijnen = [
        versie.declaratietermijn_dagen
        for van, tot, versie in Tijdlijn.van([regio_id]).perioden(regio_id)
        # ended within this version's dates (van ≤ end < tot) and still inside its window today
        if (van is None or van <= vandaag_)
        and (tot is None or tot - timedelta(days=1) >= vandaag_ - timedelta(days=versie.declaratietermijn_dagen))
    ]
    return max(termijnen, default=Regelset._meta.get_field("declaratietermijn_dagen").default)


def relatie_geldig_sinds(gebruiker) -> date:
    """An allocation that ended before this date no longer lets ``gebruiker`` read the child (R-P4)."""
    return vandaag() - timedelta(days=relatietermijn_dagen(gebruiker))


def mag_dossier_lezen(gebruiker, jeugdige) -> bool:
    """R-P1/R-P4: the toegang reads residents of its municipality; a provider, GI or referrer a
    child whose relation comes from a municipal decision and has not yet ended."""
    Jeugdige = apps.get_model("jeugdigen", "Jeugdige")  # models.py imports our queryset: no import here

    if not heeft_rol(gebruiker, *ROLLEN_MET_DOSSIER):
        return False
    return Jeugdige.objects.voor_gebruiker(gebruiker).filter(pk=jeugdige.pk).exists()


def mag_jeugdige_registreren(gebruiker) -> bool:
    """Only the toegang registers a young person in the client register."""
    return heeft_rol(gebruiker, Rol.TOEGANG)


def zoekt_in_register_bij_aanmelding(gebruiker) -> bool:
    """R-P4: when a referral or request is registered by BSN, only the toegang looks within the
    register it may read anyway; any other party gets no answer about whether the BSN is known."""
    return heeft_rol(gebruiker, Rol.TOEGANG)


def mag_volledig_bsn_zien(gebruiker) -> bool:
    """R-P3: the full BSN only for the roles whose work needs it; finance sees it masked."""
    return is_ingelogd(gebruiker) and gebruiker.rol in ROLLEN_MET_DOSSIER


def weergave_jeugdige(gebruiker, jeugdige, *, leesbaar: set[int] | None = None) -> str:
    """How a young person is named to ``gebruiker`` on a referral, allocation or declaration line:
    the name when it may read the register entry, otherwise only the masked BSN (R-P4: a party
    sees what it submitted, nothing echoed from the register)."""
    if jeugdige is None:
        return ""
    mag = jeugdige.pk in leesbaar if leesbaar is not None else mag_dossier_lezen(gebruiker, jeugdige)
    return str(jeugdige) if mag else f"BSN {jeugdige.bsn_gemaskeerd}"


def leesbare_jeugdigen(gebruiker, jeugdige_ids) -> set[int]:
    """The ids among ``jeugdige_ids`` whose register entry ``gebruiker`` may read (one query)."""
    Jeugdige = apps.get_model("jeugdigen", "Jeugdige")  # models.py imports our queryset: no import here

    if not heeft_rol(gebruiker, *ROLLEN_MET_DOSSIER):
        return set()
    ids = {i for i in jeugdige_ids if i is not None}
    return set(Jeugdige.objects.voor_gebruiker(gebruiker).filter(pk__in=ids).values_list("pk", flat=True))


def mag_contact_wijzigen(gebruiker, jeugdige) -> bool:
    """Issue 15 §2: the toegang that may read the child enters and changes its address and phone
    numbers; the others who may read the child (a provider with a relation, who needs the
    address for care) only read them (``mag_dossier_lezen``)."""
    return heeft_rol(gebruiker, Rol.TOEGANG) and mag_dossier_lezen(gebruiker, jeugdige)


def mag_contact_wijzigen_rol(gebruiker) -> bool:
    """The role question of ``mag_contact_wijzigen`` (a page or endpoint, before the child)."""
    return heeft_rol(gebruiker, Rol.TOEGANG)
