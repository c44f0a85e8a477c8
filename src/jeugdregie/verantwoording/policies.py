"""Named access policies of the verantwoording: crisis split and production statement (R-P1,
R-P4, R-B4, R-V1, R-V2).

* contractmanager, beleid, bestuurder, beheerder — crisis split (R-B4): every municipality of
  their region; production statement (R-V1): every provider, the lines of their region's
  municipalities, aggregates only (no drill-down to lines).
* financieel, toegang — crisis split: their own municipality; statement: every provider, the
  lines of their own municipality, with drill-down.
* aanbieder — no crisis split; its own statement only, with drill-down.
* verwijzer, gi — neither.

``bereik`` names which of these a user is; the querysets apply it to the data."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol, is_ingelogd

REGIO_ROLLEN = (Rol.CONTRACTMANAGER, Rol.BELEID, Rol.BESTUURDER, Rol.BEHEERDER)
GEMEENTE_ROLLEN = (Rol.FINANCIEEL, Rol.TOEGANG)
CRISIS_ROLLEN = REGIO_ROLLEN + GEMEENTE_ROLLEN
PRODUCTIE_ROLLEN = (*REGIO_ROLLEN, *GEMEENTE_ROLLEN, Rol.AANBIEDER)
# The drill-down to lines shows BSN-bearing rows: only roles that work with personal data.
REGEL_ROLLEN = (*GEMEENTE_ROLLEN, Rol.AANBIEDER)
#: Who sets a region's crisis funding (R-B4).
INSTELLERS = (Rol.BEHEERDER, Rol.CONTRACTMANAGER)

#: The scopes ``bereik`` answers with.
REGIO = "regio"
GEMEENTE = "gemeente"
AANBIEDER = "aanbieder"


def bereik(gebruiker) -> str | None:
    """R-P1: the scope a user sees the verantwoording in: its region, its municipality, its own
    provider, or nothing (``None``)."""
    if heeft_rol(gebruiker, *REGIO_ROLLEN):
        return REGIO
    if heeft_rol(gebruiker, *GEMEENTE_ROLLEN):
        return GEMEENTE
    if heeft_rol(gebruiker, Rol.AANBIEDER):
        return AANBIEDER
    return None


def mag_crisisverdeling_inzien(gebruiker) -> bool:
    """R-B4: the regional roles and toegang/finance of a municipality see the crisis split."""
    return heeft_rol(gebruiker, *CRISIS_ROLLEN)


def mag_crisisbekostiging_instellen(gebruiker, regio=None) -> bool:
    """R-B4: the functioneel beheerder or the contractmanager sets the crisis funding; with
    ``regio``, only that of its own region."""
    if not heeft_rol(gebruiker, *INSTELLERS):
        return False
    return regio is None or gebruiker.regio_id == regio.pk


def mag_productie_inzien(gebruiker) -> bool:
    """R-V1: the regional roles, toegang/finance and providers open the production statement."""
    return heeft_rol(gebruiker, *PRODUCTIE_ROLLEN)


def mag_productieregels_inzien(gebruiker) -> bool:
    """R-V1/R-P1: the drill-down to the (BSN-bearing) lines behind the statement: toegang and
    finance of the municipality and the provider itself, not the regional roles."""
    return heeft_rol(gebruiker, *REGEL_ROLLEN)


def ziet_onderdrukte_productie(gebruiker) -> bool:
    """Issue 14 §7/R-P1: who sees the statement as aggregates only, small cells suppressed:
    everyone who may not open the lines behind a cell."""
    return not mag_productieregels_inzien(gebruiker)


def mag_productie_indienen(gebruiker, aanbieder=None) -> bool:
    """R-V2: only a provider submits its production statement; with ``aanbieder``, only its own."""
    if not heeft_rol(gebruiker, Rol.AANBIEDER):
        return False
    return aanbieder is None or gebruiker.aanbieder_id == aanbieder.pk


def ziet_alle_gemeenten(gebruiker) -> bool:
    """R-V1: True when the user's statement is the provider's whole statement (the regional
    roles and the provider itself), not one municipality's rows."""
    return bereik(gebruiker) in (REGIO, AANBIEDER)


def ziet_volledig_bsn_in_regels(gebruiker) -> bool:
    """R-P3: in the lines behind the statement the full BSN, except for finance (masked)."""
    return is_ingelogd(gebruiker) and not heeft_rol(gebruiker, Rol.FINANCIEEL)
