"""R-D3 and R-B7 after a move recorded after the fact (issue 20 §5; the review finding of stop 32
and the case the random sequences of tests/test_overdracht_eigenschappen.py found).

1. Who else could do this: the old municipality alone can no longer pass care already given to
   another municipality. Ending (or removing) a started allocation for a move whose day has come
   needs the new municipality's confirmation of the moving day, recorded by the server.
2. An end dated in the past (a move after the fact, a late stop) no longer closes the declaration
   window on care before it: the window counts from the day that end was recorded, in the intake,
   the release job and the ledger check alike."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.budgetten.models import Budgetmutatie, Budgetstand
from jeugdregie.budgetten.services.grootboek import geef_verlopen_vrij
from jeugdregie.common.errors import DomainError
from jeugdregie.declaraties.services.grootboekcontrole import controleer_grootboeken
from jeugdregie.ijw.models import Bericht
from jeugdregie.jeugdigen.services import registreer_verhuizing
from jeugdregie.overdracht.models import Overdracht
from jeugdregie.overdracht.services import beeindig_oude_toewijzing, bevestig_verhuisdatum
from jeugdregie.toewijzingen.constants import ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services import stop_zorg
from jeugdregie.verwijzingen.models import Gebeurtenis

from .builders.declaraties import TZ, declareer, regel
from .builders.route import gestart

pytestmark = pytest.mark.django_db


def _om(dag: date) -> datetime:
    return datetime.combine(dag, datetime.min.time().replace(hour=10), tzinfo=TZ)


def test_oude_gemeente_verwijdert_gestarte_zorg_niet_alleen_met_een_verhuizing_achteraf(route, klok):
    """R-D3, the attack of the review: Zwolle's toegang records a move of its own child to
    Deventer dated before the start of running care (nothing approved yet), then removes the
    allocation alone. Refused with a Dutch message (TW040) and nothing changes; Zwolle cannot
    confirm its own date, nor can a provider or finance; once Deventer's toegang confirms (the
    server's day and user, audit-logged), Zwolle removes it."""
    klok(date(2026, 5, 11))
    toewijzing = gestart(route)  # allocated 2 March, care from 9 March
    zwolle, deventer = route["gebruikers"]["toegang"], route["gebruikers"]["toegang_andere_gemeente"]
    registreer_verhuizing(
        jeugdige=route["jeugdige_zwolle"], gemeente=route["deventer"], per=date(2026, 2, 1), door=zwolle
    )
    overdracht = Overdracht.objects.get(jeugdige=route["jeugdige_zwolle"])

    def toestand():
        stand = Budgetstand.objects.get(toewijzing=toewijzing)
        return (
            Toewijzing.objects.values_list("status", "einddatum").get(pk=toewijzing.pk),
            (stand.vastgelegd, stand.goedgekeurd, stand.vrijgevallen),
            Budgetmutatie.objects.count(),
            Gebeurtenis.objects.count(),
            Bericht.objects.count(),
            Overdracht.objects.values_list("verhuisdatum_bevestigd_op", flat=True).get(pk=overdracht.pk),
            overdracht.regels.filter(beeindigd_op__isnull=False).count(),
        )

    voor = toestand()
    with pytest.raises(DomainError, match="nadat de nieuwe gemeente de verhuisdatum") as fout:
        beeindig_oude_toewijzing(regel=overdracht.regels.get(), door=zwolle)
    assert fout.value.code == "TW040"
    for wie in (zwolle, route["gebruikers"]["aanbieder"], route["gebruikers"]["financieel"]):
        with pytest.raises(DomainError, match="Alleen de toegang van de nieuwe gemeente"):
            bevestig_verhuisdatum(overdracht=overdracht, door=wie)
    assert toestand() == voor

    bevestig_verhuisdatum(overdracht=overdracht, door=deventer)
    overdracht.refresh_from_db()
    assert (overdracht.verhuisdatum_bevestigd_op, overdracht.verhuisdatum_bevestigd_door) == (
        date(2026, 5, 11),
        deventer,
    )
    assert AuditRegel.objects.filter(
        objecttype="overdracht.Overdracht", object_id=str(overdracht.pk), gebruiker_id=deventer.pk
    ).exists()
    with pytest.raises(DomainError, match="al bevestigd op 11-05-2026"):
        bevestig_verhuisdatum(overdracht=overdracht, door=deventer)
    beeindig_oude_toewijzing(regel=overdracht.regels.get(), door=zwolle)
    assert Toewijzing.objects.get(pk=toewijzing.pk).status == ToewijzingStatus.INGETROKKEN


