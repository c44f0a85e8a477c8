"""External review of issue 13 (money integrity, R-B2, R-B5, R-B7, R-B8, R-B9): sequences of
legitimate actions through the product's own services that break a money rule. A failing test
here is a finding; a passing one is a regression check of an attack that held."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.budgetten.services.grootboek import geef_verlopen_vrij
from jeugdregie.common.errors import DomainError
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.toewijzingen.constants import AanpassingReden, AanpassingStatus
from jeugdregie.toewijzingen.models import Toewijzing

from .builders.aanpassen import aanvraag, besluit
from .builders.declaraties import TARIEF_TG3, declareer, regel
from .builders.grootboek import controleer_grootboeken, stop_volgens_plan
from .builders.route import gestart

TZ = ZoneInfo("Europe/Amsterdam")


def _op(dag: date, uur: int = 10) -> datetime:
    return datetime(dag.year, dag.month, dag.day, uur, 0, tzinfo=TZ)


def _goedgekeurde_debets_na_einde(toewijzing: Toewijzing) -> list[str]:
    toewijzing.refresh_from_db()
    return list(
        Declaratieregel.objects.filter(
            toewijzing=toewijzing,
            status="goedgekeurd",
            debet_credit="D",
            creditregel__isnull=True,
            einddatum__gt=toewijzing.einddatum,
        ).values_list("referentie", flat=True)
    )


# --- adjustments that change the END DATE only --------------------------------------------------


def test_einddatum_aanpassing_laat_goedgekeurde_zorg_na_het_nieuwe_einde(route):
    """Review finding (regression). Keuzebudget 02-03-2026..01-03-2027, care started 09-03; April (10 h, € 860) is
    declared and approved on 06-05. The provider files reason 3 (besproken) asking a shorter
    period, end 31-03-2026 (no amount); the toegang grants it on 08-05.

    ``aanpassen._pas_budget_aan`` UPDATEs Toewijzing.einddatum but publishes nothing when no
    amount changes, so ``bewaking.bij_bedragwijziging`` (DEC103, the OP257 guard) never runs:
    the approved April line now lies after the allocation's end (R-B2 "the period lies within
    the allocation's period", R-B7 "never brings approved spend above the allocation"). Worse,
    the provider can no longer credit it: a credit repeats its debit's period, which TR307 now
    refuses. OP257 refuses the same shortening while care is approved after the new end."""
    toewijzing = gestart(route)
    assert declareer(route, [regel(toewijzing, "R1")]).goedgekeurd_bedrag == Decimal("860.00")
    verzoek = aanvraag(
        route,
        toewijzing.verwijzing,
        AanpassingReden.GEWIJZIGDE_OMSTANDIGHEDEN,
        gevraagd_bedrag=None,
        gevraagde_einddatum=date(2026, 3, 31),
        besproken_met_toegang=True,
    )
    einde = toewijzing.einddatum
    with pytest.raises(DomainError, match="al zorg na 31-03-2026 goedgekeurd") as fout:
        besluit(route, verzoek, AanpassingStatus.TOEGEKEND)
    # fixed: refused like OP257 (DEC103), nothing changed
    assert fout.value.code == "DEC103"
    toewijzing.refresh_from_db()
    toewijzing.keuzebudget.refresh_from_db()
    verzoek.refresh_from_db()
    assert (toewijzing.einddatum, toewijzing.keuzebudget.einddatum, verzoek.status) == (einde, einde, "ingediend")
    assert _goedgekeurde_debets_na_einde(toewijzing) == []


def test_verlenging_toegekend_na_vrijgave_van_het_budget(route):
    """Review finding (regression). Keuzebudget ends 01-03-2027; on 01-02-2027 the provider files reason 3 for a
    longer period (end 31-08-2027, no amount). The window (91 days) closes 31-05-2027 and the
    nightly job releases the rest on 01-06-2027. On 02-06-2027 the toegang grants the extension.

    A granted *amount* after the release is refused (BUD003), but an end date is not: the
    allocation now runs until 31-08-2027 while its budget is released (R-B7: release only after
    the allocation ended), and every line for June–August is refused DEC022 — a granted
    decision the provider can never be paid for, and a ledger that contradicts its allocation."""
    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing, "R1")])
    verzoek = aanvraag(
        route,
        toewijzing.verwijzing,
        AanpassingReden.GEWIJZIGDE_OMSTANDIGHEDEN,
        op=date(2027, 2, 1),
        gevraagd_bedrag=None,
        gevraagde_einddatum=date(2027, 8, 31),
        besproken_met_toegang=True,
    )
    assert geef_verlopen_vrij(op=date(2027, 6, 1)).grootboeken == 1
    with pytest.raises(DomainError) as fout:
        besluit(route, verzoek, AanpassingStatus.TOEGEKEND, op=date(2027, 6, 2))
    # fixed: refused like an amount after the release (BUD003), nothing changed
    assert fout.value.code == "BUD003"
    toewijzing.refresh_from_db()
    assert toewijzing.einddatum == date(2027, 3, 1)
    assert Budgetstand.objects.get(toewijzing=toewijzing).vrijgegeven_op == date(2027, 6, 1)


# --- crisisopvolging: the allocated volume is the ceiling (R-B7) ----------------------------------


@pytest.mark.parametrize(
    ("code", "eenheid", "extra"),
    [("46C02", "uur", {}), ("46C03", "etmaal", {"bed_onvermijdelijk": "Thuis niet veilig."})],
)
def test_crisisopvolging_betaalt_meer_dan_het_toegewezen_volume(crisis, code, eenheid, extra):
    """Review finding (regression). The region's tariff for the product rises by 10 % from 01-06-2026 (the old one
    closed on 31-05, the new one registered by ``catalogus.services.registreer_tarief``). The
    toegang then allocates crisisopvolging 24-04..30-06-2026 with a volume of 10 (hours, or
    crisis-bed nights), committing 10 × the new tariff = 11 × the old one: ``volume_bedrag``
    commits volume × the HIGHEST tariff of the period. Before the fix the intake checked only the
    euro amount (and, for nights, the days of the period, TR322), never
    the allocated volume. So in April, at the old tariff, the provider is paid more units than
    the toegang allocated (R-B7: "crisisopvolging: its allocated product × volume"; the
    decision's own docstring: "the ceiling of what can be paid")."""
    from jeugdregie.catalogus.models import Product, Tarief
    from jeugdregie.catalogus.services import registreer_tarief
    from jeugdregie.crisis.services import besluit_crisisopvolging

    from .builders.crisis import aanvraag as crisisaanvraag
    from .builders.crisis import beoordeel, meld

    product = Product.objects.get(code=code)
    oud = Tarief.objects.get(product=product)
    Tarief.objects.filter(pk=oud.pk).update(einddatum=date(2026, 5, 31))  # the catalog's yearly update
    registreer_tarief(product=product, begindatum=date(2026, 6, 1), einddatum=None, bedrag=oud.bedrag * Decimal("1.1"))
    melding = beoordeel(crisis, meld(crisis))
    verzoek = crisisaanvraag(crisis, melding, ingediend_op=date(2026, 4, 28), product=code, **extra)
    besluit_crisisopvolging(
        verzoek=verzoek, toekennen=True, einddatum=date(2026, 6, 30), volume="10", door=crisis["gebruikers"]["toegang"]
    )
    verzoek.refresh_from_db()
    toewijzing = verzoek.toewijzing
    # April 24..30: 7 units, May: 4 units, all at the old tariff: 11 units fit the commitment.
    lijnen = [
        regel(
            toewijzing,
            "A1",
            product=code,
            eenheid=eenheid,
            uren="7",
            bedrag=7 * oud.bedrag,
            begindatum=date(2026, 4, 24),
            einddatum=date(2026, 4, 30),
        ),
        regel(
            toewijzing,
            "M1",
            product=code,
            eenheid=eenheid,
            uren="4",
            bedrag=4 * oud.bedrag,
            begindatum=date(2026, 5, 1),
            einddatum=date(2026, 5, 31),
        ),
    ]
    declaratie = declareer(crisis, lijnen, door="crisisdienst", ingediend_op=_op(date(2026, 6, 1)))
    controleer_grootboeken()
    betaald = sum(
        r.volume for r in Declaratieregel.objects.filter(toewijzing=toewijzing, status="goedgekeurd", debet_credit="D")
    )
    assert betaald <= toewijzing.volume, (
        f"{betaald} {eenheid} paid on an allocation of {toewijzing.volume}: "
        f"{[(r.referentie, r.status, r.afkeur) for r in declaratie.regels.all()]}"
    )


# --- withdrawal after approved spend ---------------------------------------------------------------


def test_intrekking_na_goedgekeurde_zorg_sluit_de_credit_af(route):
    """Review finding (regression). Care is declared before the start message (allowed: start/stop never block
    payment, OP364): allocation ``toegewezen`` (screened, not started), April approved (€ 860).
    The toegang then withdraws the allocation (``trek_toewijzing_in``: "before care started"),
    which it may while the status is ``toegewezen``. The ledger keeps € 860 approved on an
    allocation that iJw now reports as deleted (JW301 RedenWijziging 13), and the provider can
    no longer give it back: its credit line is refused because the allocation is withdrawn
    (README: "a credit still passes, it only gives money back"). R-B7: withdrawal withdraws what
    is committed, but spend on a withdrawn allocation stays without any way to correct it."""
    from jeugdregie.toewijzingen.services.intrekken import trek_toewijzing_in

    from .builders.route import screen, verwijs

    verwijzing = verwijs(route)
    screen(route, verwijzing, op=verwijzing.datum)
    toewijzing = Toewijzing.objects.get(verwijzing=verwijzing)
    assert declareer(route, [regel(toewijzing, "R1")]).goedgekeurd_bedrag == Decimal("860.00")
    with pytest.raises(DomainError, match="OP362") as fout:
        trek_toewijzing_in(toewijzing=toewijzing, door=route["gebruikers"]["toegang"])
    # fixed: refused while approved care stands (iJw OP362), nothing changed
    assert fout.value.code == "DEC104"
    toewijzing.refresh_from_db()
    stand = Budgetstand.objects.get(toewijzing=toewijzing)
    assert (toewijzing.status, stand.vastgelegd, stand.goedgekeurd) == (
        "toegewezen",
        Decimal("3000.00"),
        Decimal("860.00"),
    )
    # after the provider's credit the withdrawal passes and withdraws the whole commitment
    credit = regel(toewijzing, "C1", debet_credit="C", credit_referentie="R1")
    terug = declareer(route, [credit], nummer="D-C", ingediend_op=_op(date(2026, 5, 11)))
    assert [r.status for r in terug.regels.all()] == ["goedgekeurd"]
    trek_toewijzing_in(toewijzing=toewijzing, door=route["gebruikers"]["toegang"])
    stand.refresh_from_db()
    assert (stand.vastgelegd, stand.goedgekeurd) == (Decimal("0.00"), Decimal("0.00"))
    controleer_grootboeken()


# --- reason 4: a second provider -----------------------------------------------------------------


def test_reden_4_deels_toegekend_zonder_bedrag(route):
    """Probe. Reason 4 partly granted with only an end date: the second budget must still have a
    definite amount (no commitment without an amount decided by the toegang)."""
    from jeugdregie.verwijzingen.models import Keuzebudget

    toewijzing = gestart(route)
    verzoek = aanvraag(
        route,
        toewijzing.verwijzing,
        AanpassingReden.MEERDERE_AANBIEDERS,
        gevraagd_bedrag="1200",
        tweede_aanbieder=route["andere_aanbieder"],
    )
    try:
        besluit(route, verzoek, AanpassingStatus.DEELS_TOEGEKEND, toegekende_einddatum=date(2026, 12, 31))
    except DomainError:
        return
    tweede = Keuzebudget.objects.exclude(pk=toewijzing.keuzebudget_id).get()
    verzoek.refresh_from_db()
    assert tweede.bedrag == verzoek.toegekend_bedrag, (tweede.bedrag, verzoek.toegekend_bedrag, tweede.einddatum)


# --- regression probes that held -------------------------------------------------------------------


def test_termijn_op_de_amsterdamse_datum(route):
    """Probe (held). Care stopped 30-04-2026; the window (91 days) closes at the end of
    30-07-2026 in Amsterdam. A line submitted 31-07 at 00:30 Amsterdam (30-07 22:30 UTC) is
    late (DEC022); one submitted 30-07 at 23:30 is on time; the release job of 31-07 releases
    the rest, once, and a credit after it is released by the next run (R-B7, R-B9)."""

    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing, "R1")])
    stop_volgens_plan(route, toewijzing, date(2026, 4, 30))
    laat = declareer(
        route,
        [regel(toewijzing, "R2", maand=(2026, 3), begindatum=date(2026, 3, 2))],
        nummer="D-2",
        ingediend_op=datetime(2026, 7, 31, 0, 30, tzinfo=TZ),
    )
    assert [r.afkeur for r in laat.regels.all()] == ["DEC022"]
    op_tijd = declareer(
        route,
        [regel(toewijzing, "R3", maand=(2026, 3), begindatum=date(2026, 3, 2))],
        nummer="D-3",
        ingediend_op=datetime(2026, 7, 30, 23, 30, tzinfo=TZ),
    )
    assert [r.status for r in op_tijd.regels.all()] == ["goedgekeurd"]
    assert geef_verlopen_vrij(op=date(2026, 7, 31)).bedrag == Decimal("3000.00") - 2 * 10 * TARIEF_TG3
    credit = regel(toewijzing, "C1", debet_credit="C", credit_referentie="R1")
    declareer(route, [credit], nummer="D-C", ingediend_op=_op(date(2026, 8, 3)))
    opnieuw = declareer(route, [regel(toewijzing, "R4")], nummer="D-4", ingediend_op=_op(date(2026, 8, 3)))
    assert [r.afkeur for r in opnieuw.regels.all()] == ["DEC022"]
    assert geef_verlopen_vrij(op=date(2026, 8, 4)).bedrag == 10 * TARIEF_TG3
    assert geef_verlopen_vrij(op=date(2026, 8, 5)).bedrag == 0
    controleer_grootboeken()


