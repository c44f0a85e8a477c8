"""Builders for the family of a young person (issue 20 §1), for the tests of gezin and of the
apps that address letters through ``gezin.services.geadresseerden``.

``ouder_met_gezag(jeugdige)`` writes a parent with gezag living at the child's address from the
child's birth date (no user needed); ``door=<toegang user>`` goes through the service instead
(then the period starts today, as the service sets it)."""

from __future__ import annotations

from jeugdregie.gezin.constants import Gezinsrol, Kanaal
from jeugdregie.gezin.models import Gezinslid, GezinslidAdres
from jeugdregie.gezin.services import Gezinsliddata, voeg_gezinslid_toe

ADRES_OUDER = {
    "straatnaam": "Thorbeckegracht",
    "huisnummer": "7",
    "postcode": "8011 VM",
    "plaatsnaam": "Zwolle",
}


def ouder_met_gezag(
    jeugdige,
    *,
    door=None,
    voornamen: str = "Petra",
    achternaam: str = "de Vries",
    rol: str = Gezinsrol.OUDER,
    gezag: bool = True,
    adres: dict | None = None,
    email: str = "",
    kanaal: str = Kanaal.POST,
) -> Gezinslid:
    """A parent (or voogd/GI with ``rol``) of ``jeugdige``; at the child's address unless
    ``adres`` is given."""
    if door is not None:
        return voeg_gezinslid_toe(
            jeugdige=jeugdige,
            gegevens=Gezinsliddata(
                rol=rol,
                gezag=gezag,
                voornamen=voornamen,
                achternaam=achternaam,
                email=email,
                kanaal=kanaal,
                woont_bij_jeugdige=adres is None,
                adres=adres,
            ),
            door=door,
        )
    lid = Gezinslid.objects.create(
        jeugdige=jeugdige,
        rol=rol,
        gezag=gezag or rol != Gezinsrol.OUDER,
        voornamen=voornamen,
        achternaam=achternaam,
        email=email,
        kanaal=kanaal,
        woont_bij_jeugdige=adres is None,
        begindatum=jeugdige.geboortedatum,
    )
    if adres is not None:
        from jeugdregie.jeugdigen.services_contact import controleer_adres

        GezinslidAdres.objects.create(gezinslid=lid, begindatum=jeugdige.geboortedatum, **controleer_adres(adres))
    return lid
