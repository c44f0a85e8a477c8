"""A task-based assignment (R-R2) in the test world: Zwolle and Kampen play the MVS sub-region,
Deventer the rest of the region; a separate provider is the opdrachtnemer with its own user."""

from datetime import date

from jeugdregie.accounts.constants import Rol
from jeugdregie.taakgericht.services import leg_opdracht_vast, stel_opdrachtbedrag_vast

from ..factories import AanbiederFactory, GebruikerFactory, GemeenteFactory

BEGIN = date(2026, 1, 1)


EIGEN = ("kampen", "opdrachtnemer", "financieel_kampen", "toegang_kampen")


def zonder_mvs(route) -> dict:
    """A copy of the world without what ``mvs`` adds: for examples rolled back one by one."""
    kopie = {k: v for k, v in route.items() if k not in EIGEN}
    kopie["gebruikers"] = {k: v for k, v in route["gebruikers"].items() if k not in EIGEN}
    return kopie


def mvs(route, *, gemeenten=("zwolle", "kampen"), producten=("45A03",), begindatum=BEGIN, bedrag=None, jaar=2026):
    """Adds Kampen, the opdrachtnemer and its user, finance of Kampen, and the assignment."""
    if "kampen" not in route:
        route["kampen"] = GemeenteFactory(cbs_code="0166", naam="Kampen", inwoners=54000, jeugdigen=11000)
    if "opdrachtnemer" not in route:
        route["opdrachtnemer"] = AanbiederFactory(naam="Jeugdmodel MVS")
        route["gebruikers"]["opdrachtnemer"] = GebruikerFactory(aanbieder_rol=True, aanbieder=route["opdrachtnemer"])
        route["gebruikers"]["financieel_kampen"] = GebruikerFactory(financieel_rol=True, gemeente=route["kampen"])
        route["gebruikers"]["toegang_kampen"] = GebruikerFactory(rol=Rol.TOEGANG, gemeente=route["kampen"])
    opdracht = leg_opdracht_vast(
        regio=route["zwolle"].regio,
        aanbieder=route["opdrachtnemer"],
        naam="Jeugdmodel MVS",
        gemeenten=[route[g].pk for g in gemeenten],
        productcodes=producten,
        begindatum=begindatum,
        door=route["gebruikers"]["contractmanager"],
    )
    if bedrag is not None:
        stel_opdrachtbedrag_vast(
            opdracht=opdracht, jaar=jaar, bedrag=bedrag, door=route["gebruikers"]["contractmanager"]
        )
    return opdracht