def test_wonen_intensiteit_credit_en_nog_een_wijziging(route):
    """Probe (held). Wonen 44W05 from 02-03-2026; April declared (30 nights). Intensity to 44W04
    from 01-05 (OP257). May declared on the new allocation. A second change of the OLD allocation
    from 15-04 is refused while April is approved (DEC103); after the April credit it passes,
    and April is then paid as 14 nights on the old + 16 on the third allocation, never twice."""
    from jeugdregie.catalogus.models import Product
    from jeugdregie.organisaties.models import Inschrijving
    from jeugdregie.toewijzingen.services import start_zorg
    from jeugdregie.wonen.services.toewijzen import wijzig_intensiteit

    from .builders.wonen import wonen
    from .klok import op_de_dag

    contract = route["aanbieder"].contract_op(date(2026, 3, 2))
    Inschrijving.objects.create(  # registration on 44W04 as well (setup, R-S4)
        contract=contract, product=Product.objects.get(code="44W04"), begindatum=date(2022, 1, 1)
    )
    oud = wonen(route)
    start_zorg(verwijzing=oud.verwijzing, startdatum=date(2026, 3, 2), door=route["gebruikers"]["aanbieder"])

    def nachten(tw, ref, maand, n, code, begin=None, einde=None):
        tarief = Product.objects.get(code=code).tarief_op(date(*maand, 1)).bedrag
        extra = {k: v for k, v in (("begindatum", begin), ("einddatum", einde)) if v}
        return regel(tw, ref, maand=maand, product=code, eenheid="etmaal", uren=str(n), bedrag=n * tarief, **extra)

    declareer(route, [nachten(oud, "W-A", (2026, 4), 30, "44W05")], ingediend_op=_op(date(2026, 5, 6)))
    with op_de_dag(date(2026, 5, 6)):
        nieuw = wijzig_intensiteit(
            toewijzing=oud,
            product=Product.objects.get(code="44W04"),
            ingangsdatum=date(2026, 5, 1),
            door=route["gebruikers"]["toegang"],
            toestemming_verwijzer=True,
            met_verhuizing=True,
        )
    mei = declareer(
        route, [nachten(nieuw, "W-M", (2026, 5), 31, "44W04")], nummer="D-M", ingediend_op=_op(date(2026, 6, 2))
    )
    assert [r.status for r in mei.regels.all()] == ["goedgekeurd"], [
        (r.afkeur, r.toelichting) for r in mei.regels.all()
    ]
    oud.refresh_from_db()
    with op_de_dag(date(2026, 6, 2)), pytest.raises(DomainError):
        wijzig_intensiteit(
            toewijzing=oud,
            product=Product.objects.get(code="44W04"),
            ingangsdatum=date(2026, 4, 15),
            door=route["gebruikers"]["toegang"],
            toestemming_verwijzer=True,
            met_verhuizing=True,
        )
    credit = nachten(oud, "C-A", (2026, 4), 30, "44W05")
    credit = regel(
        oud,
        "C-A",
        maand=(2026, 4),
        product="44W05",
        eenheid="etmaal",
        uren=str(credit.volume),
        bedrag=credit.bedrag,
        debet_credit="C",
        credit_referentie="W-A",
    )
    declareer(route, [credit], nummer="D-C", ingediend_op=_op(date(2026, 6, 2)))
    with op_de_dag(date(2026, 6, 2)):
        derde = wijzig_intensiteit(
            toewijzing=oud,
            product=Product.objects.get(code="44W04"),
            ingangsdatum=date(2026, 4, 15),
            door=route["gebruikers"]["toegang"],
            toestemming_verwijzer=True,
            met_verhuizing=True,
        )
    oud.refresh_from_db()
    regels = [
        nachten(oud, "W-A2", (2026, 4), 14, "44W05", einde=date(2026, 4, 14)),
        nachten(derde, "W-A3", (2026, 4), 16, "44W04", begin=date(2026, 4, 15)),
        nachten(derde, "W-A4", (2026, 4), 1, "44W04", begin=date(2026, 4, 15)),
        nachten(oud, "W-A5", (2026, 4), 1, "44W05", einde=date(2026, 4, 14)),
    ]
    april = declareer(route, regels, nummer="D-A2", ingediend_op=_op(date(2026, 6, 3)))
    assert [r.status for r in april.regels.all()] == ["goedgekeurd", "goedgekeurd", "afgekeurd", "afgekeurd"]
    controleer_grootboeken()