def test_verhuizing_vooruit_of_zonder_gestarte_zorg_vraagt_geen_bevestiging(route, klok):
    """R-D3: a move registered ahead (its day has not come) moves no care already given, so the old
    municipality ends the allocation by the day before it on its own."""
    klok(date(2026, 5, 11))
    toewijzing = gestart(route)
    registreer_verhuizing(jeugdige=route["jeugdige_zwolle"], gemeente=route["deventer"], per=date(2026, 6, 1))
    overdracht = Overdracht.objects.get(jeugdige=route["jeugdige_zwolle"])
    beeindig_oude_toewijzing(regel=overdracht.regels.get(), door=route["gebruikers"]["toegang"])
    assert Toewijzing.objects.get(pk=toewijzing.pk).einddatum == date(2026, 5, 31)
    assert Overdracht.objects.get(pk=overdracht.pk).verhuisdatum_bevestigd_op is None


def test_einde_achteraf_sluit_de_declaratietermijn_niet(route, klok):
    """R-B7, the sequence the random runs found: care from 9 March; a move on 16 April; on 19 July
    the provider declares March (approved), Deventer confirms and Zwolle ends the allocation on
    15 April. The region's window (91 days) after 15 April closed on 15 July, but the end was only
    recorded on 19 July: the window counts from that day. The ledger check holds, the provider
    still declares the first half of April on 20 July, the release job waits until the window
    closed and a line after it is refused."""
    klok(date(2026, 4, 16))
    toewijzing = gestart(route)
    registreer_verhuizing(jeugdige=route["jeugdige_zwolle"], gemeente=route["deventer"], per=date(2026, 4, 16))
    overdracht = Overdracht.objects.get(jeugdige=route["jeugdige_zwolle"])
    klok(date(2026, 7, 19))
    maart = declareer(
        route,
        [regel(toewijzing, "M3", maand=(2026, 3), begindatum=date(2026, 3, 2))],
        nummer="D-MAART",
        ingediend_op=_om(date(2026, 7, 19)),
    )
    assert [(r.status, r.afkeur, r.toelichting) for r in maart.regels.all()] == [("goedgekeurd", "", "")]
    bevestig_verhuisdatum(overdracht=overdracht, door=route["gebruikers"]["toegang_andere_gemeente"])
    beeindig_oude_toewijzing(regel=overdracht.regels.get(), door=route["gebruikers"]["toegang"])
    assert Toewijzing.objects.get(pk=toewijzing.pk).einddatum == date(2026, 4, 15)
    assert Budgetstand.objects.get(toewijzing=toewijzing).termijn_vanaf == date(2026, 7, 19)
    assert controleer_grootboeken() == []

    klok(date(2026, 7, 20))
    april = declareer(
        route,
        [regel(toewijzing, "A1", maand=(2026, 4), einddatum=date(2026, 4, 15), uren="5")],
        nummer="D-APRIL",
        ingediend_op=_om(date(2026, 7, 20)),
    )
    assert [(r.status, r.afkeur) for r in april.regels.all()] == [("goedgekeurd", "")]
    assert geef_verlopen_vrij(op=date(2026, 10, 18)).grootboeken == 0  # 19 July + 91 days: still open
    klok(date(2026, 10, 19))
    laat = declareer(
        route,
        [
            regel(
                toewijzing,
                "C1",
                maand=(2026, 4),
                einddatum=date(2026, 4, 15),
                uren="5",
                debet_credit="C",
                credit_referentie="A1",
            ),
            regel(toewijzing, "A2", maand=(2026, 4), einddatum=date(2026, 4, 15), uren="5"),
        ],
        nummer="D-LAAT",
        ingediend_op=_om(date(2026, 10, 19)),
    )
    # a credit still passes after the window; a debit is refused, with the day the window closed
    assert [(r.referentie, r.status) for r in laat.regels.order_by("referentie")] == [
        ("A2", "afgekeurd"),
        ("C1", "goedgekeurd"),
    ]
    assert "verstreken op 18-10-2026" in laat.regels.get(referentie="A2").toelichting
    assert geef_verlopen_vrij(op=date(2026, 10, 19)).grootboeken == 1
    assert controleer_grootboeken() == []


