"""R-D1: the letter of each kind of toegang decision states the result, budget, period,
provider, motivation and the objection clause (6 weeks, Awb 6:7), in plain Dutch (B1), measured
with Flesch-Douma (textstat, language "nl")."""

from datetime import date

import pytest
import textstat

from jeugdregie.beschikkingen.besluit import lees_besluit
from jeugdregie.beschikkingen.brief import stel_op
from jeugdregie.beschikkingen.constants import BeschikkingSoort
from jeugdregie.beschikkingen.models import Beschikking
from jeugdregie.beschikkingen.services.maken import maak_beschikking
from jeugdregie.beschikkingen.services.pdf import brief_html
from jeugdregie.beschikkingen.services.sjablonen import huidig_sjabloon
from jeugdregie.verwijzingen.constants import Gebeurtenissoort as G
from jeugdregie.verwijzingen.models import Gebeurtenis

from .builders.aanpassen import aanvraag, besluit
from .builders.beschikkingen import DATUM, toewijzing
from .builders.gezin import ouder_met_gezag
from .builders.wonen import wonen
from .klok import op_de_dag

#: Flesch-Douma 60 and up reads as "fairly easy" (B1) for adult Dutch readers.
B1_DOUMA = 60


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _toewijzing(route):
    return toewijzing(route), G.TOEWIJZING_AANGEMAAKT


def _wonen(route):
    return wonen(route), G.ZORGTOEWIJZING_WONEN


def _intrekking(route):
    from jeugdregie.toewijzingen.services.intrekken import trek_toewijzing_in

    with op_de_dag(DATUM):
        return trek_toewijzing_in(toewijzing=toewijzing(route), door=route["gebruikers"]["toegang"]), (
            G.TOEWIJZING_INGETROKKEN
        )


def _aanpassing(status):
    def maak(route):
        from jeugdregie.toewijzingen.constants import AanpassingReden
        from jeugdregie.toewijzingen.services import start_zorg

        t = toewijzing(route)
        start_zorg(verwijzing=t.verwijzing, startdatum=date(2026, 3, 9), door=route["gebruikers"]["aanbieder"])
        a = aanvraag(route, t.verwijzing, AanpassingReden.HULP_SLAAT_NIET_AAN)
        return besluit(route, a, status, motivering="De hulp past nog bij wat Zara nodig heeft."), G.AANPASSING_BESLOTEN

    return maak


def _verzoek_afgewezen(route):
    from jeugdregie.verzoeken.services import wijs_verzoek_af

    from .builders.ijw.uitgaand import jw315

    verzoek = wijs_verzoek_af(
        verzoek=jw315(route), reden="2", toelichting="Deze hulp past niet.", door=route["gebruikers"]["toegang"]
    )
    return verzoek, G.VERZOEK_AFGEWEZEN


def _beeindiging(route):
    """R-D1 with R-D3: granted care ended early because the child moved."""
    from jeugdregie.toewijzingen.services import start_zorg
    from jeugdregie.toewijzingen.services.beeindigen import beeindig_bij_verhuizing

    t = toewijzing(route)
    start_zorg(verwijzing=t.verwijzing, startdatum=date(2026, 3, 9), door=route["gebruikers"]["aanbieder"])
    with op_de_dag(DATUM):
        t = beeindig_bij_verhuizing(toewijzing=t, verhuisdatum=date(2026, 6, 1), door=route["gebruikers"]["toegang"])
    return t, G.TOEWIJZING_BEEINDIGD


BESLUITEN = {
    "beeindiging": (_beeindiging, BeschikkingSoort.BEEINDIGING, True),
    "toewijzing": (_toewijzing, BeschikkingSoort.TOEWIJZING, True),
    "wonen": (_wonen, BeschikkingSoort.WONEN, True),
    "intrekking": (_intrekking, BeschikkingSoort.INTREKKING, False),
    "aanpassing_toegekend": (_aanpassing("toegekend"), BeschikkingSoort.AANPASSING, True),
    "aanpassing_afgewezen": (_aanpassing("afgewezen"), BeschikkingSoort.AANPASSING, False),
    "verzoek_afgewezen": (_verzoek_afgewezen, BeschikkingSoort.AFWIJZING, False),
}


