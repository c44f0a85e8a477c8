"""Named access policies of contract management: scorecards, norms, signals, measures and the
municipality comparison (R-P1, R-P4, R-K2, R-K3, R-K5, R-K6).

The region's roles (contractmanager, beleid, bestuurder, beheerder) read every provider of their
region; the contract manager alone writes norms and measures; a provider sees only its own
scorecard; toegang and finance see the comparison with their own municipality marked."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol
from jeugdregie.verantwoording.policies import GEMEENTE_ROLLEN, REGIO_ROLLEN

#: Who sees scorecards: the region's roles every provider of the region, a provider its own.
SCOREKAART_ROLLEN = (*REGIO_ROLLEN, Rol.AANBIEDER)
#: The lines behind a figure (pseudonymised): the contract manager and the provider itself.
ONDERBOUWING_ROLLEN = (Rol.CONTRACTMANAGER, Rol.AANBIEDER)
#: Who sees the comparison: the regional roles every municipality of their region; toegang and
#: financieel the same aggregates, their own municipality marked.
VERGELIJKING_ROLLEN = (*REGIO_ROLLEN, *GEMEENTE_ROLLEN)


def mag_scorekaart_inzien(gebruiker) -> bool:
    """R-K3: the region's roles and a provider open scorecards (which ones: ``zichtbare_aanbieders``)."""
    return heeft_rol(gebruiker, *SCOREKAART_ROLLEN)


def ziet_scorekaarten_van_regio(gebruiker) -> bool:
    """R-K3/R-P1: the region's roles see the scorecard of every provider of their region."""
    return heeft_rol(gebruiker, *REGIO_ROLLEN)


def ziet_alleen_eigen_scorekaart(gebruiker) -> bool:
    """R-K3/R-P1: a provider user sees only its own organisation's scorecard."""
    return heeft_rol(gebruiker, Rol.AANBIEDER)


def mag_onderbouwing_inzien(gebruiker) -> bool:
    """R-K3/R-P3: the pseudonymised lines behind a figure, for the contract manager and the provider."""
    return heeft_rol(gebruiker, *ONDERBOUWING_ROLLEN)


def mag_normen_inzien(gebruiker) -> bool:
    """R-K2: the region's roles read the norms in force and their history."""
    return heeft_rol(gebruiker, *REGIO_ROLLEN)


def mag_normen_vaststellen(gebruiker) -> bool:
    """R-K2: only the contract manager sets a new norm version."""
    return heeft_rol(gebruiker, Rol.CONTRACTMANAGER)


def mag_signalen_inzien(gebruiker) -> bool:
    """R-K5: the region's roles read the signals (aggregates and pseudonyms only)."""
    return heeft_rol(gebruiker, *REGIO_ROLLEN)


def mag_maatregelen_inzien(gebruiker) -> bool:
    """R-K6/R-P1: the region's roles read the measures on their region's providers."""
    return heeft_rol(gebruiker, *REGIO_ROLLEN)


def mag_maatregelen_vastleggen(gebruiker, aanbieder=None) -> bool:
    """R-K6: only the contract manager records measures; with ``aanbieder``, only on a provider
    of its own region."""
    if not heeft_rol(gebruiker, Rol.CONTRACTMANAGER):
        return False
    return aanbieder is None or gebruiker.regio_id == aanbieder.regio_id


def mag_vergelijking_inzien(gebruiker) -> bool:
    """R-P1: the regional roles and toegang/finance see the municipality comparison (aggregates)."""
    return heeft_rol(gebruiker, *VERGELIJKING_ROLLEN)


def vergelijkt_met_eigen_gemeente(gebruiker) -> bool:
    """The comparison marks a user's own municipality for toegang and finance (municipal roles)."""
    return heeft_rol(gebruiker, *GEMEENTE_ROLLEN)


#: Issue 21 item 10: the half-yearly CBS export holds one row per trajectory (pseudonymised): the
#: beleid role alone, for its region.
CBS_EXPORT_ROLLEN = (Rol.BELEID,)


def mag_cbs_exporteren(gebruiker) -> bool:
    """Issue 21 item 10/R-P3: only beleid downloads the pseudonymised CBS trajectory export."""
    return heeft_rol(gebruiker, *CBS_EXPORT_ROLLEN)
