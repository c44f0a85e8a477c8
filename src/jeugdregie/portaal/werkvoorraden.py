"""The worklists of the home page, composed from the apps that own them (issue 3 §4, issue 16 §3):
the JW315 requests' (``verzoeken``), the route's (``toewijzingen``), the crisis function's and
Wonen/Verblijf's, in that order, after the iJw exchange's. Each app scopes its own lists to the
user's organisation (R-P4)."""

from __future__ import annotations

from datetime import date

from jeugdregie.beschikkingen import werkvoorraad as beschikkingen
from jeugdregie.bezwaar import werkvoorraad as bezwaar
from jeugdregie.casusregie import werkvoorraad as casusregie
from jeugdregie.crisis import werkvoorraad as crisis
from jeugdregie.ijw import werkvoorraad as ijw
from jeugdregie.overdracht import werkvoorraad as overdracht
from jeugdregie.toewijzingen import werkvoorraad as route
from jeugdregie.toewijzingen.werkvoorraad import Werkvoorraad
from jeugdregie.verzoeken import werkvoorraad as verzoeken
from jeugdregie.wonen import werkvoorraad as wonen


def route_werkvoorraden(user, *, op: date) -> list[Werkvoorraad]:
    """The client route's lists: requests for allocation (JW315), referrals and allocations,
    crisis, Wonen/Verblijf."""
    return [
        *verzoeken.werkvoorraden(user, op=op),
        *route.werkvoorraden(user, op=op),
        *crisis.werkvoorraden(user, op=op),
        *wonen.werkvoorraden(user, op=op),
        *overdracht.werkvoorraden(user, op=op),  # issue 20 §5, R-D3
        *beschikkingen.werkvoorraden(user, op=op),  # issue 20 §2, R-D1: letters without an addressee
        *bezwaar.werkvoorraden(user, op=op),  # issue 20 §3, R-D2
        *casusregie.werkvoorraden(user, op=op),  # issue 22 §4, R-R3: the casusregisseur's casussen
    ]


def werkvoorraden(user, *, op: date) -> list[Werkvoorraad]:
    """Everything on the home page: the iJw exchange's lists first, then the route's."""
    return [*ijw.werkvoorraden(user, op=op), *route_werkvoorraden(user, op=op)]
