"""Builders for the beschikkingen tests (issue 20 §2, R-D1): a toegang decision with its event
row, the family to address, and the letters stored in a temporary media folder."""

from __future__ import annotations

from datetime import date

from jeugdregie.beschikkingen.services.maken import maak_beschikking
from jeugdregie.verwijzingen.constants import Gebeurtenissoort
from jeugdregie.verwijzingen.models import Gebeurtenis

from .route import screen, verwijs

DATUM = date(2026, 3, 2)


def toewijzing(route, **extra):
    """A keuzebudget allocation for the Zwolle child: referral by the toegang, accepted."""
    verwijzing = verwijs(route, **extra)
    screen(route, verwijzing, op=verwijzing.datum)
    return verwijzing.toewijzingen.get()


def besluitgebeurtenis(obj, soort: Gebeurtenissoort = Gebeurtenissoort.TOEWIJZING_AANGEMAAKT) -> Gebeurtenis:
    return Gebeurtenis.objects.get(objecttype=obj._meta.model_name, object_id=obj.pk, gebeurtenis=soort)


def beschikking_van(obj, soort: Gebeurtenissoort = Gebeurtenissoort.TOEWIJZING_AANGEMAAKT):
    return maak_beschikking(gebeurtenis_id=besluitgebeurtenis(obj, soort).pk)
