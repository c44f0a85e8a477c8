"""Issue 19 §7: a current demo. ``manage.py genereer_regio`` dates the synthetic region relative
to the day it runs (its peildatum), so the pages' default periods have data and the demo users'
work is recent; the same seed and peildatum give the same region."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from jeugdregie.accounts.models import Gebruiker
from jeugdregie.beheersing.services import rollup
from jeugdregie.beheersing.services.scorekaart import scorekaart, standaardkwartaal
from jeugdregie.betalingen.models import Betaalbatch
from jeugdregie.declaraties.models import Declaratie
from jeugdregie.organisaties.models import Aanbieder
from jeugdregie.portaal.werkvoorraden import route_werkvoorraden
from jeugdregie.synthese.demogebruikers import maak_demogebruikers
from jeugdregie.synthese.wereld import venster
from jeugdregie.toewijzingen.models import Levering, Toewijzing
from jeugdregie.verwijzingen.models import Verwijzing

from .inloggen import TweeFactorClient
from .klok import op_de_dag

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

VANDAAG = date(2026, 12, 6)  # the frozen "today" the demo is generated on (not the tests' PEILDATUM)


def _genereer(*opties: str) -> str:
    uit = StringIO()
    call_command("genereer_regio", "--schaal", "0.05", "--seed", "42", *opties, stdout=uit)
    return uit.getvalue()


def _tellingen() -> tuple:
    return (
        list(Verwijzing.objects.order_by("pk").values_list("jeugdige__bsn", "datum", "status", "aanbieder__agb_code")),
        list(Toewijzing.objects.order_by("pk").values_list("begindatum", "einddatum", "status", "startdatum_zorg")),
        list(Levering.objects.order_by("pk").values_list("maand", "volume", "bedrag", "geregistreerd")),
    )


def test_venster_volgt_de_peildatum():
    """The window around the peildatum: four years of history before its year, periods to the end
    of the year a year later, within the catalogue's years; the tests' 1 January 2026 keeps the
    window the generator always had."""
    jaren = range(2022, 2028)
    assert venster(date(2026, 1, 1), jaren) == (date(2022, 1, 1), date(2026, 12, 31))
    assert venster(VANDAAG, jaren) == (date(2022, 1, 1), date(2027, 12, 31))
    assert venster(date(2027, 3, 1), jaren) == (date(2023, 1, 1), date(2027, 12, 31))


def test_demo_op_de_dag_van_genereren_heeft_gegevens_in_de_standaardperioden(catalogus, settings):
    """Without --peildatum and JEUGDREGIE_DEMO_PEILDATUM the region's "now" is today (Amsterdam):
    the newest referral and delivery lie in the last weeks before it, the demo users have work
    dated recently, the scorecard's default quarter and the budget control's year have figures."""
    settings.JEUGDREGIE_DEMO_PEILDATUM = None
    with op_de_dag(VANDAAG):
        tekst = _genereer()
        maak_demogebruikers()
        call_command("budgetten", "vrijgeven", stdout=StringIO())
        call_command("begroting", "signalen", stdout=StringIO())
        call_command("beheersing", "ververs", "--volledig", stdout=StringIO(), stderr=StringIO())
        assert "Peildatum 06-12-2026" in tekst

        # the newest work is recent, nothing lies after today
        nieuwste = Verwijzing.objects.order_by("-datum").values_list("datum", flat=True).first()
        assert VANDAAG - timedelta(days=14) <= nieuwste <= VANDAAG
        assert not Verwijzing.objects.filter(datum__gt=VANDAAG).exists()
        assert Levering.objects.order_by("-maand").values_list("maand", flat=True).first() == date(2026, 12, 1)
        te_screenen = Verwijzing.objects.filter(status="te_screenen").values_list("datum", flat=True)
        assert te_screenen and min(te_screenen) >= VANDAAG - timedelta(days=120), min(te_screenen)
        # the last whole month stays unpaid: the finance users have work
        assert not Betaalbatch.objects.filter(jaar=2026, maand__gte=11).exists()
        assert Betaalbatch.objects.filter(jaar=2026, maand=10).exists()
        assert Declaratie.objects.filter(ingediend_op__date__gte=date(2026, 11, 1)).exists()

        # the demo users' worklists are full on today
        for naam in ("toegang", "aanbieder", "aanbieder-2"):
            lijsten = route_werkvoorraden(Gebruiker.objects.get(username=naam), op=VANDAAG)
            assert [str(lijst.titel) for lijst in lijsten if lijst.aantal == 0] == [], naam

        # the scorecard's default quarter (the rollup's data up to the end of last month)
        # (data_tot is the end of the newest approved line: November's declarations come in from
        # five days after the month (synthese/declaraties.py), so on 6 December a region this small
        # may have none approved yet; either way the default quarter is the current one)
        stand = rollup.stand()
        assert stand is not None and stand.data_tot in (date(2026, 10, 31), date(2026, 11, 30)), stand
        kwartaal = standaardkwartaal(stand, VANDAAG)
        assert kwartaal == date(2026, 10, 1)
        aanbieder = Aanbieder.objects.filter(regio__code="ijsselland").order_by("agb_code").first()
        regels = scorekaart(aanbieder, kwartaal).regels
        met_waarde = [r for r in regels if r.waarde is not None]
        assert len(met_waarde) >= len(regels) // 2, [(r.indicator.code, r.waarde) for r in regels]

        # the pages themselves, on their default periods
        beleid = TweeFactorClient()
        beleid.force_login(Gebruiker.objects.get(username="beleid"))
        pagina = beleid.get(reverse("beheersing:scorekaart", args=[aanbieder.pk])).content.decode()
        assert "2026-K4" in pagina
        assert pagina.count('class="geen-gegevens"') < len(regels) // 2
        financieel = TweeFactorClient()
        financieel.force_login(Gebruiker.objects.get(username="financieel"))
        antwoord = financieel.get(reverse("begroting:budgetbeheersing"))
        assert antwoord.status_code == 200
        overzicht = antwoord.context["overzicht"]
        assert overzicht.jaar == 2026 and overzicht.per_aanbieder and not overzicht.te_klein


def test_zelfde_seed_en_peildatum_geven_dezelfde_regio(catalogus, settings):
    """Deterministic per seed and peildatum, whatever day it runs: --peildatum and the setting fix
    the "now", and the clock changes nothing."""
    settings.JEUGDREGIE_DEMO_PEILDATUM = date(2026, 9, 14)
    with op_de_dag(VANDAAG):
        tekst = _genereer("--zonder-declaraties")
    assert "Peildatum 14-09-2026" in tekst
    eerste = _tellingen()
    assert Verwijzing.objects.order_by("-datum").values_list("datum", flat=True).first() <= date(2026, 9, 14)
    _wis()
    settings.JEUGDREGIE_DEMO_PEILDATUM = None
    with op_de_dag(date(2027, 2, 3)):
        _genereer("--zonder-declaraties", "--peildatum", "2026-09-14")
    assert _tellingen() == eerste


def _wis() -> None:
    from .builders.synthese import wis_jeugdigen

    wis_jeugdigen()
