"""R-R1 (issue 22 §1): a rule set per region, versioned by date. Every rule reads its parameters
from the version valid on the date it is about; a new version changes behaviour from its start
on and nowhere else; the past is never changed; the functioneel beheerder sets it in Dutch
screens, checked and audit-logged."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jeugdregie.audit.models import AuditRegel
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.common.errors import DomainError
from jeugdregie.crisis.werkvoorraad import werkvoorraden as crisiswerkvoorraden
from jeugdregie.jeugdigen.policies import relatietermijn_dagen
from jeugdregie.organisaties.models import JEUGDWET, PARAMETERS, Regelset, Regio
from jeugdregie.organisaties.regelset import Tijdlijn, regels, registreer_regio, stel_regelset_vast, versies
from jeugdregie.synthese.regio import _gemeenten
from jeugdregie.toewijzingen.constants import AanpassingReden
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.prognose import prognose
from jeugdregie.toewijzingen.werkvoorraad import bij_8_wekenpunt
from jeugdregie.verwijzingen.models import Verwijzing
from jeugdregie.verwijzingen.services.huisartsroute import huisartsroutestand
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze
from jeugdregie.verzoeken.models import Toewijzingsverzoek
from jeugdregie.wonen.services.plaatsing import registreer_plaatsing, vraag_bed_aan
from jeugdregie.wonen.werkvoorraad import bed_niet_binnen_norm, leeftijdsgrens_in_zicht, verblijf_zonder_vervolg

from .builders.aanpassen import aanvraag as pas_aan
from .builders.crisis import GEMELD, beoordeel, meld
from .builders.crisis import aanvraag as vraag_crisisopvolging
from .builders.declaraties import declareer, regel
from .builders.grootboek import stop_volgens_plan
from .builders.ijw.verzoek import product, stuur
from .builders.regelset import zet_regels
from .builders.route import gestart, verwijs
from .builders.wonen import BEGIN, wonen
from .factories import JeugdigeFactory
from .klok import op_de_dag, op_het_moment

TZ = ZoneInfo("Europe/Amsterdam")
VANDAAG = date(2026, 3, 1)  # the server's date on which the beheerder sets a version


def _stel_vast(route, geldig_vanaf, door="beheerder", **waarden):
    with op_de_dag(VANDAAG):
        return stel_regelset_vast(
            regio=route["zwolle"].regio,
            geldig_vanaf=geldig_vanaf,
            waarden=waarden,
            door=route["gebruikers"][door] if door else None,
        )


def _stand(regio):
    """Everything a refusal must leave as it was: the versions and their audit rows."""
    return (
        sorted((*v.waarden().values(), v.geldig_vanaf) for v in Regelset.objects.filter(regio=regio)),
        AuditRegel.objects.filter(objecttype="organisaties.Regelset").count(),
    )


# --- reading: the version valid on a date -------------------------------------------------------


def test_regels_geeft_de_versie_die_op_de_datum_geldt(route):
    """R-R1: a version holds from its start until the day before the next one's; before the first
    version the first holds; ``Tijdlijn`` (many dates, one query) gives the same answers."""
    regio = route["zwolle"].regio
    _stel_vast(route, date(2026, 7, 1), declaratietermijn_dagen=120)
    _stel_vast(route, date(2027, 1, 1), declaratietermijn_dagen=100)
    tijdlijn = Tijdlijn.van([regio.pk])
    for dag, termijn in [
        (date(2010, 1, 1), 91),
        (JEUGDWET, 91),
        (date(2026, 6, 30), 91),
        (date(2026, 7, 1), 120),
        (date(2026, 12, 31), 120),
        (date(2027, 1, 1), 100),
        (date(2040, 1, 1), 100),
    ]:
        assert regels(regio, dag).declaratietermijn_dagen == termijn, dag
        assert tijdlijn.regels(regio.pk, dag).declaratietermijn_dagen == termijn, dag
    assert [(v.geldig_vanaf, tot) for v, tot in versies(regio)] == [
        (date(2027, 1, 1), None),
        (date(2026, 7, 1), date(2026, 12, 31)),
        (JEUGDWET, date(2026, 6, 30)),
    ]


def test_regels_is_een_query(route, django_assert_num_queries):
    """R-R1: reading the rule set is one indexed query, no cache a test could see stale."""
    regio = route["zwolle"].regio
    with django_assert_num_queries(1):
        assert regels(regio, date(2026, 3, 2)).declaratietermijn_dagen == 91
    zet_regels(regio, declaratietermijn_dagen=95)
    with django_assert_num_queries(1):
        assert regels(regio.pk, date(2026, 3, 2)).declaratietermijn_dagen == 95


def test_nieuwe_regio_krijgt_een_eerste_versie_met_de_standaardwaarden(db):
    """R-R1: a new region (the service, the synthetic region) gets its first version, valid from
    the Jeugdwet, with IJsselland's values as defaults."""
    regio = registreer_regio(code="twente", naam="Twente", declaratietermijn_dagen=100)
    [versie] = Regelset.objects.filter(regio=regio)
    assert (versie.geldig_vanaf, versie.declaratietermijn_dagen, versie.wonen_grens_leeftijd) == (JEUGDWET, 100, 18)
    assert versie.waarden()["solidariteitssleutel"] == "jeugdigen"
    _gemeenten(random.Random(1), 0.01)
    for gemaakt in Regio.objects.all():
        assert Regelset.objects.filter(regio=gemaakt, geldig_vanaf=JEUGDWET).count() == 1, gemaakt.code


# --- behaviour changes from the start date on, and not before --------------------------------------