def test_stop_achteraf_sluit_de_declaratietermijn_niet(route, klok):
    """R-B7 for the other end dated in the past: April care approved on 15 August; on 1 September
    the provider reports that care stopped on 30 April. The window after 30 April (91 days) closed
    on 30 July, before the line was approved: it counts from the day the stop was reported, so the
    approved line stays within it and the rest is released only after 1 December."""
    toewijzing = gestart(route)
    klok(date(2026, 8, 15))
    declareer(route, [regel(toewijzing, "A1", maand=(2026, 4))], nummer="D-APRIL", ingediend_op=_om(date(2026, 8, 15)))
    klok(date(2026, 9, 1))
    stop_zorg(
        toewijzing=toewijzing,
        stopdatum=date(2026, 4, 30),
        reden="31",
        resultaatscore="behaald",
        overleg_met_verwijzer=True,
        door=route["gebruikers"]["aanbieder"],
    )
    assert Budgetstand.objects.get(toewijzing=toewijzing).termijn_vanaf == date(2026, 9, 1)
    assert controleer_grootboeken() == []
    assert geef_verlopen_vrij(op=date(2026, 12, 1)).bedrag == Decimal("0")
    assert geef_verlopen_vrij(op=date(2026, 12, 2)).bedrag > 0


# --- review of d9a6178 (an attacker's reading): each found sequence kept as a regression test ---


def test_zorg_zonder_startbericht_gaat_ook_alleen_met_bevestiging_over(route, klok):
    """R-D3 (review F1): a start is never needed for payment (iJw OP364), so care can be given and
    paid on an allocation that is still 'toegewezen'. Ending it for a move whose day has come
    needs Deventer's confirmation too; a started status is not the test, the days are."""
    from .builders.route import screen, verwijs

    verwijzing = verwijs(route)
    screen(route, verwijzing, op=verwijzing.datum)
    toewijzing = Toewijzing.objects.get(verwijzing=verwijzing)
    assert toewijzing.status == ToewijzingStatus.TOEGEWEZEN
    maart = declareer(
        route,
        [regel(toewijzing, "M3", maand=(2026, 3), begindatum=toewijzing.begindatum)],
        nummer="D-MAART",
        ingediend_op=_om(date(2026, 7, 19)),
    )
    assert [r.status for r in maart.regels.all()] == ["goedgekeurd"]
    klok(date(2026, 7, 19))
    registreer_verhuizing(jeugdige=route["jeugdige_zwolle"], gemeente=route["deventer"], per=date(2026, 4, 16))
    overdracht = Overdracht.objects.get(jeugdige=route["jeugdige_zwolle"])
    with pytest.raises(DomainError) as fout:
        beeindig_oude_toewijzing(regel=overdracht.regels.get(), door=route["gebruikers"]["toegang"])
    assert fout.value.code == "TW040"
    assert Toewijzing.objects.get(pk=toewijzing.pk).einddatum == toewijzing.einddatum


def test_vervallen_overdracht_beeindigt_niets_en_verliest_de_bevestiging(route):
    """R-D3 (review F2): Deventer confirmed; then the stay that began before the move is recorded,
    so the rule names Zwolle again and the handover lapses. The confirmation lapses with it, and
    Zwolle can no longer end its allocation through the lapsed handover (refused, nothing changes)."""
    from .builders.wonen import wonen

    toewijzing = gestart(route)
    registreer_verhuizing(jeugdige=route["jeugdige_zwolle"], gemeente=route["deventer"], per=date(2026, 6, 1))
    overdracht = Overdracht.objects.get(jeugdige=route["jeugdige_zwolle"])
    bevestig_verhuisdatum(overdracht=overdracht, door=route["gebruikers"]["toegang_andere_gemeente"])
    wonen(route)  # the stay from 2 March 2026, recorded after the move
    overdracht.refresh_from_db()
    assert (overdracht.status, overdracht.verhuisdatum_bevestigd_op) == ("vervallen", None)
    with pytest.raises(DomainError, match="de status is 'Vervallen'"):
        beeindig_oude_toewijzing(regel=overdracht.regels.get(), door=route["gebruikers"]["toegang"])
    assert Toewijzing.objects.get(pk=toewijzing.pk).einddatum == toewijzing.einddatum
    assert overdracht.regels.get().beeindigd_op is None


