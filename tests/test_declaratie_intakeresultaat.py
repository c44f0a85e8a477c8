"""Issue 16 §4: the intake returns its result instead of letting adapters infer it: whether a
declaration is new or a replay (it was guessed by comparing timestamps) and its rejected lines
(the JW325 builder read them back from the database)."""

from __future__ import annotations

from jeugdregie.declaraties.services.intake import Afgewezen, dien_declaratie_in

from .builders.declaraties import INGEDIEND, regel
from .builders.route import gestart


def _dien_in(route, regels, ingediend_op=INGEDIEND):
    return dien_declaratie_in(
        aanbieder=route["aanbieder"],
        gemeente=route["zwolle"],
        nummer="D-1",
        regels=regels,
        door=route["gebruikers"]["aanbieder"],
        ingediend_op=ingediend_op,
    )


def test_nieuw_met_afgewezen_regels_en_een_herhaling_met_dezelfde_uitkomst(route):
    toewijzing = gestart(route)
    regels = [regel(toewijzing, "R1"), regel(toewijzing, "R2", maand=(2025, 1))]  # R2 before the allocation
    eerste = _dien_in(route, regels)
    assert eerste.nieuw is True
    assert [(a.volgnummer, bool(a.afkeur), bool(a.toelichting)) for a in eerste.afgewezen] == [(2, True, True)]
    opgeslagen = eerste.declaratie.regels.get(volgnummer=2)
    assert eerste.afgewezen == (Afgewezen(2, opgeslagen.afkeur, opgeslagen.toelichting),)

    herhaling = _dien_in(route, regels, ingediend_op=INGEDIEND.replace(hour=INGEDIEND.hour + 1))
    assert herhaling.nieuw is False  # the same number and lines again: the first outcome
    assert herhaling.declaratie.pk == eerste.declaratie.pk and herhaling.afgewezen == eerste.afgewezen
    assert herhaling.declaratie.goedgekeurd_bedrag == eerste.declaratie.goedgekeurd_bedrag
