"""Named access policies of the referral and of the client route as a whole (R-P1, R-P4).

Two kinds: who may act (refer, submit, decide on a submission) and which decision grants an
organisation sight of a young person. Sight comes only from a municipal decision: a referral by
the toegang (or an honoured request, which the toegang turns into its referral) and an allocation
on a referral the reading party did not enter itself (``toewijzingen.policies``). Registering a
referral or request grants nothing."""

from __future__ import annotations

from django.db.models import Q

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import AANBIEDER, GEMEENTE, VERWIJZER, heeft_rol, regio_id_van, werkt_namens

__all__ = ["AANBIEDER", "GEMEENTE", "VERWIJZER"]


#: Roles of the client route: they see referrals and allocations of their own organisation.
#: Finance is not among them (R-P1): it reads declarations and payments.
ROUTE_ROLLEN = (Rol.TOEGANG, Rol.VERWIJZER, Rol.GI, Rol.AANBIEDER)


def mag_route_inzien(gebruiker) -> bool:
    """R-P1/R-P4: the referral and allocation pages and API are for the roles of the client route
    (not finance); which rows each sees is ``bereik_route``."""
    return heeft_rol(gebruiker, *ROUTE_ROLLEN)


def mag_verwijzen(gebruiker) -> bool:
    """Toegang (standard or offerte), GI (bepaling), a GP, jeugdarts or specialist itself (the GP
    route, R-T6: a submission the service turns into its referral) or provider (a GP's referral
    in its request). Issue 19 §4: the referrer role was missing, so a huisarts could not refer."""
    return heeft_rol(gebruiker, Rol.TOEGANG, Rol.GI, Rol.VERWIJZER, Rol.AANBIEDER)


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


def aanmelding_via_toegang(door, *, kind_in_eigen_bereik: bool) -> bool:
    """R-P4: a provider's own submission never becomes a referral by itself, for a known or an
    unknown BSN alike: it waits for the toegang, so nothing it can see depends on the register.
    The same for a GP, jeugdarts or specialist (the GP route, open to that role since issue 19 §4)
    referring a child it has no running relation with: otherwise the referral, the provider's
    acceptance and the allocation after it would give the GP sight of any child whose BSN it
    knows, and a refusal notification (R-S3) would tell it the BSN is known. A child already in
    its reach (``kind_in_eigen_bereik``) it refers at once. A GI's bepaling is made under the
    child-protection measure and is registered at once."""
    if heeft_rol(door, Rol.AANBIEDER):
        return True
    return heeft_rol(door, Rol.VERWIJZER) and not kind_in_eigen_bereik


def mag_aanmelding_afhandelen(gebruiker, aanmelding) -> bool:
    """R-P4: the toegang that has the open submission in its queue honours or refuses it: the
    toegang of the child's municipality, or for a submission without one (unknown BSN) a toegang
    of the registrant's region."""
    if not heeft_rol(gebruiker, *AFHANDELENDE_ROLLEN):
        return False
    if aanmelding.gemeente_id is not None:
        return gebruiker.gemeente_id == aanmelding.gemeente_id
    return regio_id_van(gebruiker) == aanmelding.regio_id


def is_aanbieder_van(gebruiker, verwijzing) -> bool:
    return heeft_rol(gebruiker, Rol.AANBIEDER) and gebruiker.aanbieder_id == verwijzing.aanbieder_id


def is_aanbieder(gebruiker) -> bool:
    """A provider's user: it registers a GP's referral only for itself (request form)."""
    return heeft_rol(gebruiker, Rol.AANBIEDER)


def is_huisarts(gebruiker) -> bool:
    """A GP's, jeugdarts' or specialist's user: it refers by the GP route (R-T6)."""
    return heeft_rol(gebruiker, Rol.VERWIJZER)


def is_gi(gebruiker) -> bool:
    """A GI's user: it refers with an offerte keuzebudget (bepaling, R-T7)."""
    return heeft_rol(gebruiker, Rol.GI)


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


def bereik_route(gebruiker) -> tuple[str, int | None] | None:
    """R-P1: on whose behalf ``gebruiker`` reads referrals, allocations, adjustments and
    submissions: (``GEMEENTE``, id) for the toegang, (``AANBIEDER``, id) for a provider,
    (``VERWIJZER``, id) for a referrer or GI; ``None`` (nothing) for anyone else, finance too."""
    return werkt_namens(gebruiker)


