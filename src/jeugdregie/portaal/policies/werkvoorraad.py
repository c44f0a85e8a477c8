"""Named policies of the worklist pages (issue 19 §1, R-P4): which worklists a user works on, in
which organisation, and to whom an item may be assigned. The lists themselves are scoped by the
apps that own them (``portaal.werkvoorraden``): a list is a user's exactly when it is on that
user's home page."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from jeugdregie.accounts.policies import heeft_rol, is_ingelogd
from jeugdregie.common.tijd import vandaag
from jeugdregie.toewijzingen.werkvoorraad import Werkvoorraad

from ..werkvoorraden import werkvoorraden


def werkvoorraad_van(gebruiker, slug: str) -> Werkvoorraad | None:
    """The worklist ``slug`` as it stands on ``gebruiker``'s home page today; None when that user
    has no such list (another organisation's or another role's list is never reached)."""
    if not is_ingelogd(gebruiker):
        return None
    return next((w for w in werkvoorraden(gebruiker, op=vandaag()) if w.slug == slug), None)


def organisatie_van(gebruiker) -> str:
    """The organisation whose worklists ``gebruiker`` works on, as the key of an assignment: the
    municipality, the provider, or for the region's beheerder the region; "" for none."""
    if gebruiker.gemeente_id:
        return f"gemeente:{gebruiker.gemeente_id}"
    if gebruiker.aanbieder_id:
        return f"aanbieder:{gebruiker.aanbieder_id}"
    if gebruiker.regio_id:
        return f"regio:{gebruiker.regio_id}"
    return ""


def mag_toegewezen_worden(door, collega) -> bool:
    """A colleague takes an item of ``door``'s worklist when it is an active user of the same
    organisation with the same role: the lists follow role and organisation
    (``bereik_route``, ``ijw.policies.bereik``), so that colleague has the same list."""
    return (
        collega.is_active
        and bool(door.rol)
        and heeft_rol(collega, door.rol)
        and organisatie_van(collega) != ""
        and organisatie_van(collega) == organisatie_van(door)
    )


def collegas(door):
    """The users an item of ``door``'s worklists may be assigned to (``mag_toegewezen_worden``)."""
    Gebruiker = get_user_model()
    organisatie = organisatie_van(door)
    if not organisatie or not door.rol:
        return Gebruiker.objects.none()
    soort, pk = organisatie.split(":")
    veld = {"gemeente": "gemeente_id", "aanbieder": "aanbieder_id", "regio": "regio_id"}[soort]
    rijen = Gebruiker.objects.filter(is_active=True, rol=door.rol, **{veld: int(pk)})
    if soort == "regio":
        rijen = rijen.filter(gemeente__isnull=True, aanbieder__isnull=True)
    return rijen.order_by("last_name", "first_name", "username")
