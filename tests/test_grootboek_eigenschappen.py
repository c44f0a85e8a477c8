"""R-B7 as an invariant, not a case: random sequences of real operations (allocate, start, stop,
withdraw, adjust, declare, credit, late line, replay, release, time passing, a new rule-set
version from a later day with another declaration window) through the domain services, with the
ledger checked after every step on SQLite and on PostgreSQL.

After every step, for every allocation's ledger:
- ``0 ≤ goedgekeurd``, ``goedgekeurd + vrijgevallen ≤ vastgelegd ≤ toegewezen`` (R-B7);
- ``goedgekeurd`` = the net sum of the approved lines (debits − credits) of the allocation;
- ``vastgelegd``, ``goedgekeurd`` and ``vrijgevallen`` = the sums of their ledger bookings;
- ``toegewezen`` = the keuzebudget as the toegang last set it (never raised by a line);
- no debit was approved after the allocation's declaration window had closed;
- a withdrawn allocation commits nothing beyond what it spent;
- R-R1, against the machine's own model of the rule-set versions: the region's versions are the
  ones adopted; a line passes the window check (approved, or refused for the budget) exactly when
  it is filed on or before the close computed from the version valid on the day the window counts
  from (not today's), and is refused as late (DEC022) only after it; the release job releases a
  ledger exactly when that close has passed.
Each example runs inside a savepoint that is rolled back afterwards."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Q
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from jeugdregie.budgetten.models import Budgetmutatie, Budgetstand
from jeugdregie.budgetten.services.grootboek import geef_verlopen_vrij
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.common.errors import DomainError
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services import trek_toewijzing_in
from jeugdregie.toewijzingen.services.aanpassen import _pas_budget_aan
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

from .builders.grootboek import NUL, TZ, controleer_grootboeken, stop_volgens_plan
from .builders.grootboekmachine import Grootboekmachine
from .builders.route import verwijs


@pytest.mark.slow
@pytest.mark.django_db
def test_grootboek_invariant_onder_willekeurige_reeksen(route):
    """R-B7, R-B5, R-B2: after every step of a random sequence of real operations the ledger
    holds its invariant and equals the approved lines (module docstring)."""
    run_state_machine_as_test(
        lambda: Grootboekmachine(route),
        settings=settings(
            max_examples=15,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
            database=None,
        ),
    )


def test_late_regel_na_vrijgave_wordt_afgewezen_en_boekt_niets(route):
    """R-B7 regression (issue 13, first case): after care stopped and the rest was released, a
    later line for a month before the stop is refused (DEC022) and the commitment is not raised
    (before: a € 3,000 budget ended with € 4,060 approved)."""
    from .builders.declaraties import declareer, regel
    from .builders.route import gestart

    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing, "R1", uren="10")])  # € 860, April
    stop_volgens_plan(route, toewijzing, date(2026, 4, 30))
    vrijgave = geef_verlopen_vrij(op=date(2026, 8, 1))
    assert vrijgave.bedrag == Decimal("2140.00")
    laat = declareer(
        route,
        [regel(toewijzing, "R2", uren="37", maand=(2026, 3), begindatum=date(2026, 3, 2))],
        nummer="D-2",
        ingediend_op=datetime(2026, 8, 2, 9, 0, tzinfo=TZ),
    )
    assert [(r.status, r.afkeur) for r in laat.regels.all()] == [("afgekeurd", "DEC022")]
    stand = Budgetstand.objects.get(toewijzing=toewijzing)
    assert (stand.toegewezen, stand.vastgelegd, stand.goedgekeurd, stand.vrijgevallen) == (
        Decimal("3000.00"),
        Decimal("3000.00"),
        Decimal("860.00"),
        Decimal("2140.00"),
    )
    controleer_grootboeken()


def test_regel_na_sluiting_van_de_termijn_ook_zonder_vrijgaverun_afgewezen(route):
    """R-B7: the window closes by the calendar, not by whether the release job already ran."""
    from .builders.declaraties import declareer, regel
    from .builders.route import gestart

    toewijzing = gestart(route)
    stop_volgens_plan(route, toewijzing, date(2026, 4, 30))
    op_tijd = declareer(route, [regel(toewijzing, "R1")], ingediend_op=datetime(2026, 7, 30, 23, 30, tzinfo=TZ))
    te_laat = declareer(
        route,
        [regel(toewijzing, "R2", maand=(2026, 3), begindatum=date(2026, 3, 2))],
        nummer="D-2",
        ingediend_op=datetime(2026, 7, 31, 0, 30, tzinfo=TZ),
    )
    assert [r.status for r in op_tijd.regels.all()] == ["goedgekeurd"]
    assert [r.afkeur for r in te_laat.regels.all()] == ["DEC022"]
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == Decimal("860.00")


def test_intrekking_trekt_de_vastlegging_in(route):
    """R-B7: a withdrawal before the start withdraws the whole commitment, in the same
    transaction as the decision; the overview no longer counts it."""
    from .builders.route import screen

    verwijzing = verwijs(route)
    screen(route, verwijzing)
    toewijzing = Toewijzing.objects.get(verwijzing=verwijzing)
    stand = Budgetstand.objects.get(toewijzing=toewijzing)
    assert (stand.toegewezen, stand.vastgelegd) == (Decimal("3000.00"), Decimal("3000.00"))
    trek_toewijzing_in(toewijzing=toewijzing, door=route["gebruikers"]["toegang"])
    stand.refresh_from_db()
    assert (stand.toegewezen, stand.vastgelegd, stand.goedgekeurd) == (Decimal("3000.00"), NUL, NUL)
    assert list(toewijzing.budgetmutaties.order_by("id").values_list("soort", "bedrag")) == [
        ("vastgelegd", Decimal("3000.00")),
        ("ingetrokken", Decimal("-3000.00")),
    ]


def test_aanpassing_onder_het_goedgekeurde_wordt_geweigerd_en_verandert_niets(route):
    """R-B7: a new keuzebudget below what is already approved is refused by the ledger, and the
    decision is undone with it (keuzebudget unchanged)."""
    from .builders.declaraties import declareer, regel
    from .builders.route import gestart

    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing, "R1", uren="20")])  # € 1,720
    with pytest.raises(DomainError, match="lager dan wat al is goedgekeurd"), transaction.atomic():
        _pas_budget_aan(toewijzing.keuzebudget, Decimal("1500.00"), None)
    toewijzing.keuzebudget.refresh_from_db()
    stand = Budgetstand.objects.get(toewijzing=toewijzing)
    assert (toewijzing.keuzebudget.bedrag, stand.toegewezen, stand.vastgelegd) == (
        Decimal("3000.00"),
        Decimal("3000.00"),
        Decimal("3000.00"),
    )
    assert not Budgetmutatie.objects.filter(toewijzing=toewijzing).filter(~Q(soort__in=["vastgelegd", "goedgekeurd"]))


def test_commando_geeft_verlopen_budgetten_vrij_en_is_herhaalbaar(route):
    """R-B7: the scheduled release as a command on the server's date; a second run releases nothing."""
    from io import StringIO

    from django.core.management import call_command

    from .builders.declaraties import declareer, regel
    from .builders.route import gestart

    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing, "R1")])  # € 860
    stop_volgens_plan(route, toewijzing, date(2026, 4, 30))
    uit = StringIO()
    call_command("budgetten", "vrijgeven", stdout=uit)  # today (2026-12 or later) > 30-04-2026 + 91 days
    assert uit.getvalue().strip() == "1 budgetten vrijgegeven, samen € 2.140,00."
    uit = StringIO()
    call_command("budgetten", "vrijgeven", stdout=uit)
    assert uit.getvalue().strip() == "0 budgetten vrijgegeven, samen € 0,00."
    assert Budgetstand.objects.get(toewijzing=toewijzing).vrijgevallen == Decimal("2140.00")


