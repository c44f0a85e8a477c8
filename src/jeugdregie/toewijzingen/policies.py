"""Named access policies of the client route (R-P1, R-P4).

Two kinds: who may act (refer, screen, decide) and which decision grants an organisation sight of
a young person. Sight comes only from a municipal decision: a referral by the toegang (or an
honoured request, which the toegang turns into its referral) and an allocation on a referral the
reading party did not enter itself. Registering a referral or request grants nothing."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import AANBIEDER, GEMEENTE, VERWIJZER, heeft_rol


def mag_wonen_toewijzen(gebruiker) -> bool:
    """R-W1: only the toegang allocates Wonen/Verblijf (the wonen app's page and API)."""
    return heeft_rol(gebruiker, Rol.TOEGANG)


def toewijzing_geeft_zicht(verwijzing) -> bool:
    """R-P4: the allocation that follows a provider's acceptance grants sight, unless that
    provider entered the referral itself (a GP's referral): then only the toegang's decision on
    it (an honoured request) does. Otherwise a provider could grant itself sight of any child."""
    maker = verwijzing.aangemaakt_door
    zelf_ingevoerd = (
        maker is not None and maker.aanbieder_id is not None and maker.aanbieder_id == verwijzing.aanbieder_id
    )
    return not zelf_ingevoerd


# --- Who may use which action page (R-P4). The service behind each page checks the object. ---


def mag_verwijzing_screenen(gebruiker) -> bool:
    """R-P4: screening a referral is the chosen provider's (the service checks which one)."""
    return heeft_rol(gebruiker, Rol.AANBIEDER)


def mag_zorg_starten(gebruiker) -> bool:
    """R-P4: the provider records the start of care on its accepted referral."""
    return heeft_rol(gebruiker, Rol.AANBIEDER)


def mag_aanpassing_aanvragen(gebruiker) -> bool:
    """R-P4/R-A5: the provider asks the toegang to adjust a keuzebudget."""
    return heeft_rol(gebruiker, Rol.AANBIEDER)


def mag_zorg_stoppen(gebruiker) -> bool:
    """R-P4: the provider records the end of care on its allocation."""
    return heeft_rol(gebruiker, Rol.AANBIEDER)


def mag_plan_opstellen(gebruiker) -> bool:
    """R-P4: the provider draws up the care plan of its allocation."""
    return heeft_rol(gebruiker, Rol.AANBIEDER)


def mag_opvolging_sluiten(gebruiker) -> bool:
    """R-P4/R-S3: the toegang closes the follow-up of a refused referral."""
    return heeft_rol(gebruiker, Rol.TOEGANG)


def mag_toewijzing_intrekken(gebruiker) -> bool:
    """R-P4: the toegang withdraws an allocation."""
    return heeft_rol(gebruiker, Rol.TOEGANG)


def mag_duurzaam_verlengen(gebruiker) -> bool:
    """R-T9: the toegang renews a duurzaam budget yearly (the service checks the municipality)."""
    return heeft_rol(gebruiker, Rol.TOEGANG)


def mag_aanpassing_inzien(gebruiker) -> bool:
    """R-P4/R-A5: an adjustment request is seen by the provider that made it and the toegang that
    decides (``is_toegang_van`` decides who may decide)."""
    return heeft_rol(gebruiker, Rol.TOEGANG, Rol.AANBIEDER)


# --- Which rows a user reads (R-P1, R-P4). The querysets apply the answer to their own fields. ---

#: What the ``bereik_*`` predicates answer: the kind of organisation a user reads rows for.


def bereik_crisis_en_hswv(gebruiker) -> tuple[str, int | None] | None:
    """R-P1/R-X1: on whose behalf ``gebruiker`` reads crisis reports, retroactive requests, JW315
    requests and HSWV inzet: the toegang its municipality, a provider its own, a GI its own (only
    where the row names a referrer: HSWV); a referrer and anyone else nothing."""
    if heeft_rol(gebruiker, Rol.TOEGANG):
        return GEMEENTE, gebruiker.gemeente_id
    if heeft_rol(gebruiker, Rol.AANBIEDER):
        return AANBIEDER, gebruiker.aanbieder_id
    if heeft_rol(gebruiker, Rol.GI):
        return VERWIJZER, gebruiker.verwijzer_id
    return None


# --- What a service lets a user do (R-P4). The service raises its own error when refused. ---