@pytest.mark.parametrize(
    ("geldig_vanaf", "afkeur"),
    [
        (date(2026, 5, 1), ""),  # the allocation ended the day before: the old window (91 days) holds
        (date(2026, 4, 30), "DEC022"),  # valid on the allocation's end: the new window (60 days)
    ],
)
def test_declaratietermijn_geldt_vanaf_de_begindatum(route, geldig_vanaf, afkeur):
    """R-R1 with R-B7: a version with a 60-day declaration window changes the window of an
    allocation whose window counts from a day on or after its start, and of none before: a line
    submitted 61 days after an end on 30-04-2026 is refused (DEC022) only when the new version
    holds on 30-04-2026. Through the real intake."""
    _stel_vast(route, geldig_vanaf, declaratietermijn_dagen=60)
    toewijzing = gestart(route)
    stop_volgens_plan(route, toewijzing, date(2026, 4, 30))
    laat = declareer(route, [regel(toewijzing, "R1")], ingediend_op=datetime(2026, 6, 30, 10, 0, tzinfo=TZ))
    assert [r.afkeur for r in laat.regels.all()] == [afkeur]


def test_leeftijdsgrens_wonen_geldt_vanaf_de_begindatum(route):
    """R-R1 with R-W11: a version from 01-04-2026 that ends verlengde jeugdhulp at 22 refuses an
    allocation starting on or after that day for a young person turning 22 during it, and leaves
    an allocation starting before it under the old limit (23). Through the real allocation service."""
    _stel_vast(route, date(2026, 4, 1), verlengde_jeugdhulp_tot_leeftijd=22)
    grond = {"toekomstplan": True, "grond_18plus": "verlengde_jeugdhulp"}
    eerder = JeugdigeFactory(gemeente=route["zwolle"], geboortedatum=date(2004, 6, 1))  # 22 on 01-06-2026
    later = JeugdigeFactory(gemeente=route["zwolle"], geboortedatum=date(2004, 6, 1))
    assert wonen(route, jeugdige=eerder, begindatum=BEGIN, **grond).pk  # 02-03-2026: the first version
    with pytest.raises(DomainError, match="wordt 22 op 01-06-2026"):
        wonen(route, jeugdige=later, begindatum=date(2026, 4, 1), einddatum=date(2027, 3, 31), **grond)
    assert not Toewijzing.objects.filter(jeugdige=later).exists()


@pytest.mark.parametrize(
    ("geldig_vanaf", "toegestaan"),
    [
        (date(2026, 4, 1), True),  # valid on the start (01-04-2026): 18 months allowed
        (date(2026, 4, 2), False),  # from the day after the start: the old year holds
    ],
)
def test_duur_wonen_geldt_vanaf_de_begindatum(route, geldig_vanaf, toegestaan):
    """R-R1 with R-W3: a version allowing Wonen/Verblijf for 18 months lets an allocation starting
    on or after its start run past a year, and no allocation starting before. Through the real
    allocation service; a refusal writes nothing."""
    _stel_vast(route, geldig_vanaf, wonen_max_maanden=18)
    jeugdige = JeugdigeFactory(gemeente=route["zwolle"], geboortedatum=date(2012, 6, 1))
    lang = {"jeugdige": jeugdige, "begindatum": date(2026, 4, 1), "einddatum": date(2027, 6, 30)}
    if toegestaan:
        assert wonen(route, **lang).einddatum == date(2027, 6, 30)
    else:
        with pytest.raises(DomainError, match="maximaal een jaar: tot en met 31-03-2027"):
            wonen(route, **lang)
        assert not Toewijzing.objects.filter(jeugdige=jeugdige).exists()


@pytest.mark.parametrize(
    ("geldig_vanaf", "toegestaan"),
    [
        (date(2026, 3, 9), True),  # valid on the first start of care: 9 months
        (date(2026, 3, 10), False),  # from the day after the start: the old 6 months
    ],
)
def test_venster_hulp_slaat_niet_aan_geldt_vanaf_de_start(route, geldig_vanaf, toegestaan):
    """R-R1 with R-A4: a version with a 9-month window for 'hulp slaat niet aan' holds for care that
    started on or after its start (the window counts from the first start, 09-03-2026): a request
    on 10-10-2026 is allowed only then. Through the real request service."""
    _stel_vast(route, geldig_vanaf, hulp_slaat_niet_aan_maanden=9)
    toewijzing = gestart(route)  # care starts 09-03-2026
    if toegestaan:
        assert pas_aan(route, toewijzing.verwijzing, AanpassingReden.HULP_SLAAT_NIET_AAN, op=date(2026, 10, 10)).pk
    else:
        with pytest.raises(DomainError, match="tot uiterlijk 6 maanden na de start"):
            pas_aan(route, toewijzing.verwijzing, AanpassingReden.HULP_SLAAT_NIET_AAN, op=date(2026, 10, 10))


@pytest.mark.parametrize(
    ("geldig_vanaf", "te_laat"),
    [
        (date(2027, 1, 10), False),  # valid on the day of filing: 4 weeks, the point is 01-02-2027
        (date(2027, 1, 11), True),  # from the day after: the old 8 weeks, the point was 04-01-2027
    ],
)
def test_achtwekenpunt_geldt_vanaf_de_begindatum(route, geldig_vanaf, te_laat):
    """R-R1 with R-A3/R-T4: a version with a 4-week point changes the forecast from its start on
    and not before, and so whether a request is late: the budget runs out in time on 01-03-2027
    (no spend), a request filed on 10-01-2027 lies after the 8-week point (04-01-2027) and before
    the 4-week point (01-02-2027). Through ``prognose`` and the real request service."""
    _stel_vast(route, geldig_vanaf, aanpassing_signaal_weken=4)
    toewijzing = gestart(route)  # € 3,000, start 9 March 2026, end 1 March 2027
    assert prognose(toewijzing, op=geldig_vanaf - timedelta(days=1)).achtwekenpunt == date(2027, 1, 4)
    assert prognose(toewijzing, op=geldig_vanaf).achtwekenpunt == date(2027, 2, 1)
    vraag = pas_aan(
        route,
        toewijzing.verwijzing,
        AanpassingReden.GEWIJZIGDE_OMSTANDIGHEDEN,
        op=date(2027, 1, 10),
        besproken_met_toegang=True,
    )
    assert vraag.te_laat is te_laat


