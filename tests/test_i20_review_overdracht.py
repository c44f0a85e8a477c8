"""Review of issue 20, the handover (R-D3) and its money (R-B7).

These tests are findings: they state what the rule requires and fail while the product breaks it.
"""

from datetime import date, datetime

import pytest

from jeugdregie.budgetten.models import Budgetmutatie, Budgetstand
from jeugdregie.common.errors import DomainError
from jeugdregie.ijw.constants import Berichttype
from jeugdregie.ijw.services import uitbox
from jeugdregie.jeugdigen.services import registreer_verhuizing
from jeugdregie.overdracht.models import Overdracht
from jeugdregie.overdracht.services import beeindig_oude_toewijzing, bevestig_verhuisdatum, rond_overdracht_af
from jeugdregie.toewijzingen.constants import ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing

from .builders.declaraties import TZ, declareer, regel
from .builders.ijw.uitgaand import producten, uit
from .builders.route import gestart


def test_verhuizing_met_datum_voor_het_begin_van_gestarte_zorg_verwijdert_de_toewijzing(
    route, klok, monkeypatch, django_capture_on_commit_callbacks
):
    """R-D3 with R-B7 and iJw TR385 (found by the issue 20 review, then an open case): the BRP move
    of Zara to Deventer on 1 February 2026 reaches the toegang in May; meanwhile Zwolle allocated
    on 2 March, care started on 9 March and April care was approved. Zwolle was never responsible,
    so the allocation is removed (JZ002 13), not ended: first refused while the April line stands
    (the Dutch message says to credit it and declare to Deventer; nothing changes), then, once
    credited, withdrawn with its ledger closed, sent as deleted (Einddatum = Ingangsdatum), no
    longer declarable (TR384), and the handover closes."""
    klok(date(2026, 5, 11))  # decisions on the message's day: a later Toewijzingsdatum fails TR134
    monkeypatch.setattr(uitbox, "vandaag", lambda: date(2026, 5, 11))
    with django_capture_on_commit_callbacks(execute=True):
        toewijzing = gestart(route)
    april = declareer(route, [regel(toewijzing, "A1", maand=(2026, 4))], nummer="D-APRIL")
    assert [r.status for r in april.regels.all()] == ["goedgekeurd"]
    registreer_verhuizing(jeugdige=route["jeugdige_zwolle"], gemeente=route["deventer"], per=date(2026, 2, 1))
    overdracht = Overdracht.objects.get(jeugdige=route["jeugdige_zwolle"])
    assert [r.toewijzing_id for r in overdracht.regels.all()] == [toewijzing.pk]
    zwolle, deventer = route["gebruikers"]["toegang"], route["gebruikers"]["toegang_andere_gemeente"]
    bevestig_verhuisdatum(overdracht=overdracht, door=deventer)  # R-D3: Deventer confirms the moving day

    def toestand():
        stand = Budgetstand.objects.get(toewijzing=toewijzing)
        return (
            Toewijzing.objects.values_list("status", "einddatum").get(pk=toewijzing.pk),
            (stand.vastgelegd, stand.goedgekeurd),
            Budgetmutatie.objects.count(),
            overdracht.regels.filter(beeindigd_op__isnull=False).count(),
        )

    voor = toestand()
    with pytest.raises(DomainError, match=r"regel A1, 01-04-2026 t/m 30-04-2026\).*vervalt.*crediteren"):
        beeindig_oude_toewijzing(regel=overdracht.regels.get(), door=zwolle)
    assert toestand() == voor

    declareer(
        route,
        [regel(toewijzing, "C1", maand=(2026, 4), debet_credit="C", credit_referentie="A1")],
        nummer="D-CREDIT",
        ingediend_op=datetime(2026, 5, 11, 11, 0, tzinfo=TZ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        beeindig_oude_toewijzing(regel=overdracht.regels.get(), door=zwolle)
    toewijzing.refresh_from_db()
    assert toewijzing.status == ToewijzingStatus.INGETROKKEN
    stand = Budgetstand.objects.get(toewijzing=toewijzing)
    assert stand.goedgekeurd == 0 and stand.vastgelegd == stand.goedgekeurd + stand.vrijgevallen
    (product,) = producten(uit(Berichttype.JW301)[-1])
    assert (product["ToewijzingNummer"], product["RedenWijziging"]) == (str(toewijzing.pk), "13")
    assert product["Einddatum"] == product["Ingangsdatum"] == f"{toewijzing.begindatum:%Y-%m-%d}"
    mei = declareer(route, [regel(toewijzing, "M1", maand=(2026, 5))], nummer="D-MEI")
    assert [r.status for r in mei.regels.all()] == ["afgekeurd"]
    rond_overdracht_af(overdracht=overdracht, door=deventer, toelichting="Hulp loopt via Deventer.")
    assert Overdracht.objects.get(pk=overdracht.pk).status == "afgerond"