def eigen_registraties(gebruiker) -> tuple[str, int | None] | None:
    """R-P4: the organisation whose own registrations (a provider's GP referral, a GI's bepaling)
    show in ``gebruiker``'s overview only once a municipal decision gave it a relation with the
    child: a provider's or referrer's own; ``None`` for the toegang, whose referrals are decisions."""
    bereik = bereik_route(gebruiker)
    return bereik if bereik is not None and bereik[0] != GEMEENTE else None


def door_gemeente_besloten(gebruiker_veld: str) -> Q:
    """R-P4: rows whose user in ``gebruiker_veld`` decided for the municipality (the toegang):
    ``is_gemeentelijk_besluit`` as a query condition."""
    return Q(**{f"{gebruiker_veld}__rol": Rol.TOEGANG})


def is_aanbieder_zelf(door, aanbieder) -> bool:
    return door is not None and heeft_rol(door, Rol.AANBIEDER) and door.aanbieder_id == aanbieder.pk


def is_andere_aanbieder(door, aanbieder) -> bool:
    """R-P4: ``door`` is a provider's user submitting for another provider (refused)."""
    return heeft_rol(door, Rol.AANBIEDER) and door.aanbieder_id != aanbieder.pk


def is_toegang_van_andere_gemeente(door, gemeente_id: int) -> bool:
    """R-P1: a toegang acts only for residents of its own municipality: true for a toegang of
    another one (other roles are judged by their own rules)."""
    return heeft_rol(door, Rol.TOEGANG) and door.gemeente_id != gemeente_id


def verwijst_als_eigen_verwijzer(door) -> bool:
    """R-T1: a referrer or GI refers as its own organisation, never in another referrer's name."""
    return heeft_rol(door, Rol.VERWIJZER, Rol.GI)


def verwijst_namens_huisarts(door) -> bool:
    """R-T6: a referrer or a provider (a GP's referral in its request) refers by the GP route, in
    the name of the GP, jeugdarts or specialist on record."""
    return heeft_rol(door, Rol.VERWIJZER, Rol.AANBIEDER)


def mag_afwijken_van_huisartsroute(door) -> bool:
    """R-T6/R-T8: only the toegang may deviate from the GP-route rules, with a recorded motivation."""
    return heeft_rol(door, Rol.TOEGANG)


def mag_toestemming_huisartsroute_zien(gebruiker) -> bool:
    """R-T10: the page where the toegang records its consent to a second GP-route referral."""
    return heeft_rol(gebruiker, Rol.TOEGANG)


def mag_toestemming_huisartsroute_geven(gebruiker, gemeente_id: int) -> bool:
    """R-T10: only the toegang of the young person's municipality (woonplaatsbeginsel) records that
    contact took place ("niet zonder contact met de gemeentelijke toegang")."""
    return is_toegang_van(gebruiker, gemeente_id)


def mag_parallel_keuzebudget_geven(door) -> bool:
    """R-A4/R-T5: a second keuzebudget in parallel needs the toegang's decision."""
    return heeft_rol(door, Rol.TOEGANG)


def mag_meldingen_zien(gebruiker) -> bool:
    """Issue 19 §3: the inbox is for the roles of the client route, which the notifications are
    about (the toegang, providers, referrers and GIs); which notifications each sees is
    ``MeldingQuerySet.voor_gebruiker`` (its own organisation's). Finance reads no route (R-P1)."""
    return mag_route_inzien(gebruiker)


def ontvangers_van_melding(melding) -> Q:
    """Issue 19 §3: the users a notification is for (the filter on the user model): the route
    roles of the addressed organisation, the same users whose inbox shows it
    (``MeldingQuerySet.voor_gebruiker``). Active accounts only."""
    if melding.aan_gemeente_id:
        wie = Q(rol=Rol.TOEGANG, gemeente_id=melding.aan_gemeente_id)
    elif melding.aan_aanbieder_id:
        wie = Q(rol=Rol.AANBIEDER, aanbieder_id=melding.aan_aanbieder_id)
    elif melding.aan_verwijzer_id:
        wie = Q(rol__in=[Rol.VERWIJZER, Rol.GI], verwijzer_id=melding.aan_verwijzer_id)
    else:
        return Q(pk__in=[])
    return wie & Q(is_active=True)