@pytest.mark.parametrize(
    ("geldig_vanaf", "uiterlijk", "te_laat"),
    [
        (date(2026, 4, 24), date(2026, 5, 4), False),  # valid on the start: 5 working days
        (date(2026, 4, 25), date(2026, 4, 30), True),  # from the day after: the old 3 working days
    ],
)
def test_termijn_crisisopvolging_geldt_vanaf_de_begindatum(crisis, geldig_vanaf, uiterlijk, te_laat):
    """R-R1 with R-C2: a version with a term of 5 working days changes the term of crisisopvolging
    that started on or after its start, and of none before: care started Friday 24-04-2026
    (Koningsdag Monday 27-04 is no working day), requested Friday 01-05-2026. Through the real
    request service."""
    _stel_vast(crisis, geldig_vanaf, crisisopvolging_termijn_werkdagen=5)
    verzoek = vraag_crisisopvolging(crisis, beoordeel(crisis, meld(crisis)), ingediend_op=date(2026, 5, 1))
    assert (verzoek.startdatum, verzoek.uiterlijk, verzoek.te_laat) == (GEMELD.date(), uiterlijk, te_laat)


def test_leeftijdsgrens_doelgroep_geldt_vanaf_de_begindatum(route):
    """R-R1 with R-T3: a version from 01-04-2026 that asks a ground from 17 refuses a referral of a
    17-year-old without a ground starting on or after that day, and leaves a referral starting the
    day before under the old limit (18). Through the real referral service."""
    _stel_vast(route, date(2026, 4, 1), doelgroep_grond_vanaf_leeftijd=17)
    eerder = JeugdigeFactory(gemeente=route["zwolle"], geboortedatum=date(2009, 1, 1))  # 17 in 2026
    later = JeugdigeFactory(gemeente=route["zwolle"], geboortedatum=date(2009, 1, 1))
    assert verwijs(route, jeugdige=eerder, datum=date(2026, 3, 31)).grond_18plus == ""
    with pytest.raises(DomainError, match="Geef de grond voor hulp na 17 jaar op") as fout:
        verwijs(route, jeugdige=later, datum=date(2026, 4, 1))
    assert (fout.value.code, fout.value.field) == ("TW001", "grond_18plus")
    gegrond = verwijs(route, jeugdige=later, datum=date(2026, 4, 1), grond_18plus="verlengde_jeugdhulp")
    assert gegrond.grond_18plus == "verlengde_jeugdhulp"


def test_signaal_einde_verblijf_geldt_vanaf_de_begindatum(route):
    """R-R1 with R-W9: a version from 08-07-2026 that looks 12 weeks ahead puts Verblijf ending on
    30-09-2026 without follow-up on the toegang's worklist from that day on (84 days ahead), and
    not the day before (the old 8 weeks reach 01-09-2026). Through the real worklist query."""
    _stel_vast(route, date(2026, 7, 8), verblijf_einde_signaal_weken=12)
    toewijzing = wonen(route, einddatum=date(2026, 9, 30))
    gemeente_id = route["zwolle"].pk
    assert verblijf_zonder_vervolg(gemeente_id, op=date(2026, 7, 7)) == []
    assert verblijf_zonder_vervolg(gemeente_id, op=date(2026, 7, 8)) == [toewijzing]


@pytest.mark.parametrize(
    ("geldig_vanaf", "binnen"),
    [
        (date(2026, 3, 2), False),  # valid on the day of the request: 12 hours
        (date(2026, 3, 3), True),  # from the day after: the old 24 hours
    ],
)
def test_normtijd_verblijfsbed_geldt_vanaf_de_dag_van_de_aanvraag(route, geldig_vanaf, binnen):
    """R-R1 with R-W6: a version with a bed norm of 12 hours judges a bed requested on or after its
    start, and none requested before: requested Monday 02-03-2026 14:00, placed 16 hours later.
    Through the real request and placement services and the toegang's worklist."""
    _stel_vast(route, geldig_vanaf, bed_norm_uren=12)
    toewijzing = wonen(route)
    with op_het_moment(datetime(2026, 3, 2, 14, 0, tzinfo=TZ)) as aangevraagd:
        verzoek = vraag_bed_aan(toewijzing=toewijzing, door=route["gebruikers"]["toegang"])
    with op_het_moment(datetime(2026, 3, 3, 6, 0, tzinfo=TZ)) as geplaatst:
        registreer_plaatsing(verzoek=verzoek, geplaatst_op=geplaatst, door=route["gebruikers"]["aanbieder"])
    verzoek = type(verzoek).objects.get(pk=verzoek.pk)
    assert (verzoek.aangevraagd_op, verzoek.geplaatst_op) == (aangevraagd, geplaatst)
    assert verzoek.binnen_norm(verzoek.geplaatst_op) is binnen
    lijst = bed_niet_binnen_norm(route["zwolle"].pk, op=date(2026, 3, 3))
    assert lijst == ([] if binnen else [verzoek])


@pytest.mark.parametrize(
    ("geldig_vanaf", "binnen"),
    [
        (date(2026, 4, 24), False),  # valid on the report's day: 2 hours
        (date(2026, 4, 25), True),  # from the day after: the old 4 hours
    ],
)
def test_beoordelingsnorm_crisismelding_geldt_vanaf_de_dag_van_de_melding(crisis, geldig_vanaf, binnen):
    """R-R1 with R-C3: a version with an assessment norm of 2 hours judges a report made on or after
    its start, and none made before: reported Friday 24-04-2026 22:30, looked at (open) and assessed
    3 hours later. Through the crisisdienst's worklist and the real assessment service."""
    _stel_vast(crisis, geldig_vanaf, crisis_beoordeling_norm_uren=2)
    open_melding = meld(crisis)
    with op_het_moment(GEMELD + timedelta(hours=3)):
        [lijst] = crisiswerkvoorraden(crisis["gebruikers"]["crisisdienst"], op=date(2026, 4, 25))
        [item] = lijst.werkitems(crisis["gebruikers"]["crisisdienst"])
    uiterlijk = "25-04-2026 00:30" if not binnen else "25-04-2026 02:30"
    assert (item.pk, item.verstreken, item.onderwerp) == (
        open_melding.pk,
        not binnen,
        f"Crisismelding {open_melding.pk} beoordelen vóór {uiterlijk}",
    )
    beoordeeld = beoordeel(crisis, meld(crisis), na=timedelta(hours=3))
    assert beoordeeld.binnen_norm(beoordeeld.beoordeeld_op) is binnen


