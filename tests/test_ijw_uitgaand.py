"""Outbound iJw messages of the municipality (issue 5 §3): JW301 toewijzing and JW319 antwoord,
made by the outbox after the commit of the decision that caused them, exactly once."""

import logging
import threading
import time
from datetime import date

import pytest
from django.db import connection, transaction
from django.utils import timezone

from jeugdregie import abonnementen
from jeugdregie.beheersing.services import rollup
from jeugdregie.common.domein import NaCommit
from jeugdregie.crisis.services import besluit_crisisopvolging
from jeugdregie.ijw.constants import Berichtstatus, Berichttype, Richting
from jeugdregie.ijw.models import Bericht, Uitboxstart, Uitboxverwerking
from jeugdregie.ijw.services import uitbox
from jeugdregie.ijw.services.uitbox import verzamel
from jeugdregie.ijw.uitgaand import jw301
from jeugdregie.ijw.xml.schemas import is_geldig
from jeugdregie.ijw.xml.veilig import lees
from jeugdregie.toewijzingen.constants import AanpassingReden, AanpassingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services.intrekken import trek_toewijzing_in
from jeugdregie.verwijzingen.besluiten import GebeurtenisVastgelegd
from jeugdregie.verwijzingen.models import Gebeurtenis
from jeugdregie.verzoeken.services import (
    honoreer_met_verwijzing,
    wijs_verzoek_af,
    zet_in_onderzoek,
)

from .builders.aanpassen import aanvraag, besluit
from .builders.crisis import aanvraag as crisisaanvraag
from .builders.crisis import beoordeel, meld
from .builders.ijw.uitgaand import NS, jw315, producten, uit
from .builders.route import HERSTEL_3, gestart, screen, verwijs
from .builders.wonen import wonen

VANDAAG = date(2026, 5, 1)


@pytest.fixture(autouse=True)
def vandaag(monkeypatch, klok):
    """The message date: OP087 counts allocations valid on or after it. The server's clock stands
    on that day too: a decision dated after its message's Dagtekening fails TR134."""
    klok(VANDAAG)
    monkeypatch.setattr(uitbox, "vandaag", lambda: VANDAAG)


def antwoord(bericht):
    root = lees(bytes(bericht.inhoud))
    assert is_geldig(root, Berichttype.JW319)
    return {kind.tag.split("}")[1]: kind.text for kind in root.find("jw319:Antwoord", NS).iter() if len(kind) == 0}


