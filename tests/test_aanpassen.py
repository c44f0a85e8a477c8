"""Adjustment requests for a keuzebudget (SPEC §6, R-A1…R-A5) and the budget forecast (R-A3)."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from jeugdregie.common.errors import DomainError
from jeugdregie.toewijzingen.constants import AanpassingReden, AanpassingStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Screening, Toewijzing, Weigeringsopvolging
from jeugdregie.toewijzingen.prognose import prognose
from jeugdregie.toewijzingen.services import besluit_aanpassing
from jeugdregie.verwijzingen.models import Keuzebudget, Melding, Verwijzing

from .builders.aanpassen import _lever, aanvraag, besluit
from .builders.route import DATUM, gestart, screen, verwijs


def test_alleen_vier_redenen(route):
    """R-A4: only the four reasons exist."""
    assert AanpassingReden.values == ["1", "2", "3", "4"]
    toewijzing = gestart(route)
    with pytest.raises(DomainError) as fout:
        aanvraag(route, toewijzing.verwijzing, "5")
    assert fout.value.code == "TW013"


def test_reden_1_alleen_bij_screening(route):
    """R-A4 reason 1: only at screening, before care starts; the provider waits for the decision."""
    verwijzing = verwijs(route)
    eerste = aanvraag(route, verwijzing, AanpassingReden.KEUZEBUDGET_ONJUIST, op=DATUM)
    with pytest.raises(DomainError, match="wacht op het besluit"):
        screen(route, verwijzing)
    besluit(route, eerste, AanpassingStatus.TOEGEKEND, op=DATUM)
    assert Keuzebudget.objects.get().bedrag == Decimal("4500.00")
    screen(route, verwijzing)
    toewijzing = Toewijzing.objects.get()
    from jeugdregie.toewijzingen.services import start_zorg

    start_zorg(verwijzing=verwijzing, startdatum=DATUM, door=route["gebruikers"]["aanbieder"])
    with pytest.raises(DomainError, match="alleen bij de screening"):
        aanvraag(route, toewijzing.verwijzing, AanpassingReden.KEUZEBUDGET_ONJUIST)


def test_afwijzing_reden_1_beeindigt_screening_als_niet_geaccepteerd(route):
    """R-A5: a refusal on reason 1 ends the screening as not accepted. It is the toegang's
    decision, recorded on the adjustment: no Screening row (that would be the provider's refusal),
    the R-S3 follow-up opened on the adjustment, the referrer notified."""
    verwijzing = verwijs(route)
    eerste = aanvraag(route, verwijzing, AanpassingReden.KEUZEBUDGET_ONJUIST, op=DATUM)
    besluit(route, eerste, AanpassingStatus.AFGEWEZEN, op=DATUM)
    eerste.refresh_from_db()
    assert (eerste.status, eerste.besluit_op, eerste.besluit_door) == (
        "afgewezen",
        DATUM,
        route["gebruikers"]["toegang"],
    )
    assert Verwijzing.objects.get().status == "niet_geaccepteerd"
    assert not Screening.objects.exists()
    opvolging = Weigeringsopvolging.objects.get()
    assert (opvolging.aanpassing, opvolging.screening, opvolging.open, opvolging.door_toegang) == (
        eerste,
        None,
        True,
        True,
    )
    assert list(Weigeringsopvolging.objects.van_verwijzing(verwijzing)) == [opvolging]
    melding = Melding.objects.get()
    assert (melding.aan_gemeente, melding.aan_verwijzer, melding.onderwerp) == (
        route["zwolle"],
        None,
        f"Verwijzing {verwijzing.pk} niet geaccepteerd: de toegang wees aanpassing {eerste.pk} (keuzebudget "
        "onjuist) af",
    )
    assert Keuzebudget.objects.get().bedrag == Decimal("3000.00")
    assert not Toewijzing.objects.exists()


def test_reden_2_uiterlijk_zes_maanden_na_start(route):
    """R-A4 reason 2: at the latest 6 months after the start (start 9 March 2026)."""
    toewijzing = gestart(route)
    with pytest.raises(DomainError, match="6 maanden"):
        aanvraag(route, toewijzing.verwijzing, AanpassingReden.HULP_SLAAT_NIET_AAN, op=date(2026, 9, 10))
    assert aanvraag(route, toewijzing.verwijzing, AanpassingReden.HULP_SLAAT_NIET_AAN, op=date(2026, 9, 9)).pk


def test_reden_2_niet_voor_de_start(route):
    verwijzing = verwijs(route)
    screen(route, verwijzing)
    with pytest.raises(DomainError, match="tijdens lopende hulp"):
        aanvraag(route, verwijzing, AanpassingReden.HULP_SLAAT_NIET_AAN)


def test_reden_3_eerst_besproken_met_toegang(route):
    """R-A4 reason 3: discussed with the toegang before acting."""
    toewijzing = gestart(route)
    with pytest.raises(DomainError, match="eerst met de toegang"):
        aanvraag(route, toewijzing.verwijzing, AanpassingReden.GEWIJZIGDE_OMSTANDIGHEDEN)
    gedaan = aanvraag(
        route, toewijzing.verwijzing, AanpassingReden.GEWIJZIGDE_OMSTANDIGHEDEN, besproken_met_toegang=True
    )
    assert gedaan.status == "ingediend"


def test_reden_4_tweede_aanbieder_krijgt_eigen_keuzebudget_na_besluit_toegang(route):
    """R-A4 reason 4 / R-T5: a second provider, its own keuzebudget, only by toegang decision."""
    toewijzing = gestart(route)
    with pytest.raises(DomainError, match="tweede aanbieder"):
        aanvraag(route, toewijzing.verwijzing, AanpassingReden.MEERDERE_AANBIEDERS)
    vraag = aanvraag(
        route,
        toewijzing.verwijzing,
        AanpassingReden.MEERDERE_AANBIEDERS,
        tweede_aanbieder=route["andere_aanbieder"],
        gevraagd_bedrag="1500",
    )
    besluit(route, vraag, AanpassingStatus.TOEGEKEND)
    tweede = Verwijzing.objects.get(aanbieder=route["andere_aanbieder"])
    assert tweede.keuzebudget.bedrag == Decimal("1500.00") and tweede.keuzebudget.is_offerte
    assert tweede.status == "te_screenen"  # the second provider screens too


def test_alleen_toegang_van_de_gemeente_beslist(route):
    """R-A2, issue 3 bad input: a decision by a user of another municipality changes nothing."""
    toewijzing = gestart(route)
    vraag = aanvraag(route, toewijzing.verwijzing, AanpassingReden.HULP_SLAAT_NIET_AAN)
    for door in ("toegang_andere_gemeente", "aanbieder", "contractmanager"):
        with pytest.raises(DomainError) as fout:
            besluit(route, vraag, AanpassingStatus.TOEGEKEND, door=door)
        assert fout.value.code == "TW011"
    assert Aanpassingsaanvraag.objects.get().status == "ingediend"
    assert Keuzebudget.objects.get().bedrag == Decimal("3000.00")
    with pytest.raises(DomainError, match="Alleen de aanbieder"):
        aanvraag(route, toewijzing.verwijzing, AanpassingReden.HULP_SLAAT_NIET_AAN, door="toegang")


def test_besluit_met_motivering_en_deels(route):
    """R-A5: honoured, partly or refused, always with motivation."""
    toewijzing = gestart(route)
    vraag = aanvraag(
        route,
        toewijzing.verwijzing,
        AanpassingReden.HULP_SLAAT_NIET_AAN,
        gevraagd_bedrag="6000",
        gevraagde_einddatum=date(2027, 3, 1),
    )
    with pytest.raises(DomainError, match="Motiveer"):
        besluit(route, vraag, AanpassingStatus.DEELS_TOEGEKEND, motivering=" ", toegekend_bedrag="4000")
    besloten = besluit(route, vraag, AanpassingStatus.DEELS_TOEGEKEND, toegekend_bedrag="4000")
    assert (besloten.status, besloten.toegekend_bedrag) == ("deels_toegekend", Decimal("4000.00"))
    assert Keuzebudget.objects.get().bedrag == Decimal("4000.00")
    with pytest.raises(DomainError) as fout:
        besluit(route, vraag, AanpassingStatus.AFGEWEZEN)
    assert fout.value.code == "TW010"


def test_prognose_in_geld_en_tijd(route):
    """R-A3: run rate and expected exhaustion in money and in time, and the 8-week point."""
    toewijzing = gestart(route)  # € 3,000, start 9 March 2026, end 1 March 2027
    p = prognose(toewijzing, op=date(2026, 3, 31))
    assert (p.besteed, p.uitgeput_op, p.achtwekenpunt) == (Decimal("0.00"), date(2027, 3, 1), date(2027, 1, 4))
    _lever(toewijzing, date(2026, 3, 1), 6)  # € 516 in 23 days
    _lever(toewijzing, date(2026, 4, 1), 6)  # € 1,032 by 30 April (53 days)
    p = prognose(toewijzing, op=date(2026, 4, 30))
    assert p.besteed == Decimal("1032.00") and p.benutting == Decimal("34.4")
    assert p.per_dag == Decimal("19.47")
    assert p.uitgeput_op_geld == date(2026, 8, 9)  # 1968 / 19.4716… = 101 days
    assert p.achtwekenpunt == date(2026, 6, 14)


def test_late_aanvraag_wordt_gemarkeerd(route):
    """R-A3: less than 8 weeks before the budget is reached (here in money) → late."""
    toewijzing = gestart(route)
    _lever(toewijzing, date(2026, 3, 1), 6)
    _lever(toewijzing, date(2026, 4, 1), 6)
    op_tijd = aanvraag(route, toewijzing.verwijzing, AanpassingReden.HULP_SLAAT_NIET_AAN, op=date(2026, 4, 30))
    assert op_tijd.te_laat is False
    besluit(route, op_tijd, AanpassingStatus.AFGEWEZEN)
    _lever(toewijzing, date(2026, 5, 1), 15)
    laat = aanvraag(route, toewijzing.verwijzing, AanpassingReden.HULP_SLAAT_NIET_AAN, op=date(2026, 5, 31))
    assert laat.te_laat is True


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_besluiten_precies_een_slaagt(route):
    """Issue 3 §7: two users deciding the same request at the same moment: exactly one succeeds
    (PostgreSQL, two connections)."""
    from .factories import GebruikerFactory

    toewijzing = gestart(route)
    vraag = aanvraag(route, toewijzing.verwijzing, AanpassingReden.HULP_SLAAT_NIET_AAN, gevraagd_bedrag="5000")
    tweede_toegang = GebruikerFactory(rol="toegang", gemeente=route["zwolle"])
    uitkomsten, start = [], threading.Barrier(2)

    def beslis(gebruiker, soort):
        try:
            start.wait()
            besluit_aanpassing(aanvraag=vraag, besluit=soort, motivering="Gelijktijdig.", door=gebruiker)
            uitkomsten.append("ok")
        except DomainError as fout:
            uitkomsten.append(fout.code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=beslis, args=(route["gebruikers"]["toegang"], AanpassingStatus.TOEGEKEND)),
        threading.Thread(target=beslis, args=(tweede_toegang, AanpassingStatus.AFGEWEZEN)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(uitkomsten) == ["TW010", "ok"]
    vraag.refresh_from_db()
    verwacht = Decimal("5000.00") if vraag.status == "toegekend" else Decimal("3000.00")
    assert Keuzebudget.objects.get(verwijzing=vraag.verwijzing).bedrag == verwacht


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_starts_precies_een_slaagt(route):
    """Issue 3 §7: starting the same care at the same moment: exactly one succeeds."""
    from jeugdregie.toewijzingen.services import start_zorg

    from .factories import GebruikerFactory

    verwijzing = verwijs(route)
    screen(route, verwijzing)
    collega = GebruikerFactory(aanbieder_rol=True, aanbieder=route["aanbieder"])
    uitkomsten, start = [], threading.Barrier(2)

    def begin(gebruiker):
        try:
            start.wait()
            start_zorg(verwijzing=verwijzing, startdatum=DATUM, door=gebruiker)
            uitkomsten.append("ok")
        except DomainError as fout:
            uitkomsten.append(fout.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=begin, args=(g,)) for g in (route["gebruikers"]["aanbieder"], collega)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(uitkomsten) == ["TW010", "ok"]
    assert Toewijzing.objects.get().status == "gestart"


def test_aanpassing_zonder_wijziging_wordt_geweigerd(route):
    """R-A1: adjustment is the exception; a request must ask for another amount or end date."""
    toewijzing = gestart(route)
    with pytest.raises(DomainError, match=r"ander bedrag of een andere einddatum aan\."):
        aanvraag(route, toewijzing.verwijzing, AanpassingReden.HULP_SLAAT_NIET_AAN, gevraagd_bedrag=None)
    assert not Aanpassingsaanvraag.objects.exists()