def test_signaal_leeftijdsgrens_geldt_vanaf_de_begindatum(route):
    """R-R1 with R-W7: a version from 01-08-2026 that looks 6 months ahead puts Wonen ending the day
    before the 18th birthday (01-01-2027) on the toegang's worklist from that day on, and not the
    day before (the old 3 months reach 31-10-2026). Through the real worklist query."""
    _stel_vast(route, date(2026, 8, 1), leeftijdsgrens_signaal_maanden=6)
    jeugdige = JeugdigeFactory(gemeente=route["zwolle"], geboortedatum=date(2009, 1, 1))
    toewijzing = wonen(route, jeugdige=jeugdige, einddatum=date(2026, 12, 31), toekomstplan=True)
    gemeente_id = route["zwolle"].pk
    assert leeftijdsgrens_in_zicht(gemeente_id, op=date(2026, 7, 31)) == []
    assert leeftijdsgrens_in_zicht(gemeente_id, op=date(2026, 8, 1)) == [toewijzing]


def test_signaal_achtwekenpunt_geldt_vanaf_de_begindatum(route):
    """R-R1 with R-A3: a version from 30-11-2026 that warns 8 weeks before the 8-week point puts a
    budget whose point is 04-01-2027 (€ 3,000 until 01-03-2027, no spend) on the provider's
    worklist from that day on, and not the day before (the old 4 weeks reach 27-12-2026). Through
    the real worklist query."""
    _stel_vast(route, date(2026, 11, 30), achtwekenpunt_signaal_weken=8)
    toewijzing = gestart(route)
    gestarte = Toewijzing.objects.filter(pk=toewijzing.pk).select_related("keuzebudget", "gemeente")
    assert prognose(toewijzing, op=date(2026, 11, 30)).achtwekenpunt == date(2027, 1, 4)
    assert bij_8_wekenpunt(gestarte, op=date(2026, 11, 29)) == []
    assert bij_8_wekenpunt(gestarte, op=date(2026, 11, 30)) == [toewijzing]


def test_huisartsplafond_geldt_vanaf_de_verwijsdatum(route):
    """R-R1 with R-T6: a version from 01-04-2026 that caps the GP route at herstel 3 refuses the
    GP's herstel 4 on a referral starting on or after that day, with nothing written, and accepts
    it on one starting the day before (the old cap 4). Through the real referral service."""
    _stel_vast(route, date(2026, 4, 1), huisartsroute_plafond_niveau=3)
    herstel_4 = BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=4)
    eerder = JeugdigeFactory(gemeente=route["zwolle"], geboortedatum=date(2015, 1, 1))
    later = JeugdigeFactory(gemeente=route["zwolle"], geboortedatum=date(2015, 1, 1))
    verwijzing = verwijs(route, door="huisarts", jeugdige=eerder, budget=herstel_4, datum=date(2026, 3, 31))
    assert (verwijzing.verwijzer_type, verwijzing.keuzebudget.niveau) == ("02", 4)
    with pytest.raises(DomainError, match="hooguit herstel 3") as fout:
        verwijs(route, door="huisarts", jeugdige=later, budget=herstel_4, datum=date(2026, 4, 1))
    assert (fout.value.code, fout.value.field) == ("TW004", "niveau")
    assert not Verwijzing.objects.filter(jeugdige=later).exists()


def test_keuzes_van_de_huisarts_gelden_vanaf_de_verwijsdatum(route):
    """R-R1 with R-T6: a version from 01-04-2026 in which the GP chooses herstel 3 (not 2 or 4)
    accepts a GP's herstel 3 on a referral from that day and refuses herstel 2 with the region's
    choices in the message; the day before, the old choices hold. Through the real referral service."""
    _stel_vast(route, date(2026, 4, 1), huisartsroute_niveaus="3")
    herstel = {n: BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=n) for n in (2, 3)}
    kinderen = [JeugdigeFactory(gemeente=route["zwolle"], geboortedatum=date(2015, 1, 1)) for _ in range(3)]
    assert verwijs(route, door="huisarts", jeugdige=kinderen[0], budget=herstel[2], datum=date(2026, 3, 31)).pk
    with pytest.raises(DomainError, match="De huisarts kiest keuzebudget herstel 2 \\(basis-GGZ\\)"):
        verwijs(route, door="huisarts", jeugdige=kinderen[1], budget=herstel[3], datum=date(2026, 3, 31))
    assert verwijs(route, door="huisarts", jeugdige=kinderen[1], budget=herstel[3], datum=date(2026, 4, 1)).pk
    with pytest.raises(DomainError, match="De huisarts kiest keuzebudget herstel 3\\.") as fout:
        verwijs(route, door="huisarts", jeugdige=kinderen[2], budget=herstel[2], datum=date(2026, 4, 1))
    assert (fout.value.code, fout.value.field) == ("TW004", "niveau")
    assert not Verwijzing.objects.filter(jeugdige=kinderen[2]).exists()


def test_gi_met_standaard_keuzebudget_vanaf_de_verwijsdatum(route):
    """R-R1 with R-T7: a version from 01-04-2026 in which a GI may also choose a standard
    keuzebudget accepts a GI's herstel 3 from that day; the day before only an offerte."""
    _stel_vast(route, date(2026, 4, 1), gi_altijd_offerte=False)
    herstel_3 = BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=3)
    kinderen = [JeugdigeFactory(gemeente=route["zwolle"], geboortedatum=date(2015, 1, 1)) for _ in range(2)]
    with pytest.raises(DomainError, match="Een GI verwijst altijd met een offerte-keuzebudget"):
        verwijs(route, door="gi", jeugdige=kinderen[0], budget=herstel_3, datum=date(2026, 3, 31))
    assert not Verwijzing.objects.filter(jeugdige=kinderen[0]).exists()
    verwijzing = verwijs(route, door="gi", jeugdige=kinderen[1], budget=herstel_3, datum=date(2026, 4, 1))
    assert (verwijzing.verwijzer_type, verwijzing.keuzebudget.niveau) == ("04", 3)


