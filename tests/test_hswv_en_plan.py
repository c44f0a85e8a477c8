"""HSWV inzet (SPEC §4.5, R-X1) and the hulpverleningsplan (SPEC §7, R-H2)."""

from datetime import date

import pytest

from jeugdregie.common.errors import DomainError
from jeugdregie.hswv.models import HswvInzet
from jeugdregie.hswv.services import rond_hswv_af, zet_hswv_in
from jeugdregie.hulpverlening.models import Hulpverleningsplan, Voortgang
from jeugdregie.hulpverlening.services import registreer_voortgang, stel_plan_op
from jeugdregie.jeugdigen.models import Betrokkenheid
from jeugdregie.organisaties.services import registreer_contract

from .builders.route import gestart
from .factories import AanbiederFactory

COMPLEX = "Meervoudige problematiek in het gezin; eerdere trajecten bij drie aanbieders vastgelopen."


@pytest.fixture
def hswv(route):
    collectief = AanbiederFactory(naam="HSWV-collectief IJsselland")
    registreer_contract(
        aanbieder=collectief,
        nummer="C-HSWV",
        begindatum=date(2022, 1, 1),
        einddatum=date(2027, 12, 31),
        productcodes=["50H01", "45A05", "44W05"],
    )
    route["collectief"] = collectief
    return route


def inzet(hswv, door="toegang", jeugdige="jeugdige_zwolle", collectief="collectief", **extra):
    return zet_hswv_in(
        jeugdige=hswv[jeugdige],
        collectief=hswv[collectief],
        onderdelen=extra.pop("onderdelen", ["screening", "organiseren"]),
        complexiteit=extra.pop("complexiteit", COMPLEX),
        begindatum=date(2026, 5, 1),
        door=hswv["gebruikers"][door],
    )


def test_toegang_zet_hswv_in(hswv):
    """R-X1: the toegang calls on the HSWV collective; the collective gets sight of the young person."""
    ingezet = inzet(hswv)
    assert (ingezet.verwijzer_type, ingezet.onderdelen, ingezet.status) == (
        "01",
        ["organiseren", "screening"],
        "lopend",
    )
    assert Betrokkenheid.objects.filter(jeugdige=hswv["jeugdige_zwolle"], aanbieder=hswv["collectief"]).exists()
    rond_hswv_af(inzet=ingezet, einddatum=date(2026, 9, 1), door=hswv["gebruikers"]["toegang"])
    ingezet.refresh_from_db()
    assert (ingezet.status, ingezet.einddatum) == ("afgerond", date(2026, 9, 1))


def test_gi_zet_hswv_in(hswv):
    """R-X1: a GI can call on the collective too."""
    assert inzet(hswv, door="gi", jeugdige="jeugdige_deventer").verwijzer_type == "04"


@pytest.mark.parametrize("door", ["huisarts", "aanbieder", "contractmanager"])
def test_alleen_toegang_of_gi(hswv, door):
    """R-X1: only the toegang or a GI."""
    with pytest.raises(DomainError, match="Alleen de toegang of een GI kan het HSWV-collectief inzetten"):
        inzet(hswv, door=door)
    assert not HswvInzet.objects.exists()


def test_hswv_vraagt_complexiteit_en_contract(hswv):
    """R-X1: for very complex requests, and only with a collective contracted for HSWV."""
    with pytest.raises(DomainError, match="zeer complexe"):
        inzet(hswv, complexiteit="  ")
    with pytest.raises(DomainError, match="ten minste één onderdeel"):
        inzet(hswv, onderdelen=[])
    with pytest.raises(DomainError, match="geen contract"):
        inzet(hswv, collectief="aanbieder")
    with pytest.raises(DomainError, match="andere gemeente"):
        inzet(hswv, jeugdige="jeugdige_deventer")
    assert not HswvInzet.objects.exists()


def _aanpak(toewijzing, tekst="Wekelijkse gesprekken met Zara en school."):
    return {r.pk: tekst for r in toewijzing.verwijzing.resultaten.all()}


def test_plan_met_jeugdige_per_resultaat(route):
    """R-H2: drawn up with the young person, aligned to every result of the referral."""
    toewijzing = gestart(route, resultaten=["Naar school", "Rust thuis"])
    aanbieder = route["gebruikers"]["aanbieder"]
    with pytest.raises(DomainError, match="samen met de jeugdige"):
        stel_plan_op(
            toewijzing=toewijzing,
            aanpak=_aanpak(toewijzing),
            opgesteld_op=date(2026, 3, 9),
            met_jeugdige=False,
            door=aanbieder,
        )
    onvolledig = _aanpak(toewijzing)
    onvolledig[max(onvolledig)] = ""
    with pytest.raises(DomainError, match="elk resultaat"):
        stel_plan_op(
            toewijzing=toewijzing, aanpak=onvolledig, opgesteld_op=date(2026, 3, 9), met_jeugdige=True, door=aanbieder
        )
    assert not Hulpverleningsplan.objects.exists()
    plan = stel_plan_op(
        toewijzing=toewijzing,
        aanpak=_aanpak(toewijzing),
        opgesteld_op=date(2026, 3, 9),
        met_jeugdige=True,
        door=aanbieder,
    )
    assert plan.afspraken.count() == 2 and plan.versie == 1
    herzien = stel_plan_op(
        toewijzing=toewijzing,
        aanpak=_aanpak(toewijzing, "Anders"),
        opgesteld_op=date(2026, 5, 1),
        met_jeugdige=True,
        door=aanbieder,
    )
    assert herzien.versie == 2 and set(herzien.afspraken.values_list("aanpak", flat=True)) == {"Anders"}


def test_plan_alleen_door_eigen_aanbieder(route):
    """R-H2: the provider of the allocation draws up the plan."""
    toewijzing = gestart(route)
    with pytest.raises(DomainError, match="Alleen de aanbieder"):
        stel_plan_op(
            toewijzing=toewijzing,
            aanpak=_aanpak(toewijzing),
            opgesteld_op=date(2026, 3, 9),
            met_jeugdige=True,
            door=route["gebruikers"]["andere_aanbieder"],
        )


def test_voortgang_per_resultaat(route):
    """R-H2: progress is monitored and recorded in the plan, per result."""
    toewijzing = gestart(route)
    aanbieder = route["gebruikers"]["aanbieder"]
    plan = stel_plan_op(
        toewijzing=toewijzing,
        aanpak=_aanpak(toewijzing),
        opgesteld_op=date(2026, 3, 9),
        met_jeugdige=True,
        door=aanbieder,
    )
    resultaat = toewijzing.verwijzing.resultaten.get()
    registreer_voortgang(plan=plan, resultaat=resultaat, datum=date(2026, 4, 9), stand="op_koers", door=aanbieder)
    with pytest.raises(DomainError, match="voor het plan"):
        registreer_voortgang(plan=plan, resultaat=resultaat, datum=date(2026, 3, 1), stand="op_koers", door=aanbieder)
    assert list(Voortgang.objects.values_list("stand", flat=True)) == ["op_koers"]
