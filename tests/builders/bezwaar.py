"""Bezwaar (R-D2): a route decision with its letter sent, to object to. The letter is built here
from the decision's event row (the beschikkingen subscriber makes it in production; its own tests
cover that), so these tests depend only on the letter's fields."""

from datetime import date

from jeugdregie.beschikkingen.constants import SOORT_PER_GEBEURTENIS, Kanaal
from jeugdregie.beschikkingen.models import Beschikking, Sjabloon
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services.intrekken import trek_toewijzing_in
from jeugdregie.verwijzingen.constants import Gebeurtenissoort
from jeugdregie.verwijzingen.models import Gebeurtenis

from ..klok import op_de_dag
from .route import screen, verwijs

VERZONDEN = date(2026, 3, 2)  # a Monday: the objection term ends Monday 13 April 2026


def gebeurtenis_van(obj, soort: Gebeurtenissoort) -> Gebeurtenis:
    return Gebeurtenis.objects.get(objecttype=obj._meta.model_name, object_id=obj.pk, gebeurtenis=soort)


def beschikking_voor(
    gebeurtenis: Gebeurtenis, *, jeugdige, gemeente, aanbieder=None, verzonden_op=VERZONDEN
) -> Beschikking:
    """The letter of ``gebeurtenis`` (the subscriber's when it already made one), sent on
    ``verzonden_op`` (None: not sent yet)."""
    bestaand = Beschikking.objects.filter(gebeurtenis=gebeurtenis).first()
    if bestaand is not None:
        bestaand.verzonden_op = verzonden_op
        bestaand.save(update_fields=["verzonden_op"])
        return bestaand
    sjabloon, _ = Sjabloon.objects.get_or_create(
        gemeente=gemeente,
        versie=1,
        defaults={
            "afzender": "Team Jeugd",
            "ondertekenaar": "J. Jansen",
            "functie_ondertekenaar": "Teamleider",
            "inleiding": "U krijgt deze brief over de jeugdhulp.",
            "slot": "Met vriendelijke groet,",
            "contact": "Bel 14 038.",
        },
    )
    return Beschikking.objects.create(
        gemeente=gemeente,
        jeugdige=jeugdige,
        gebeurtenis=gebeurtenis,
        besluittype=gebeurtenis.objecttype,
        besluit_id=gebeurtenis.object_id,
        gebeurtenissoort=gebeurtenis.gebeurtenis,
        soort=SOORT_PER_GEBEURTENIS[gebeurtenis.gebeurtenis],
        nummer=f"TEST-{gebeurtenis.pk}",
        datum=verzonden_op or VERZONDEN,
        sjabloon=sjabloon,
        pdf=f"beschikkingen/pdf/test-{gebeurtenis.pk}.pdf",
        aanbieder=aanbieder,
        verzonden_op=verzonden_op,
        kanaal=Kanaal.POST if verzonden_op else "",
    )


def toegewezen(route, **verwijs_extra) -> Toewijzing:
    """A referral by the toegang, accepted by the provider: an allocation (its event row
    ``toewijzing_aangemaakt``)."""
    verwijzing = verwijs(route, **verwijs_extra)
    screen(
        route,
        verwijzing,
        door="andere_aanbieder" if verwijs_extra.get("aanbieder") == "andere_aanbieder" else "aanbieder",
    )
    return Toewijzing.objects.get(verwijzing=verwijzing)


def ingetrokken_beschikking(route, *, verzonden_op=VERZONDEN) -> Beschikking:
    """R-D1: the toegang withdrew an allocation before care started; its letter was sent."""
    toewijzing = toegewezen(route)
    with op_de_dag(verzonden_op or VERZONDEN):
        trek_toewijzing_in(toewijzing=toewijzing, door=route["gebruikers"]["toegang"])
    return beschikking_voor(
        gebeurtenis_van(toewijzing, Gebeurtenissoort.TOEWIJZING_INGETROKKEN),
        jeugdige=toewijzing.jeugdige,
        gemeente=toewijzing.gemeente,
        aanbieder=toewijzing.aanbieder,
        verzonden_op=verzonden_op,
    )


def toewijzing_beschikking(route, *, verzonden_op=VERZONDEN) -> Beschikking:
    toewijzing = toegewezen(route)
    return beschikking_voor(
        gebeurtenis_van(toewijzing, Gebeurtenissoort.TOEWIJZING_AANGEMAAKT),
        jeugdige=toewijzing.jeugdige,
        gemeente=toewijzing.gemeente,
        aanbieder=toewijzing.aanbieder,
        verzonden_op=verzonden_op,
    )