def test_verwijzers_van_de_huisartsroute_gelden_vanaf_de_verwijsdatum(route):
    """R-R1 with R-T6 (who may use a referral route): a version from 01-04-2026 whose GP route
    holds only the jeugdarts and the medisch specialist. The day before, the GP refers directly
    and the referral is a GP-route one. From that day the GP's own referral is refused (TW042,
    naming the toegang, nothing written); the toegang registers the GP's referral instead, keeps
    the GP as referrer, and the GP route's cap and second-referral rule no longer bind it: herstel 6
    without a motivation, and it opens no GP-route trajectory. Through the real referral service."""
    _stel_vast(route, date(2026, 4, 1), huisartsroute_verwijzers="03,05")
    herstel = {n: BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=n) for n in (4, 6)}
    kinderen = [JeugdigeFactory(gemeente=route["zwolle"], geboortedatum=date(2015, 1, 1)) for _ in range(2)]
    with op_de_dag(date(2026, 3, 31)):
        eerder = verwijs(route, door="huisarts", jeugdige=kinderen[0], budget=herstel[4], datum=date(2026, 3, 31))
    assert (eerder.verwijzer_type, eerder.via_huisartsroute) == ("02", True)
    with (
        op_de_dag(date(2026, 4, 1)),
        pytest.raises(DomainError, match="verwijst een huisarts niet rechtstreeks") as fout,
    ):
        verwijs(route, door="huisarts", jeugdige=kinderen[1], budget=herstel[4], datum=date(2026, 4, 1))
    assert (fout.value.code, fout.value.field) == ("TW042", "verwijzer")
    assert "toegang van de gemeente Zwolle" in fout.value.message
    # R-B9: dated back into the old version on 5 April, the GP's referral is refused all the same
    with op_de_dag(date(2026, 4, 5)), pytest.raises(DomainError) as fout:
        verwijs(route, door="huisarts", jeugdige=kinderen[1], budget=herstel[4], datum=date(2026, 3, 31))
    assert fout.value.code == "TW042"
    assert not Verwijzing.objects.filter(jeugdige=kinderen[1]).exists()
    with op_de_dag(date(2026, 4, 1)):
        via_toegang = verwijs(
            route,
            door="toegang",
            jeugdige=kinderen[1],
            budget=herstel[6],
            datum=date(2026, 4, 1),
            verwijzer=route["huisarts"],
        )
    assert (via_toegang.verwijzer_type, via_toegang.via_huisartsroute, via_toegang.motivering_afwijking) == (
        "02",
        False,
        "",
    )
    with op_de_dag(date(2026, 4, 2)):
        assert huisartsroutestand(kinderen[1], gemeente=route["zwolle"]).traject is None
        assert huisartsroutestand(kinderen[0], gemeente=route["zwolle"]).traject == eerder


def test_verwijzers_van_de_huisartsroute_gecontroleerd(route):
    """R-R1: only the referrers the Jeugdwet lets refer directly (02, 03, 05) can be on a region's
    GP route; a GI (04) is refused with the field to fix, and nothing changes. Leaving the route
    empty is allowed (no GP route)."""
    regio = route["zwolle"].regio
    voor = _stand(regio)
    with pytest.raises(DomainError, match="Verwijzers via de huisartsroute: 04 kan niet") as fout:
        _stel_vast(route, date(2026, 4, 1), huisartsroute_verwijzers="02,04")
    assert (fout.value.code, fout.value.field) == ("ORG013", "huisartsroute_verwijzers")
    assert _stand(regio) == voor
    assert _stel_vast(route, date(2026, 4, 1), huisartsroute_verwijzers="").huisartsroutetypen == frozenset()


def test_huisartsplafond_binnen_de_niveaus_van_de_regio(route, catalogus):
    """R-R1 (no hard-coded "levels ≤ 6"): the GP route's cap and levels lie within the highest
    keuzebudget level the region has. With the catalogue's six levels a cap of 7 is refused
    (ORG013, naming 6, nothing changes); once the region has its own eight levels for 2027, cap 7
    and GP level 7 are accepted."""
    from jeugdregie.catalogus.regionaal import stel_regiokeuzebudgetten_vast

    regio = route["zwolle"].regio
    voor = _stand(regio)
    with pytest.raises(DomainError, match="kies een niveau van 1 tot en met 6") as fout:
        _stel_vast(route, date(2026, 4, 1), huisartsroute_plafond_niveau=7)
    assert (fout.value.code, fout.value.field) == ("ORG013", "huisartsroute_plafond_niveau")
    with pytest.raises(DomainError, match="elk van 1 tot en met 6"):
        _stel_vast(route, date(2026, 4, 1), huisartsroute_niveaus="2,7")
    assert _stand(regio) == voor
    with op_de_dag(VANDAAG):
        stel_regiokeuzebudgetten_vast(
            regio_id=regio.pk,
            jaar=2027,
            niveaus={n: str(1000 * n) for n in range(1, 9)},
            max_maanden_herstel=12,
            max_maanden_duurzaam=12,
            door=route["gebruikers"]["beheerder"],
        )
    versie = _stel_vast(route, date(2027, 1, 1), huisartsroute_plafond_niveau=7, huisartsroute_niveaus="2,7")
    assert (versie.huisartsroute_plafond_niveau, versie.huisartsniveaus) == (7, (2, 7))