def test_elke_afkeurcode_heeft_een_ijw_retourcode():
    """R-B2/R-M1: every rejection code, DEC022 of R-B7 included, is answered in a JW325 with a
    WJ001 retourcode of four digits."""
    from jeugdregie.declaraties.constants import Afkeur
    from jeugdregie.ijw.berichten.jw325 import retourcode

    assert {code: len(retourcode(code)) for code in Afkeur.values} == dict.fromkeys(Afkeur.values, 4)
    assert retourcode("DEC022") == "9369"


def test_declaratietermijn_korter_dan_ijw_minimum_geweigerd(route):
    """R-B7 bad input: a region's declaration window below the iJw minimum (setting, 56 days) is
    refused with a Dutch message and nothing is saved, in the service and in the admin's model
    validation; 56 days or more is accepted. R-R1: the window is a parameter of the rule set."""
    from django.core.exceptions import ValidationError

    from jeugdregie.common.tijd import vandaag
    from jeugdregie.organisaties.regelset import regels
    from jeugdregie.organisaties.services import stel_declaratietermijn_in

    regio = route["zwolle"].regio
    with pytest.raises(DomainError, match="korter dan de iJw-declaratietermijn van 56 dagen") as fout:
        stel_declaratietermijn_in(regio=regio, dagen=30, door=route["gebruikers"]["beheerder"])
    assert (fout.value.code, fout.value.field) == ("ORG007", "declaratietermijn_dagen")
    assert regels(regio, vandaag()).declaratietermijn_dagen == 91
    versie = regels(regio, vandaag())
    versie.declaratietermijn_dagen = 55
    with pytest.raises(ValidationError) as fout_admin:
        versie.full_clean()
    assert "declaratietermijn_dagen" in fout_admin.value.message_dict
    stel_declaratietermijn_in(regio=regio, dagen=56, door=route["gebruikers"]["beheerder"])
    assert regels(regio, vandaag()).declaratietermijn_dagen == 56