def test_stop_en_intrekken_van_de_stop_houden_de_termijn_niet_open(route, klok):
    """R-B7 (review F3): the allocation ends on 1 March 2027, its window (91 days) closes on
    31 May 2027. On that last day the provider reports a stop dated 1 February 2027, withdraws it
    and reports it again the next day: the window never moves later than it was, so a debit on
    1 June is refused and the release job releases the rest."""
    from jeugdregie.toewijzingen.services.zorgcorrectie import trek_stop_in

    toewijzing = gestart(route)
    aanbieder = route["gebruikers"]["aanbieder"]

    def stop():
        stop_zorg(
            toewijzing=Toewijzing.objects.get(pk=toewijzing.pk),
            stopdatum=date(2027, 2, 1),
            reden="31",
            resultaatscore="behaald",
            overleg_met_verwijzer=True,
            door=aanbieder,
        )

    for dag in (date(2027, 5, 31), date(2027, 6, 1)):
        klok(dag)
        stop()
        trek_stop_in(toewijzing=Toewijzing.objects.get(pk=toewijzing.pk), door=aanbieder)
        stop()
        stand = Budgetstand.objects.get(toewijzing=toewijzing)
        assert stand.termijn_vanaf in (None, date(2027, 3, 1)), stand.termijn_vanaf
        trek_stop_in(toewijzing=Toewijzing.objects.get(pk=toewijzing.pk), door=aanbieder)
    laat = declareer(
        route, [regel(toewijzing, "L1", maand=(2026, 4))], nummer="D-L", ingediend_op=_om(date(2027, 6, 1))
    )
    assert [(r.status, r.afkeur) for r in laat.regels.all()] == [("afgekeurd", "DEC022")]
    assert geef_verlopen_vrij(op=date(2027, 6, 1)).grootboeken == 1
    assert controleer_grootboeken() == []


def test_aanpassing_kort_de_periode_niet_in_met_terugwerkende_kracht(route):
    """R-B7 with R-D3 (review F4): deciding a request 'deels toegekend' with an end date before
    today is refused with a Dutch message and nothing changes; today or later is accepted."""
    from jeugdregie.toewijzingen.constants import AanpassingReden, AanpassingStatus
    from jeugdregie.verwijzingen.models import Keuzebudget

    from .builders.aanpassen import aanvraag, besluit

    toewijzing = gestart(route)
    vraag = aanvraag(route, toewijzing.verwijzing, AanpassingReden.HULP_SLAAT_NIET_AAN, gevraagd_bedrag="6000")
    with pytest.raises(DomainError, match=r"ligt in het verleden.*Kies vandaag") as fout:
        besluit(route, vraag, AanpassingStatus.DEELS_TOEGEKEND, toegekende_einddatum=date(2026, 5, 7))
    assert fout.value.field == "toegekende_einddatum"
    assert Keuzebudget.objects.get().einddatum == toewijzing.einddatum
    besluit(route, vraag, AanpassingStatus.DEELS_TOEGEKEND, toegekende_einddatum=date(2026, 5, 8))
    assert Keuzebudget.objects.get().einddatum == date(2026, 5, 8)


def test_regel_zonder_dagen_na_de_verhuizing_is_klaar_zonder_bevestiging(route, klok):
    """R-D3 (review F4, the other half): the provider stopped care before the moving day, so the
    old allocation holds nothing to hand over. Ending its line marks it done (no confirmation, no
    change to the allocation), and Deventer can close the handover."""
    from jeugdregie.overdracht.services import rond_overdracht_af

    from .builders.grootboek import stop_volgens_plan

    toewijzing = gestart(route)
    registreer_verhuizing(jeugdige=route["jeugdige_zwolle"], gemeente=route["deventer"], per=date(2026, 6, 1))
    overdracht = Overdracht.objects.get(jeugdige=route["jeugdige_zwolle"])
    stop_volgens_plan(route, toewijzing, date(2026, 5, 20))
    klok(date(2026, 6, 10))
    voor = Toewijzing.objects.values_list("status", "einddatum", "stopdatum_zorg").get(pk=toewijzing.pk)
    regel_ = beeindig_oude_toewijzing(regel=overdracht.regels.get(), door=route["gebruikers"]["toegang"])
    assert regel_.beeindigd_op == date(2026, 6, 10)
    assert Toewijzing.objects.values_list("status", "einddatum", "stopdatum_zorg").get(pk=toewijzing.pk) == voor
    rond_overdracht_af(
        overdracht=overdracht, door=route["gebruikers"]["toegang_andere_gemeente"], toelichting="Zorg was al gestopt."
    )
    assert Overdracht.objects.get(pk=overdracht.pk).status == "afgerond"