@pytest.mark.parametrize("kind", sorted(BESLUITEN))
def test_elk_besluit_krijgt_zijn_brief_met_wat_de_regel_vraagt(route, kind):
    """R-D1: allocation, Wonen, withdrawal, adjustment (granted, refused) and refusal each get a
    letter of their kind that states the decision, the provider, the motivation and the
    objection clause; a granted one also the budget and the period; readable at B1."""
    maak, soort, toegekend = BESLUITEN[kind]
    ouder_met_gezag(route["jeugdige_zwolle"])
    obj, gebeurtenissoort = maak(route)
    gebeurtenis = Gebeurtenis.objects.get(
        objecttype=obj._meta.model_name, object_id=obj.pk, gebeurtenis=gebeurtenissoort
    )
    with op_de_dag(DATUM):
        beschikking = maak_beschikking(gebeurtenis_id=gebeurtenis.pk).beschikking
    assert beschikking.soort == soort

    besluit_ = lees_besluit(gebeurtenis)
    brief = stel_op(besluit=besluit_, sjabloon=huidig_sjabloon(route["zwolle"]), namen=["Petra de Vries"])
    html = brief_html(
        brief=brief,
        sjabloon=beschikking.sjabloon,
        nummer=beschikking.nummer,
        datum=DATUM,
        geadresseerden=beschikking.geadresseerden,
    )
    tekst = brief.platte_tekst()
    assert "binnen 6 weken" in tekst and "artikel 6:7" in tekst  # Awb 6:7
    assert "Waarom hebben wij dit besloten?" in html and besluit_.motivering in tekst
    assert route["aanbieder"].naam in tekst
    assert beschikking.nummer in html and "Petra de Vries" in html
    assert beschikking.geadresseerden[0]["adresregels"][0] in html
    if toegekend:
        assert "De gemeente betaalt de hulp tot €" in tekst
        assert "De hulp begint op " in tekst and "De hulp stopt uiterlijk op " in tekst
    else:
        assert "betaalt" not in tekst
    textstat.set_lang("nl")
    score = textstat.flesch_reading_ease(tekst)
    assert score >= B1_DOUMA, f"Flesch-Douma {score:.0f} < {B1_DOUMA}: {tekst}"


def test_moeilijke_brief_haalt_b1_niet():
    """The measure bites: officialese of the kind a letter must avoid scores below B1."""
    textstat.set_lang("nl")
    ambtelijk = (
        "Naar aanleiding van uw aanvraag inzake de toekenning van een voorziening ingevolge de Jeugdwet "
        "delen wij u mede dat het college van burgemeester en wethouders, gelet op de beschikbare "
        "informatie en na zorgvuldige afweging van de betrokken belangen, heeft besloten uw verzoek "
        "gedeeltelijk te honoreren, met inachtneming van de hieronder vermelde voorwaarden."
    )
    assert textstat.flesch_reading_ease(ambtelijk) < B1_DOUMA


def test_crisisopvolging_krijgt_een_brief(crisis):
    """R-D1: the crisis follow-up decision (allocated retroactively) gets its letter."""
    from jeugdregie.crisis.services import besluit_crisisopvolging

    from .builders.crisis import aanvraag as crisisaanvraag
    from .builders.crisis import beoordeel, meld

    kind = crisis["jeugdige_zwolle"]
    ouder_met_gezag(kind)
    opvolging = crisisaanvraag(crisis, beoordeel(crisis, meld(crisis, bsn=kind.bsn)), ingediend_op=date(2026, 4, 28))
    with op_de_dag(date(2026, 4, 29)):
        besluit_crisisopvolging(
            verzoek=opvolging,
            toekennen=True,
            einddatum=date(2026, 4, 30),
            volume="20",
            door=crisis["gebruikers"]["toegang"],
        )
        gebeurtenis = Gebeurtenis.objects.get(gebeurtenis=G.CRISISOPVOLGING_TOEGEWEZEN)
        beschikking = maak_beschikking(gebeurtenis_id=gebeurtenis.pk).beschikking
    assert beschikking.soort == BeschikkingSoort.CRISISOPVOLGING
    assert beschikking.aanbieder == crisis["crisisdienst"]
    assert Beschikking.objects.count() == 1
