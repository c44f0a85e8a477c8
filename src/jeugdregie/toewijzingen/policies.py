"""Named access policies of the client route (R-P1, R-P4).

Two kinds: who may act (refer, screen, decide) and which decision grants an organisation sight of
a young person. Sight comes only from a municipal decision: a referral by the toegang (or an
honoured request, which the toegang turns into its referral) and an allocation on a referral the
reading party did not enter itself. Registering a referral or request grants nothing."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol, regio_id_van

#: Roles of the client route: they see referrals and allocations of their own organisation.
#: Finance is not among them (R-P1): it reads declarations and payments.
ROUTE_ROLLEN = (Rol.TOEGANG, Rol.VERWIJZER, Rol.GI, Rol.AANBIEDER)


def mag_verwijzen(gebruiker) -> bool:
    """Toegang (standard or offerte), GI (bepaling) or provider (a GP's referral)."""
    return heeft_rol(gebruiker, Rol.TOEGANG, Rol.GI, Rol.AANBIEDER)


#: Roles that submit on the referral form without reading the register: they see their own
#: submissions (``Aanmelding``), the same for a known and an unknown BSN (R-P4).
AANMELDENDE_ROLLEN = (Rol.AANBIEDER, Rol.GI, Rol.VERWIJZER)


def mag_aanmeldingen_zien(gebruiker) -> bool:
    return heeft_rol(gebruiker, *AANMELDENDE_ROLLEN)


#: R-P4: the toegang picks up open submissions and decides on them (honour or refuse).
AFHANDELENDE_ROLLEN = (Rol.TOEGANG,)


def mag_werkvoorraad_aanmeldingen_zien(gebruiker) -> bool:
    """R-P4: the toegang picks up submissions with a BSN not (yet) in its register."""
    return heeft_rol(gebruiker, *AFHANDELENDE_ROLLEN)


def mag_verwijzing_registreren(gebruiker) -> bool:
    """R-P4: who registers a referral itself: the toegang, a GI (bepaling) or a referrer. A
    provider's request carrying a GP's referral is a submission the toegang decides on
    (``aanmelding_via_toegang``), as the iJw JW315 request is."""
    return heeft_rol(gebruiker, Rol.TOEGANG, Rol.GI, Rol.VERWIJZER)


def aanmelding_via_toegang(door) -> bool:
    """R-P4: a provider's own submission never becomes a referral by itself, for a known or an
    unknown BSN alike: it waits for the toegang, so nothing it can see depends on the register."""
    return heeft_rol(door, Rol.AANBIEDER)


def mag_aanmelding_afhandelen(gebruiker, aanmelding) -> bool:
    """R-P4: the toegang that has the open submission in its queue honours or refuses it: the
    toegang of the child's municipality, or for a submission without one (unknown BSN) a toegang
    of the registrant's region."""
    if not heeft_rol(gebruiker, *AFHANDELENDE_ROLLEN):
        return False
    if aanmelding.gemeente_id is not None:
        return gebruiker.gemeente_id == aanmelding.gemeente_id
    return regio_id_van(gebruiker) == aanmelding.regio_id


def mag_wonen_toewijzen(gebruiker) -> bool:
    return heeft_rol(gebruiker, Rol.TOEGANG)


def is_aanbieder_van(gebruiker, verwijzing) -> bool:
    return heeft_rol(gebruiker, Rol.AANBIEDER) and gebruiker.aanbieder_id == verwijzing.aanbieder_id


def is_aanbieder(gebruiker) -> bool:
    """A provider's user: it registers a GP's referral only for itself (request form)."""
    return heeft_rol(gebruiker, Rol.AANBIEDER)


def is_gi(gebruiker) -> bool:
    """A GI's user: it refers with an offerte keuzebudget (bepaling, R-T7)."""
    return heeft_rol(gebruiker, Rol.GI)


def is_crisisdienst_van(gebruiker, melding) -> bool:
    return heeft_rol(gebruiker, Rol.AANBIEDER) and gebruiker.aanbieder_id == melding.crisisdienst_id


def is_toegang_van(gebruiker, gemeente_id: int) -> bool:
    return heeft_rol(gebruiker, Rol.TOEGANG) and gebruiker.gemeente_id == gemeente_id


def is_gemeentelijk_besluit(door) -> bool:
    """R-P4: a decision taken for the municipality, by its toegang."""
    return heeft_rol(door, Rol.TOEGANG)


def verwijzing_geeft_zicht(door) -> bool:
    """R-P4: a referral grants the named provider and referrer sight at once only when the toegang
    made it. A provider, GI or referrer registering one sees only what it submitted until an
    allocation follows."""
    return is_gemeentelijk_besluit(door)


def toewijzing_geeft_zicht(verwijzing) -> bool:
    """R-P4: the allocation that follows a provider's acceptance grants sight, unless that
    provider entered the referral itself (a GP's referral): then only the toegang's decision on
    it (an honoured request) does. Otherwise a provider could grant itself sight of any child."""
    maker = verwijzing.aangemaakt_door
    zelf_ingevoerd = (
        maker is not None and maker.aanbieder_id is not None and maker.aanbieder_id == verwijzing.aanbieder_id
    )
    return not zelf_ingevoerd