def test_huisartsplafond_op_de_paginas_van_de_toegang(client, route):
    """R-R1 with R-T6: the toegang's request list names the cap of its region's rule set valid
    today (herstel 4 the day before a version with cap 3, herstel 3 from its start); the request's
    page and the honouring form name the cap valid on the referral's default date, the request's
    start (01-04-2026), so herstel 3 on both days."""
    _stel_vast(route, date(2026, 4, 1), huisartsroute_plafond_niveau=3)
    stuur(route, bsn=route["jeugdige_zwolle"].bsn, producten=[product("HA-1", zorgverlener=route["huisarts"].agb_code)])
    verzoek = Toewijzingsverzoek.objects.get(referentie_aanbieder="HA-1")
    client.force_login(route["gebruikers"]["toegang"])
    for dag, vandaag in ((date(2026, 3, 31), 4), (date(2026, 4, 1), 3)):
        with op_de_dag(dag):
            lijst = client.get("/route/verzoeken/").content.decode()
            pagina = client.get(f"/route/verzoeken/{verzoek.pk}/").content.decode()
            formulier = client.get(f"/route/verzoeken/{verzoek.pk}/honoreren/").content.decode()
        assert lijst.count(f"huisartsroute: hooguit herstel {vandaag}<") == 1
        assert "hooguit niveau 3 (" in pagina
        assert "Alleen nodig als u boven keuzebudget herstel 3 gaat" in formulier


# --- writing: the service refuses the past, checks everything, logs ---------------------------------


def test_begin_in_het_verleden_geweigerd_en_niets_gewijzigd(route):
    """R-R1: a rule set never changes the past: a start before the server's date is refused with
    a Dutch message, and nothing changes."""
    regio = route["zwolle"].regio
    voor = _stand(regio)
    with pytest.raises(DomainError, match="Een regelset geldt vanaf vandaag of later") as fout:
        _stel_vast(route, date(2026, 2, 28), declaratietermijn_dagen=60)
    assert (fout.value.code, fout.value.field) == ("ORG012", "geldig_vanaf")
    assert "28-02-2026 ligt in het verleden" in fout.value.message and "01-03-2026" in fout.value.message
    assert _stand(regio) == voor
    assert _stel_vast(route, VANDAAG, declaratietermijn_dagen=60).geldig_vanaf == VANDAAG  # today is fine


@pytest.mark.parametrize(
    ("waarden", "code", "veld", "tekst"),
    [
        ({"declaratietermijn_dagen": 30}, "ORG007", "declaratietermijn_dagen", "korter dan de iJw-declaratietermijn"),
        (
            {"verlengde_jeugdhulp_tot_leeftijd": 20},
            "ORG011",
            "verlengde_jeugdhulp_tot_leeftijd",
            "De leeftijd voor verlengde jeugdhulp (20) ligt onder die voor verlenging pleegzorg en gezinshuis (21)",
        ),
        ({"matching_norm_dagen": 0}, "ORG013", "matching_norm_dagen", "Matchingsnorm (dagen)"),
        (
            {"doelgroep_grond_vanaf_leeftijd": 23},
            "ORG011",
            "doelgroep_grond_vanaf_leeftijd",
            "vanaf wanneer jeugdhulp een grond vraagt (23) ligt niet onder die voor verlengde jeugdhulp (23)",
        ),
        ({"aanpassing_signaal_weken": 0}, "ORG013", "aanpassing_signaal_weken", "8-wekenpunt aanpassingsaanvraag"),
        (
            {"crisisopvolging_termijn_werkdagen": 21},
            "ORG013",
            "crisisopvolging_termijn_werkdagen",
            "Aanvraagtermijn crisisopvolging (werkdagen)",
        ),
        (
            {"huisartsroute_plafond_niveau": 7},
            "ORG013",
            "huisartsroute_plafond_niveau",
            "Hoogste keuzebudget via de huisartsroute (niveau)",
        ),
        ({"huisartsroute_plafond_niveau": 0}, "ORG013", "huisartsroute_plafond_niveau", "Hoogste keuzebudget"),
        ({"bed_norm_uren": 169}, "ORG013", "bed_norm_uren", "Normtijd verblijfsbed (uren)"),
        (
            {"crisis_beoordeling_norm_uren": 0},
            "ORG013",
            "crisis_beoordeling_norm_uren",
            "Beoordelingsnorm crisismelding",
        ),
        ({"leeftijdsgrens_signaal_maanden": 25}, "ORG013", "leeftijdsgrens_signaal_maanden", "Signaal leeftijdsgrens"),
        ({"achtwekenpunt_signaal_weken": 0}, "ORG013", "achtwekenpunt_signaal_weken", "Signaal 8-wekenpunt"),
        ({"solidariteitssleutel": "alles"}, "ORG013", "solidariteitssleutel", "kies jeugdigen of inwoners"),
        ({"onbekend": 3}, "ORG013", "onbekend", "Onbekende regel onbekend"),
    ],
)
def test_ongeldige_waarden_geweigerd_en_niets_gewijzigd(route, waarden, code, veld, tekst):
    """R-R1: every existing check applies (R-B7 minimum window, R-W11 non-falling age limits, the
    fields' own limits) and says what to fix; nothing is saved on an error."""
    regio = route["zwolle"].regio
    voor = _stand(regio)
    with pytest.raises(DomainError) as fout:
        _stel_vast(route, date(2026, 7, 1), **waarden)
    assert (fout.value.code, fout.value.field) == (code, veld)
    assert tekst in fout.value.message
    assert _stand(regio) == voor


def test_alleen_de_beheerder_van_de_regio_stelt_vast(route):
    """R-R1: only the region's functioneel beheerder sets its rule set; anyone else is refused."""
    regio = route["zwolle"].regio
    voor = _stand(regio)
    for wie in ("toegang", "contractmanager", "aanbieder"):
        with pytest.raises(DomainError) as fout:
            _stel_vast(route, date(2026, 7, 1), door=wie, declaratietermijn_dagen=100)
        assert fout.value.code == "ORG014", wie
    assert _stand(regio) == voor


