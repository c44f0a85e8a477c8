"""Issue 17 §2: reminders of the iJw answer deadlines (OP274 JW315, OP346 JW317). Every morning
the municipality gets one notification per open request whose answer is due by the next working
day or overdue; once per request and deadline; ids and dates only in the subject."""

from __future__ import annotations

from datetime import date

from jeugdregie.taken import tasks
from jeugdregie.toewijzingen.constants import AanpassingStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag
from jeugdregie.toewijzingen.services.herinneringen import herinner_verzoeken_om_wijziging
from jeugdregie.verwijzingen.models import Melding
from jeugdregie.verzoeken.constants import RedenAfwijzingVerzoek
from jeugdregie.verzoeken.models import Toewijzingsverzoek
from jeugdregie.verzoeken.services import herinner_verzoeken_om_toewijzing, wijs_verzoek_af, zet_in_onderzoek

from .builders.ijw import verzoek as jw315
from .builders.ijw import wijziging as jw317
from .builders.route import gestart
from .klok import moment


def _meldingen() -> list[tuple[str, int | None, int]]:
    return list(Melding.objects.order_by("id").values_list("onderwerp", "aan_gemeente_id", "jeugdige_id"))


def _twee_verzoeken(route, klok) -> tuple[Toewijzingsverzoek, Toewijzingsverzoek]:
    """Two JW315 requests received on Wednesday 1 April 2026: due Friday 10 April (5 working
    days; Good Friday and Easter Monday do not count)."""
    klok(date(2026, 4, 1))
    jw315.stuur(route)
    eerste, tweede = Toewijzingsverzoek.objects.order_by("id")
    return eerste, tweede


def test_op274_termijn_die_morgen_verloopt_en_verstreken_termijn_krijgen_elk_een_herinnering(route, klok):
    """OP274: on Thursday 9 April the request due Friday 10 April and a request overdue since
    27 March each get one reminder for the municipality; running again makes none more."""
    eerste, tweede = _twee_verzoeken(route, klok)
    Toewijzingsverzoek.objects.filter(pk=tweede.pk).update(ontvangen_op=moment(date(2026, 3, 20)))

    nieuw = herinner_verzoeken_om_toewijzing(op=date(2026, 4, 9))

    gemeente, jeugdige = eerste.gemeente_id, eerste.jeugdige_id
    assert _meldingen() == [
        (f"Antwoordtermijn JW315 verzoek {tweede.pk} verstreken op 27-03-2026", gemeente, jeugdige),
        (f"Antwoordtermijn JW315 verzoek {eerste.pk} verloopt op 10-04-2026", gemeente, jeugdige),
    ]
    assert [m.pk for m in nieuw] == list(Melding.objects.order_by("id").values_list("pk", flat=True))
    assert all(eerste.jeugdige.bsn not in m.onderwerp for m in nieuw)

    assert herinner_verzoeken_om_toewijzing(op=date(2026, 4, 9)) == []
    assert herinner_verzoeken_om_toewijzing(op=date(2026, 4, 10)) == []  # same deadlines, next morning
    assert Melding.objects.count() == 2


def test_op274_termijn_na_de_volgende_werkdag_krijgt_nog_geen_herinnering(route, klok):
    """On Wednesday 8 April the next working day is Thursday 9 April: a deadline on Friday
    10 April is not yet reminded."""
    _twee_verzoeken(route, klok)
    assert herinner_verzoeken_om_toewijzing(op=date(2026, 4, 8)) == []
    assert not Melding.objects.exists()


def test_op274_beantwoord_verzoek_krijgt_geen_herinnering(route, klok):
    """A refused request (answered by JW319) is no longer open: no reminder, also when overdue."""
    eerste, tweede = _twee_verzoeken(route, klok)
    for verzoek in (eerste, tweede):
        wijs_verzoek_af(
            verzoek=verzoek,
            reden=RedenAfwijzingVerzoek.BUDGET,
            toelichting="Past niet.",
            door=route["gebruikers"]["toegang"],
        )
    assert herinner_verzoeken_om_toewijzing(op=date(2026, 4, 13)) == []
    assert not Melding.objects.exists()


def test_op274_in_onderzoek_is_een_nieuwe_termijn_met_een_eigen_herinnering(route, klok):
    """After "in onderzoek" the deadline is 8 weeks after receipt (27 May): one more reminder
    when that falls due, not before."""
    eerste, _ = _twee_verzoeken(route, klok)
    assert len(herinner_verzoeken_om_toewijzing(op=date(2026, 4, 9))) == 2
    zet_in_onderzoek(verzoek=eerste, door=route["gebruikers"]["toegang"])
    assert herinner_verzoeken_om_toewijzing(op=date(2026, 4, 9)) == []
    assert herinner_verzoeken_om_toewijzing(op=date(2026, 5, 25)) == []
    [nieuw] = herinner_verzoeken_om_toewijzing(op=date(2026, 5, 26))
    assert nieuw.onderwerp == f"Antwoordtermijn JW315 verzoek {eerste.pk} verloopt op 27-05-2026"
    # issue 19 §3: its kind (by e-mail by default) and the request's page as link
    assert (nieuw.soort, nieuw.get_absolute_url()) == ("antwoordtermijn", f"/route/verzoeken/{eerste.pk}/")


def test_op346_verzoek_om_wijziging_krijgt_eenmaal_een_herinnering_en_beslist_geen(route, monkeypatch):
    """OP346: a JW317 received Friday 1 May is due Friday 8 May; reminded on Thursday 7 May,
    once; a decided one gets none."""
    monkeypatch.setattr(jw317.timezone, "now", lambda: jw317.NU)
    toewijzing = gestart(route)
    jw317.stuur(route, jw317.jw317(route, te_wijzigen=[jw317.wijziging(toewijzing)]))
    aanvraag = Aanpassingsaanvraag.objects.get()
    assert herinner_verzoeken_om_wijziging(op=date(2026, 5, 6)) == []
    [melding] = herinner_verzoeken_om_wijziging(op=date(2026, 5, 7))
    assert (melding.onderwerp, melding.aan_gemeente_id, melding.jeugdige_id) == (
        f"Antwoordtermijn JW317 verzoek {aanvraag.pk} verloopt op 08-05-2026",
        aanvraag.verwijzing.gemeente_id,
        aanvraag.verwijzing.jeugdige_id,
    )
    assert (melding.soort, melding.get_absolute_url()) == ("antwoordtermijn", f"/route/aanpassingen/{aanvraag.pk}/")
    assert herinner_verzoeken_om_wijziging(op=date(2026, 5, 11)) == []
    Aanpassingsaanvraag.objects.update(status=AanpassingStatus.AFGEWEZEN)
    Melding.objects.filter(pk=melding.pk).delete()
    assert herinner_verzoeken_om_wijziging(op=date(2026, 5, 11)) == []


def test_herinneringstaak_maakt_de_meldingen_eenmaal(route, klok):
    """The daily task (07:00) runs both services under the lease; run again it makes none."""
    _twee_verzoeken(route, klok)
    klok(date(2026, 4, 9))
    assert tasks.termijnherinneringen() == {"taak": tasks.TERMIJNHERINNERINGEN, "uitkomst": "klaar", "aantal": 2}
    assert tasks.termijnherinneringen()["aantal"] == 0
    assert Melding.objects.count() == 2
