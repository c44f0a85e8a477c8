"""Named access policies of the iJw message traffic and its log (R-P1, R-P4, R-M1).

A provider sees the messages it sent and received and posts its own messages; a municipality's
toegang and finance staff see those of their municipality; the contract manager and the
beheerder all messages of the region, without content. Finance reads declarations and payments
in their own screens (BSN masked), not the messages' content, whose XML carries the BSN."""

from __future__ import annotations

from django.apps import apps

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol

#: Who sees the message log at all, and who also its content (keys, explanations, XML).
LOG_ROLLEN = (Rol.AANBIEDER, Rol.TOEGANG, Rol.FINANCIEEL, Rol.BEHEERDER, Rol.CONTRACTMANAGER)
INHOUD_ROLLEN = (Rol.AANBIEDER, Rol.TOEGANG)

#: The scopes ``bereik`` answers with.
AANBIEDER = "aanbieder"
GEMEENTE = "gemeente"
REGIO = "regio"


def bereik(gebruiker) -> str | None:
    """R-P1: whose messages a user sees: a provider its own, toegang and finance their
    municipality's, the contract manager and the beheerder their region's, anyone else none."""
    if heeft_rol(gebruiker, Rol.AANBIEDER):
        return AANBIEDER
    if heeft_rol(gebruiker, Rol.TOEGANG, Rol.FINANCIEEL):
        return GEMEENTE
    if heeft_rol(gebruiker, Rol.BEHEERDER, Rol.CONTRACTMANAGER):
        return REGIO
    return None


def mag_berichtenlog_inzien(gebruiker) -> bool:
    """R-P1: the roles that read the message log (which messages: ``bereik``)."""
    return heeft_rol(gebruiker, *LOG_ROLLEN)


def mag_berichtinhoud_lezen(gebruiker) -> bool:
    """R-P1/R-P4: keys, explanations, client links and the XML only for provider and toegang."""
    return heeft_rol(gebruiker, *INHOUD_ROLLEN)


def mag_berichten_indienen(gebruiker) -> bool:
    """R-M1: only a provider posts iJw messages (the municipality sends through its outbox)."""
    return heeft_rol(gebruiker, Rol.AANBIEDER)


def mag_bericht_indienen_als(gebruiker, afzender: str) -> bool:
    """R-M1: a provider posts only its own messages: the header's sender is its own AGB code."""
    if not mag_berichten_indienen(gebruiker):
        return False
    return gebruiker.aanbieder is not None and gebruiker.aanbieder.agb_code == afzender


def mag_berichtactie(gebruiker, actie: str | None) -> bool:
    """R-P4: per API action: posting is for providers, the XML for the roles that read content,
    everything else for every role that reads the log."""
    beleid = {"create": mag_berichten_indienen, "xml": mag_berichtinhoud_lezen}.get(actie, mag_berichtenlog_inzien)
    return beleid(gebruiker)


def mag_uitbox_inzien(gebruiker) -> bool:
    """Issue 15 §1/§2: the outbox's waiting messages: the toegang of its municipality (it enters
    the missing address and sees what has not reached a provider), the beheerder of the region
    (a message that fails the standard is our fault). Without content: ids and rule codes."""
    return heeft_rol(gebruiker, Rol.TOEGANG, Rol.BEHEERDER)


def mag_uitbox_opnieuw_proberen(gebruiker) -> bool:
    """Issue 15 §1: after a repair the beheerder has the outbox try a waiting message again (the
    toegang's repair, an address, sends the message at once)."""
    return heeft_rol(gebruiker, Rol.BEHEERDER)


def haalt_eigen_bericht_op(gebruiker, bericht) -> bool:
    """Issue 5 §3: the receiving provider fetching an outbound message counts as its delivery; a
    municipality user only reads it."""
    return heeft_rol(gebruiker, Rol.AANBIEDER) and bericht.aanbieder_id == gebruiker.aanbieder_id


def aanbieder_van_afzender(gebruiker):
    """R-M1: the provider a refused upload is attributed to: a provider user's own; nobody's for
    any other role."""
    return getattr(gebruiker, "aanbieder", None) if heeft_rol(gebruiker, Rol.AANBIEDER) else None


#: The role of the technical account that file-based intake acts as (``ijw-<agb>``).
TECHNISCHE_ROL = Rol.AANBIEDER


def is_technische_gebruiker_van(gebruiker, aanbieder) -> bool:
    """R-M1: an account acts as file-based intake for ``aanbieder`` only when it has the provider
    role for exactly that provider (so the sender check of ``ontvang`` holds)."""
    return gebruiker.rol == TECHNISCHE_ROL and gebruiker.aanbieder_id == aanbieder.pk


def toegangsmedewerkers(gemeente):
    """The active toegang staff of a municipality: who decides on a request (the demo acts as one)."""
    Gebruiker = apps.get_model("accounts", "Gebruiker")
    return Gebruiker.objects.filter(rol=Rol.TOEGANG, gemeente=gemeente, is_active=True)


def aanbiedermedewerkers(aanbieder):
    """The active staff of a provider: who screens its referrals (the demo acts as one)."""
    Gebruiker = apps.get_model("accounts", "Gebruiker")
    return Gebruiker.objects.filter(rol=Rol.AANBIEDER, aanbieder=aanbieder, is_active=True)