def test_vaststellen_is_gelogd_en_vervangt_een_toekomstige_versie(route):
    """R-R1: each version is audit-logged with ids and field names only; a version whose start is
    still in the future is replaced by one with the same start (one row, the audit says so)."""
    beheerder = route["gebruikers"]["beheerder"]
    versie = _stel_vast(route, date(2026, 7, 1), declaratietermijn_dagen=100, wonen_grens_leeftijd=18)
    assert (versie.vastgesteld_door, versie.declaratietermijn_dagen) == (beheerder, 100)
    regio_id = route["zwolle"].regio_id
    [rij] = AuditRegel.objects.filter(objecttype="organisaties.Regelset", object_id=str(versie.pk))
    assert (rij.actie, rij.gebruiker_id) == ("aanmaken", beheerder.pk)
    assert rij.details == f"regio={regio_id} geldig_vanaf=2026-07-01 gewijzigd=declaratietermijn_dagen"
    opnieuw = _stel_vast(route, date(2026, 7, 1), declaratietermijn_dagen=120)
    assert opnieuw.pk == versie.pk and Regelset.objects.filter(regio_id=regio_id).count() == 2
    assert regels(regio_id, date(2026, 7, 1)).declaratietermijn_dagen == 120
    laatste = AuditRegel.objects.filter(objecttype="organisaties.Regelset").order_by("-id").first()
    assert (laatste.actie, laatste.details) == (
        "wijzigen",
        f"regio={regio_id} geldig_vanaf=2026-07-01 gewijzigd=declaratietermijn_dagen",
    )


def test_versie_die_vandaag_al_geldt_wordt_niet_vervangen(route):
    """R-R1: a version from today may have been followed by today's acts already: a second
    version with the same start is refused and nothing changes (a later start is the way)."""
    with op_de_dag(VANDAAG):
        versie = _stel_vast(route, VANDAAG, declaratietermijn_dagen=100)
        with pytest.raises(DomainError) as fout:
            _stel_vast(route, VANDAAG, declaratietermijn_dagen=120)
    assert fout.value.code == "ORG012" and "latere begindatum" in str(fout.value)
    versie.refresh_from_db()
    assert versie.declaratietermijn_dagen == 100


# --- the beheerder's screens ---------------------------------------------------------------------


def test_scherm_toont_versies_en_stelt_een_nieuwe_versie_vast(client, route):
    """R-R1: the beheerder sees the versions (valid from/to, who, when) and sets a new one in a
    form prefilled with the version valid today, every parameter labelled in Dutch; the service's
    message shows on the form and nothing is saved on an error."""
    client.force_login(route["gebruikers"]["beheerder"])
    regio = route["zwolle"].regio
    with op_de_dag(VANDAAG):
        lijst = client.get("/organisaties/regelset/").content.decode()
        assert "Regelset van IJsselland" in lijst and "01-01-2015" in lijst and "geldt vandaag" in lijst
        formulier = client.get("/organisaties/regelset/nieuw/").content.decode()
        assert 'name="declaratietermijn_dagen"' in formulier and 'value="91"' in formulier
        assert "Declaratietermijn (dagen)" in formulier and "Verlengde jeugdhulp tot (leeftijd)" in formulier
        assert 'value="2026-03-01"' in formulier
        velden = {**regels(regio, VANDAAG).waarden(), "geldig_vanaf": "2026-02-01"}
        antwoord = client.post("/organisaties/regelset/nieuw/", {**velden, "declaratietermijn_dagen": 120})
        assert antwoord.status_code == 200
        assert "Een regelset geldt vanaf vandaag of later" in antwoord.content.decode()
        assert Regelset.objects.filter(regio=regio).count() == 1
        antwoord = client.post(
            "/organisaties/regelset/nieuw/", {**velden, "geldig_vanaf": "2026-07-01", "declaratietermijn_dagen": 120}
        )
        assert antwoord.status_code == 302 and antwoord["Location"] == "/organisaties/regelset/"
        lijst = client.get("/organisaties/regelset/").content.decode()
    assert "01-07-2026" in lijst and "30-06-2026" in lijst and route["gebruikers"]["beheerder"].username in lijst
    assert regels(regio, date(2026, 7, 1)).declaratietermijn_dagen == 120
    assert regels(regio, date(2026, 6, 30)).declaratietermijn_dagen == 91


@pytest.mark.parametrize("wie", ["toegang", "aanbieder", "contractmanager", "beleid", "financieel", "huisarts"])
def test_scherm_geweigerd_voor_andere_rollen(client, route, wie):
    """R-R1 with R-P4: only the functioneel beheerder uses the rule-set pages."""
    client.force_login(route["gebruikers"][wie])
    voor = _stand(route["zwolle"].regio)
    assert client.get("/organisaties/regelset/").status_code == 403
    assert client.get("/organisaties/regelset/nieuw/").status_code == 403
    velden = {**regels(route["zwolle"].regio, VANDAAG).waarden(), "geldig_vanaf": "2030-01-01"}
    assert client.post("/organisaties/regelset/nieuw/", velden).status_code == 403
    assert _stand(route["zwolle"].regio) == voor


def test_scherm_vraagt_inloggen(client, db):
    """R-R1: the pages ask a login first."""
    assert client.get("/organisaties/regelset/").status_code == 302


def test_beheer_toont_de_versies_alleen_lezen_en_een_nieuwe_regio_krijgt_er_een(client, route):
    """R-R1: the admin shows a region's versions read-only (they are set through the service only);
    a region added there gets its first version."""
    from jeugdregie.accounts.constants import Rol

    from .factories import GebruikerFactory

    client.force_login(GebruikerFactory(regio_rol=True, rol=Rol.BEHEERDER, is_superuser=True, is_staff=True))
    regio = route["zwolle"].regio
    pagina = client.get(f"/beheer/organisaties/regio/{regio.pk}/change/").content.decode()
    assert "regelsets" in pagina.lower() and "1 januari 2015" in pagina.lower()
    assert 'name="regelsets-0-declaratietermijn_dagen"' not in pagina  # read-only, no input
    antwoord = client.post("/beheer/organisaties/regio/add/", {"code": "twente", "naam": "Twente", **_inline()})
    assert antwoord.status_code == 302
    [versie] = Regelset.objects.filter(regio__code="twente")
    assert (versie.geldig_vanaf, versie.declaratietermijn_dagen) == (JEUGDWET, 91)