def test_kortere_termijn_van_de_regio_sluit_eerder(route):
    """R-B7: the window is the region's setting, not a constant: at 60 days a line 61 days after
    the stop is refused (DEC022) where the default 91 days would have let it pass."""
    from .builders.declaraties import declareer, regel
    from .builders.regelset import zet_regels
    from .builders.route import gestart

    zet_regels(route["zwolle"].regio, declaratietermijn_dagen=60)  # R-R1: the rule set all along
    toewijzing = gestart(route)
    stop_volgens_plan(route, toewijzing, date(2026, 4, 30))
    laat = declareer(route, [regel(toewijzing, "R1")], ingediend_op=datetime(2026, 6, 30, 10, 0, tzinfo=TZ))
    assert [r.afkeur for r in laat.regels.all()] == ["DEC022"]
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == NUL


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_gelijktijdig_besluit_en_declaratie_houden_het_grootboek_heel(route):
    """R-B7 under concurrency (PostgreSQL, two connections): the toegang lowers the keuzebudget to
    € 1,000 while the provider declares € 860 + € 860 on the same allocation. Whichever locks the
    ledger first wins; the other sees its result: either the lowering is refused (more approved)
    or the second line is refused (DEC016). Never both through, and the invariant holds."""
    import threading

    from django.db import connection

    from .builders.declaraties import declareer, regel
    from .builders.route import gestart

    toewijzing = gestart(route)
    uitkomsten, start = {}, threading.Barrier(2)

    def besluit():
        try:
            start.wait()
            with transaction.atomic():
                _pas_budget_aan(toewijzing.keuzebudget, Decimal("1000.00"), None)
            uitkomsten["besluit"] = "toegekend"
        except DomainError as fout:
            uitkomsten["besluit"] = fout.code
        finally:
            connection.close()

    def declaratie():
        try:
            start.wait()
            d = declareer(
                route, [regel(toewijzing, "R1"), regel(toewijzing, "R2", maand=(2026, 3), begindatum=date(2026, 3, 2))]
            )
            uitkomsten["regels"] = [r.status for r in d.regels.all()]
        finally:
            connection.close()

    threads = [threading.Thread(target=besluit), threading.Thread(target=declaratie)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert uitkomsten in (
        {"besluit": "BUD001", "regels": ["goedgekeurd", "goedgekeurd"]},
        {"besluit": "toegekend", "regels": ["goedgekeurd", "afgekeurd"]},
    ), uitkomsten
    controleer_grootboeken()


def test_vrijgave_van_een_bedrag_in_centen_op_beide_databases(route):
    """R-B7 regression (found by the W2 benchmark): on SQLite the columns are floating point, and
    1234.56 − 300.14 is not exactly 934.42 there; the release must still pass the ledger's check
    constraint and release the exact rest."""
    from .builders.declaraties import declareer, regel
    from .builders.route import screen

    budget = BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=None, offerte_bedrag=Decimal("1234.56"))
    verwijzing = verwijs(route, budget=budget)
    screen(route, verwijzing, op=verwijzing.datum)
    toewijzing = Toewijzing.objects.get(verwijzing=verwijzing)
    declaratie = declareer(route, [regel(toewijzing, "R1", uren="3.49", bedrag=Decimal("300.14"))])
    assert [r.status for r in declaratie.regels.all()] == ["goedgekeurd"]
    rest = geef_verlopen_vrij(op=toewijzing.einddatum + timedelta(days=92))
    assert rest.bedrag == Decimal("934.42")
    stand = Budgetstand.objects.get(toewijzing=toewijzing)
    assert (stand.vastgelegd, stand.goedgekeurd, stand.vrijgevallen) == (
        Decimal("1234.56"),
        Decimal("300.14"),
        Decimal("934.42"),
    )
    controleer_grootboeken()