def test_acceptatie_geeft_na_de_commit_een_geldige_jw301(route, django_capture_on_commit_callbacks):
    """Issue 5 §3, OP086: the accepted referral's allocation goes to the provider in one JW301,
    made after the commit; a keuzebudget as Budget in eurocents with its end date (CD075, CD077)."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        screen(route, verwijs(route))
        assert not Bericht.objects.exists()  # not before the commit
    # issue 16 §1: one after-commit run of the outbox per event, through Django's on_commit (and
    # of the control system's queue, issue 18 §2, and of the letters, issue 20 §2)
    # … and of the handover's re-assessment after a stopped stay, issue 20 §5)
    from jeugdregie.beschikkingen.services import inhalen as beschikkingen
    from jeugdregie.overdracht import services as overdracht

    assert [(type(c), c.abonnee) for c in callbacks] == [
        (NaCommit, uitbox.bij_gebeurtenis),
        (NaCommit, rollup.markeer_gebeurtenis),
        (NaCommit, beschikkingen.bij_gebeurtenis),
        (NaCommit, overdracht.bij_zorg_gestopt),
    ] * Gebeurtenis.objects.count()
    (bericht,) = uit(Berichttype.JW301)
    toewijzing = Toewijzing.objects.get()
    root = lees(bytes(bericht.inhoud))
    assert (bericht.afzender, bericht.ontvanger, bericht.status) == ("0193", route["aanbieder"].agb_code, "klaar")
    assert (bericht.jeugdige, bericht.toewijzing, bericht.gemeente) == (
        route["jeugdige_zwolle"],
        toewijzing,
        route["zwolle"],
    )
    assert root.findtext("jw301:Client/jw301:Bsn", namespaces=NS) == route["jeugdige_zwolle"].bsn
    assert root.findtext("jw301:Client/jw301:Naam/ijw:Geslachtsnaam/ijw:Achternaam", namespaces=NS) == "Zwolsma"
    gebeurtenis = Gebeurtenis.objects.get(gebeurtenis="toewijzing_aangemaakt")
    lokaal = timezone.localtime(toewijzing.aangemaakt)
    assert producten(bericht) == [
        {
            "ToewijzingNummer": str(toewijzing.pk),
            "Toewijzingsdatum": lokaal.date().isoformat(),
            "Toewijzingstijd": lokaal.strftime("%H:%M:%S"),
            "Ingangsdatum": "2026-03-02",
            "Einddatum": "2027-03-01",
            "Budget": "300000",
        }
    ]
    assert bericht.oorzaak == f"gebeurtenis:{gebeurtenis.pk}"
    assert Uitboxverwerking.objects.get(gebeurtenis=gebeurtenis).bericht == bericht


def test_jw301_draagt_alle_actuele_toewijzingen_van_client_bij_aanbieder(route, django_capture_on_commit_callbacks):
    """OP087: a second allocation (Wonen, R-W1) for the same client and provider goes together
    with the current allocations; Wonen as product code with 7 etmalen per week (CD041, CS338).
    The other provider's allocation is not in it. TR302 (issue 15 §3): the keuzebudget has no
    Product and overlaps the Wonen period, so the Wonen JW301 leaves the unchanged keuzebudget out
    (the provider holds it from the first JW301); the stylesheet passes both messages."""
    with django_capture_on_commit_callbacks(execute=True):
        screen(route, verwijs(route))
        elders = verwijs(
            route, door="toegang_andere_gemeente", jeugdige=route["jeugdige_deventer"], aanbieder="andere_aanbieder"
        )
        screen(route, elders, door="andere_aanbieder")
    with django_capture_on_commit_callbacks(execute=True):
        verblijf = wonen(route, begindatum=date(2026, 4, 1), einddatum=date(2026, 12, 31))
    eerste, tweede = uit(Berichttype.JW301)[0], uit(Berichttype.JW301)[2]
    budget = Toewijzing.objects.get(soort="keuzebudget", aanbieder=route["aanbieder"])
    assert [r["ToewijzingNummer"] for r in producten(eerste)] == [str(budget.pk)]
    regels = producten(tweede)
    assert [(r["ToewijzingNummer"], r.get("Budget"), r.get("Code")) for r in regels] == [
        (str(verblijf.pk), None, "44W05"),
    ]
    assert {k: regels[0][k] for k in ("Categorie", "Ingangsdatum", "Einddatum", "Volume", "Eenheid", "Frequentie")} == {
        "Categorie": "44",
        "Ingangsdatum": "2026-04-01",
        "Einddatum": "2026-12-31",
        "Volume": "7",
        "Eenheid": "14",
        "Frequentie": "2",
    }
    assert tweede.toewijzing == verblijf and len(uit(Berichttype.JW301)) == 3


def test_gehonoreerde_aanpassing_geeft_nieuwe_jw301_met_reden_wijziging(route, django_capture_on_commit_callbacks):
    """OP033x1/OP257: a granted adjustment changes the existing allocation and is sent in a new
    JW301: RedenWijziging 12 (JZ002: following the provider's request), the new budget, the new
    Toewijzingsdatum/-tijd, and the JW317 reference only on that first sending (TR379)."""
    with django_capture_on_commit_callbacks(execute=True):
        toewijzing = gestart(route)
    with django_capture_on_commit_callbacks(execute=True):
        verzoek = aanvraag(
            route,
            toewijzing.verwijzing,
            AanpassingReden.HULP_SLAAT_NIET_AAN,
            gevraagde_einddatum=date(2027, 6, 1),
            referentie_aanbieder="VOW-1",
        )
        besluit(route, verzoek, AanpassingStatus.TOEGEKEND)
    with django_capture_on_commit_callbacks(execute=True):  # after the budget's period: no stacking (TR302)
        wonen(route, begindatum=date(2027, 7, 1), einddatum=date(2027, 12, 31))
    eerste, aangepast, later = uit(Berichttype.JW301)
    besloten = timezone.localtime(Gebeurtenis.objects.get(gebeurtenis="aanpassing_besloten").tijdstip)
    assert "RedenWijziging" not in producten(eerste)[0]
    assert producten(aangepast) == [
        {
            "ToewijzingNummer": str(toewijzing.pk),
            "ReferentieAanbieder": "VOW-1",
            "Toewijzingsdatum": besloten.date().isoformat(),
            "Toewijzingstijd": besloten.strftime("%H:%M:%S"),
            "Ingangsdatum": "2026-03-02",
            "Einddatum": "2027-06-01",
            "RedenWijziging": "12",
            "Budget": "450000",
        }
    ]
    herhaald = producten(later)[0]
    assert (herhaald["RedenWijziging"], herhaald["Budget"], "ReferentieAanbieder" in herhaald) == (
        "12",
        "450000",
        False,
    )


def test_ingetrokken_toewijzing_gaat_eenmaal_als_verwijderd_mee(route, django_capture_on_commit_callbacks):
    """CS335/OP087: a withdrawn allocation (toegewezen → ingetrokken, before any care: OP362,
    TR385) goes once with Einddatum = Ingangsdatum and RedenWijziging 13, and is no longer current
    in the next JW301; the withdrawal is the toegang's service (toewijzingen.services.intrekken)."""
    with django_capture_on_commit_callbacks(execute=True):
        screen(route, verwijs(route))
    toewijzing = Toewijzing.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        trek_toewijzing_in(toewijzing=toewijzing, door=route["gebruikers"]["toegang"])
    with django_capture_on_commit_callbacks(execute=True):
        verblijf = wonen(route, begindatum=date(2026, 4, 1), einddatum=date(2026, 12, 31))
    _, verwijderd, daarna = uit(Berichttype.JW301)
    (regel,) = producten(verwijderd)
    assert (regel["ToewijzingNummer"], regel["Ingangsdatum"], regel["Einddatum"], regel["RedenWijziging"]) == (
        str(toewijzing.pk),
        "2026-03-02",
        "2026-03-02",
        "13",
    )
    assert [r["ToewijzingNummer"] for r in producten(daarna)] == [str(verblijf.pk)]


def test_crisisopvolging_gaat_als_productcategorie_zonder_omvang(crisis, django_capture_on_commit_callbacks):
    """CD079/CD080: crisisopvolging per hour has no allocated volume: Product with only its
    category, no Omvang, no Budget; allocated retroactively (R-C2), so sent although it ended."""
    with django_capture_on_commit_callbacks(execute=True):  # each transaction's run, as after real commits
        verzoek = crisisaanvraag(crisis, beoordeel(crisis, meld(crisis)), ingediend_op=date(2026, 4, 28))
    with django_capture_on_commit_callbacks(execute=True):
        besluit_crisisopvolging(
            verzoek=verzoek,
            toekennen=True,
            einddatum=date(2026, 4, 30),
            volume="20",
            door=crisis["gebruikers"]["toegang"],
        )
    (bericht,) = uit(Berichttype.JW301)
    (regel,) = producten(bericht)
    assert (regel["Categorie"], "Code" in regel, "Volume" in regel, "Budget" in regel) == ("46", False, False, False)
    assert (regel["Ingangsdatum"], regel["Einddatum"], bericht.ontvanger) == (
        "2026-04-24",
        "2026-04-30",
        crisis["crisisdienst"].agb_code,
    )


def test_verzamel_haalt_in_en_maakt_bij_herhaling_niets_nieuws(route, monkeypatch):
    """Issue 5 §3 exactly once: without the after-commit run, ``verzamel`` (manage.py ijw maak)
    catches up on all waiting decisions, round after round; run again, it makes nothing new (one
    message per decision: Bericht.oorzaak and Uitboxverwerking)."""
    monkeypatch.setattr(uitbox, "PER_RONDE", 1)
    screen(route, verwijs(route))  # the test transaction never commits: no after-commit run
    verblijf = wonen(route, begindatum=date(2026, 4, 1), einddatum=date(2026, 12, 31))
    assert not Bericht.objects.exists()
    gemaakt = verzamel()
    assert [(b.berichttype, b.toewijzing) for b in gemaakt] == [
        ("JW301", Toewijzing.objects.get(soort="keuzebudget")),
        ("JW301", verblijf),
    ]
    assert verzamel() == []
    assert Bericht.objects.filter(richting=Richting.UIT).count() == 2
    assert Uitboxverwerking.objects.count() == 2


def test_besluiten_van_voor_de_uitbox_worden_niet_verstuurd(route):
    """Issue 5 §3: only decisions after the outbox was switched on are sent (Uitboxstart)."""
    screen(route, verwijs(route))
    Uitboxstart.objects.all().delete()
    Uitboxstart.objects.create(vanaf_gebeurtenis_id=Gebeurtenis.objects.order_by("-id").first().pk)
    assert verzamel() == []
    assert not Bericht.objects.exists() and not Uitboxverwerking.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_na_een_echte_commit_staat_de_jw301_klaar(route):
    """Issue 5 §3: the message is made by the commit of the decision itself."""
    screen(route, verwijs(route))
    (bericht,) = uit(Berichttype.JW301)
    assert (bericht.status, bericht.toewijzing) == (Berichtstatus.KLAAR, Toewijzing.objects.get())


@pytest.mark.django_db(transaction=True)
def test_teruggedraaid_besluit_maakt_geen_bericht(route):
    """Issue 5 §3: a decision that is rolled back causes no message, now or later."""
    verwijzing = verwijs(route)
    with pytest.raises(RuntimeError), transaction.atomic():
        screen(route, verwijzing)
        raise RuntimeError("besluit teruggedraaid")
    assert not Toewijzing.objects.exists()
    assert verzamel() == []
    assert not Bericht.objects.filter(richting=Richting.UIT).exists()


@pytest.mark.django_db(transaction=True)
def test_mislukt_bericht_maakt_het_besluit_niet_ongedaan(route, monkeypatch, caplog):
    """Issue 5 §3: a failure building the message is logged and leaves the committed decision
    alone; ``verzamel`` (manage.py ijw maak) makes the message later."""

    def stuk(**_):
        raise RuntimeError("kapot")

    echt = jw301.bouw
    monkeypatch.setattr(jw301, "bouw", stuk)
    with caplog.at_level(logging.ERROR, logger="jeugdregie.ijw.services.uitbox"):
        screen(route, verwijs(route))
    toewijzing = Toewijzing.objects.get()
    assert toewijzing.status == "toegewezen"
    assert not Bericht.objects.exists() and not Uitboxverwerking.objects.exists()
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR] == ["ijw_uitbox_mislukt"]
    monkeypatch.setattr(jw301, "bouw", echt)
    (bericht,) = verzamel()
    assert (bericht.berichttype, bericht.toewijzing) == ("JW301", toewijzing)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_rondes_maken_een_bericht(route, monkeypatch):
    """Issue 5 §3 exactly once under concurrency: two outbox runs over the same decision make one
    message; the second waits on the first's Uitboxverwerking key, then skips (PostgreSQL)."""
    monkeypatch.setitem(abonnementen.NA_COMMIT, GebeurtenisVastgelegd, [])  # no after-commit run: the rounds race
    screen(route, verwijs(route))
    echt = jw301.bouw

    def traag(**velden):
        time.sleep(0.3)
        return echt(**velden)

    monkeypatch.setattr(jw301, "bouw", traag)
    gemaakt, start = [], threading.Barrier(2)

    def ronde(wacht):
        try:
            start.wait()
            time.sleep(wacht)
            gemaakt.append(len(verzamel()))
        finally:
            connection.close()

    threads = [threading.Thread(target=ronde, args=(wacht,)) for wacht in (0, 0.1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(gemaakt) == [0, 1]
    assert Bericht.objects.filter(richting=Richting.UIT).count() == 1 and Uitboxverwerking.objects.count() == 1


def test_jw319_in_onderzoek_en_daarna_afgewezen(route, django_capture_on_commit_callbacks):
    """Issue 5 §3, WJ760: a JW315 under investigation gets JW319 VerzoekAntwoord 2 without a
    reason (CD086); refused, JW319 VerzoekAntwoord 1 with the WJ759 reason (CD085); both with the
    request's ReferentieAanbieder (TR355)."""
    with django_capture_on_commit_callbacks(execute=True):
        verzoek = jw315(route)
    assert not uit(Berichttype.JW319)  # receiving the request is answered by JW316, not JW319
    with django_capture_on_commit_callbacks(execute=True):
        zet_in_onderzoek(verzoek=verzoek, door=route["gebruikers"]["toegang"])
    with django_capture_on_commit_callbacks(execute=True):
        wijs_verzoek_af(
            verzoek=verzoek, reden="4", toelichting="Niet in het contract.", door=route["gebruikers"]["toegang"]
        )
    onderzoek, afgewezen = uit(Berichttype.JW319)
    assert antwoord(onderzoek) == {"ReferentieAanbieder": "VOT-1", "VerzoekAntwoord": "2"}
    assert antwoord(afgewezen) == {"ReferentieAanbieder": "VOT-1", "VerzoekAntwoord": "1", "RedenAfwijzingVerzoek": "4"}
    assert (afgewezen.afzender, afgewezen.ontvanger, afgewezen.jeugdige) == (
        "0193",
        route["aanbieder"].agb_code,
        route["jeugdige_zwolle"],
    )


def test_toewijzing_op_gehonoreerd_jw315_draagt_de_referentie(route, django_capture_on_commit_callbacks):
    """TR379/OP274: the allocation that honours a JW315 answers it in JW301 with the request's
    ReferentieAanbieder, and no JW319 is sent for it (TR359)."""
    with django_capture_on_commit_callbacks(execute=True):
        verzoek = jw315(route)
    with django_capture_on_commit_callbacks(execute=True):
        verwijzing = honoreer_met_verwijzing(
            verzoek=verzoek,
            resultaten=["Zara gaat weer naar school."],
            budget=HERSTEL_3,
            datum=date(2026, 4, 1),
            door=route["gebruikers"]["toegang"],
        )
    with django_capture_on_commit_callbacks(execute=True):
        screen(route, verwijzing, op=date(2026, 4, 2))
    (bericht,) = uit(Berichttype.JW301)
    (regel,) = producten(bericht)
    assert (regel["ReferentieAanbieder"], regel["Budget"], regel["Ingangsdatum"]) == ("VOT-1", "300000", "2026-04-01")
    assert not uit(Berichttype.JW319)


def test_afwijzing_op_woonplaatsbeginsel_noemt_de_gemeente(route, django_capture_on_commit_callbacks):
    """OP359: refused on the woonplaatsbeginsel (WJ759 8), the answer names the municipality
    responsible at the requested start."""
    with django_capture_on_commit_callbacks(execute=True):
        verzoek = jw315(route, jeugdige="jeugdige_deventer")
    with django_capture_on_commit_callbacks(execute=True):
        wijs_verzoek_af(
            verzoek=verzoek, reden="8", toelichting="Woont in Deventer.", door=route["gebruikers"]["toegang"]
        )
    (bericht,) = uit(Berichttype.JW319)
    assert antwoord(bericht) == {
        "ReferentieAanbieder": "VOT-1",
        "VerzoekAntwoord": "1",
        "RedenAfwijzingVerzoek": "8",
        "Gemeente": "0150",
    }


def test_afgewezen_jw317_krijgt_jw319_en_portaalaanvraag_niet(route, django_capture_on_commit_callbacks):
    """OP346/TR355: a refused adjustment requested by JW317 is answered by JW319 (refused,
    WJ759 7 zorginhoudelijk); one requested on screen has no iJw reference and gets none."""
    with django_capture_on_commit_callbacks(execute=True):
        toewijzing = gestart(route)
    with django_capture_on_commit_callbacks(execute=True):
        portaal = aanvraag(route, toewijzing.verwijzing, AanpassingReden.HULP_SLAAT_NIET_AAN)
        besluit(route, portaal, AanpassingStatus.AFGEWEZEN)
    with django_capture_on_commit_callbacks(execute=True):
        ijw = aanvraag(route, toewijzing.verwijzing, AanpassingReden.HULP_SLAAT_NIET_AAN, referentie_aanbieder="VOW-7")
        besluit(route, ijw, AanpassingStatus.AFGEWEZEN)
    (bericht,) = uit(Berichttype.JW319)
    assert antwoord(bericht) == {"ReferentieAanbieder": "VOW-7", "VerzoekAntwoord": "1", "RedenAfwijzingVerzoek": "7"}
    assert bericht.toewijzing == toewijzing
    assert len(uit(Berichttype.JW301)) == 1  # only the allocation itself; refusals change nothing
    assert Uitboxverwerking.objects.get(gebeurtenis__object_id=portaal.pk, bericht=None).toelichting.startswith(
        "Aanvraag buiten iJw"
    )