def _inline() -> dict[str, str]:
    return {
        "regelsets-TOTAL_FORMS": "0",
        "regelsets-INITIAL_FORMS": "0",
        "regelsets-MIN_NUM_FORMS": "0",
        "regelsets-MAX_NUM_FORMS": "1000",
    }


# --- the migration carries the values --------------------------------------------------------------

VOOR = [("organisaties", "0009_regio_verlenging_duurzaam_signaal")]
NA = [("organisaties", "0010_regelset")]
TERMIJNEN = [("organisaties", "0011_regelset_termijnen_doelgroep")]
NORMEN = [("organisaties", "0013_regelset_normen_signalen_plafond")]


def _migreer(doel):
    executor = MigrationExecutor(connection)
    executor.migrate(doel)
    executor.loader.build_graph()
    return executor.loader.project_state(doel).apps


@pytest.mark.django_db(transaction=True)
def test_migratie_maakt_van_de_regiowaarden_de_eerste_versie():
    """R-R1: each existing region's current values become its first version, valid from the
    Jeugdwet (2015-01-01); the fields leave the region. 0011 and 0013: every version gets the
    defaults of the parameters added later."""
    try:
        oud = _migreer(VOOR)
        OudeRegio = oud.get_model("organisaties", "Regio")
        eigen = OudeRegio.objects.create(
            code="eigen", naam="Eigen", declaratietermijn_dagen=120, solidariteitssleutel="inwoners",
            verlengde_jeugdhulp_tot_leeftijd=22, matching_norm_respijtzorg_dagen=10,
        )  # fmt: skip
        standaard = OudeRegio.objects.create(code="standaard", naam="Standaard")
        nieuw = _migreer(NA)
        Versie = nieuw.get_model("organisaties", "Regelset")
        [versie] = Versie.objects.filter(regio_id=eigen.pk)
        assert versie.geldig_vanaf == JEUGDWET
        assert (
            versie.declaratietermijn_dagen,
            versie.solidariteitssleutel,
            versie.verlengde_jeugdhulp_tot_leeftijd,
            versie.matching_norm_respijtzorg_dagen,
            versie.wonen_grens_leeftijd,
        ) == (120, "inwoners", 22, 10, 18)
        [gewoon] = Versie.objects.filter(regio_id=standaard.pk)
        standaard_waarden = Regelset(geldig_vanaf=JEUGDWET).waarden()
        toen = [p for p in PARAMETERS if hasattr(gewoon, p)]  # the parameters 0010 knew
        assert {p: getattr(gewoon, p) for p in toen} == {p: standaard_waarden[p] for p in toen}
        velden = {f.name for f in nieuw.get_model("organisaties", "Regio")._meta.get_fields()}
        assert not velden & set(PARAMETERS)
        # 0011 (issue 22 §1): the existing versions get the defaults of the parameters moved later
        Versie = _migreer(TERMIJNEN).get_model("organisaties", "Regelset")
        nu = Versie.objects.get(regio_id=standaard.pk)
        toen = [p for p in PARAMETERS if hasattr(nu, p)]  # the parameters 0011 knew
        assert {p: getattr(nu, p) for p in toen} == {p: standaard_waarden[p] for p in toen}
        eigen_versie = Versie.objects.get(regio_id=eigen.pk)
        assert (
            eigen_versie.declaratietermijn_dagen,
            eigen_versie.aanpassing_signaal_weken,
            eigen_versie.crisisopvolging_termijn_werkdagen,
            eigen_versie.doelgroep_grond_vanaf_leeftijd,
        ) == (120, 8, 3, 18)
        # 0013 (issue 22 §1, part 3): the norms, signals and the GP cap, with their defaults
        Versie = _migreer(NORMEN).get_model("organisaties", "Regelset")
        nu = Versie.objects.get(regio_id=standaard.pk)
        toen = [p for p in PARAMETERS if hasattr(nu, p)]  # the parameters 0013 knew (0014 adds R-R3's)
        assert {p: getattr(nu, p) for p in toen} == {p: standaard_waarden[p] for p in toen}
        eigen_versie = Versie.objects.get(regio_id=eigen.pk)
        assert (
            eigen_versie.declaratietermijn_dagen,
            eigen_versie.bed_norm_uren,
            eigen_versie.crisis_beoordeling_norm_uren,
            eigen_versie.leeftijdsgrens_signaal_maanden,
            eigen_versie.achtwekenpunt_signaal_weken,
            eigen_versie.huisartsroute_plafond_niveau,
        ) == (120, 24, 4, 3, 4, 4)
    finally:
        _migreer(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_relatietermijn_volgt_het_langste_venster_waarin_nog_gedeclareerd_kan_worden(route):
    """R-R1 with R-P4 (found by the ledger machine's review): a provider keeps sight of a child as
    long as it may still declare for it. After a version from 1 July 2026 shortens the window from
    91 to 60 days, an allocation that ended on 30 June can be declared until 29 September under
    the old window: the relation lasts 91 days until then and 60 days after; a longer window
    counts from its own start."""
    _stel_vast(route, date(2026, 7, 1), declaratietermijn_dagen=60)
    _stel_vast(route, date(2027, 1, 1), declaratietermijn_dagen=150)
    aanbieder = route["gebruikers"]["aanbieder"]
    for dag, termijn in [
        (date(2026, 6, 30), 91),
        (date(2026, 7, 1), 91),
        (date(2026, 9, 29), 91),
        (date(2026, 9, 30), 60),
        (date(2026, 12, 31), 60),
        (date(2027, 1, 1), 150),
    ]:
        with op_de_dag(dag):
            assert relatietermijn_dagen(aanbieder) == termijn, dag
