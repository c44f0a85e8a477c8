"""Wonen/Verblijf zorgtoewijzing (SPEC §4.3)."""

from datetime import date

import pytest

from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.verwijzingen.models import Verwijzing
from jeugdregie.wonen.services.toewijzen import wijzig_intensiteit

from .builders.wonen import BEGIN, wonen
from .factories import JeugdigeFactory

INGANG = date(2026, 6, 1)


def _niets():
    assert not Toewijzing.objects.exists() and not Verwijzing.objects.exists()


def test_zorgtoewijzing_wonen_door_toegang(route):
    """R-W1/R-W3: intensity + at most one year, by the toegang."""
    toewijzing = wonen(route)
    assert (toewijzing.soort, toewijzing.product.intensiteit, toewijzing.woonvorm) == ("wonen_verblijf", 5, "leefgroep")
    assert (toewijzing.begindatum, toewijzing.einddatum, toewijzing.status) == (BEGIN, date(2027, 3, 1), "toegewezen")


@pytest.mark.parametrize("door", ["aanbieder", "huisarts", "gi"])
def test_andere_verwijzers_kunnen_wonen_alleen_aanvragen(route, door):
    """R-W1: any other referrer can only request Wonen-Verblijf at the toegang."""
    with pytest.raises(DomainError, match="kunnen die alleen aanvragen bij de toegang"):
        wonen(route, door=door)
    _niets()


def test_wonen_duurt_hooguit_een_jaar(route):
    """R-W3."""
    with pytest.raises(DomainError, match="maximaal een jaar"):
        wonen(route, einddatum=date(2027, 3, 2))
    _niets()


def test_ambulant_onvoldoende_moet_vastgelegd(route):
    """R-W3: before allocating, the toegang records that ambulant care alone is not enough."""
    with pytest.raises(DomainError, match="ambulante hulp alleen niet volstaat"):
        wonen(route, ambulant_onvoldoende=False)
    with pytest.raises(DomainError, match="tien Wonen/Verblijf-intensiteiten"):
        wonen(route, product="45A03")
    _niets()


def test_gedwongen_plaatsing_vraagt_gi_maatregel_en_machtiging(route):
    """R-W2."""
    with pytest.raises(DomainError, match="gedwongen plaatsing"):
        wonen(route, plaatsing="gedwongen")
    toewijzing = wonen(
        route,
        plaatsing="gedwongen",
        gi=route["gi"],
        maatregel="ots",
        machtiging_van=date(2026, 3, 1),
        machtiging_tot=date(2026, 12, 31),
    )
    assert (toewijzing.plaatsing, toewijzing.maatregel, toewijzing.verwijzing.verwijzer_type) == (
        "gedwongen",
        "ots",
        "04",
    )


def test_leeftijdsgrenzen_per_woonvorm(route):
    """R-W7: ends at 18 without a ground; future plan from 16. R-W11: with the toegang's ground a
    leefgroep runs on after 21 as verlengde jeugdhulp, like the family forms (tests/test_wonen_verlengd.py)."""
    zeventien = JeugdigeFactory(gemeente=route["zwolle"], geboortedatum=date(2009, 1, 1))
    with pytest.raises(DomainError, match="toekomstplan"):
        wonen(route, jeugdige=zeventien, einddatum=date(2026, 12, 31))
    with pytest.raises(DomainError, match="wordt 18 op 01-01-2027"):
        wonen(route, jeugdige=zeventien, toekomstplan=True)
    assert wonen(route, jeugdige=zeventien, toekomstplan=True, einddatum=date(2026, 12, 31)).pk
    twintig = JeugdigeFactory(gemeente=route["zwolle"], geboortedatum=date(2005, 6, 1))
    assert wonen(route, jeugdige=twintig, toekomstplan=True, grond_18plus="verlengde_jeugdhulp").woonvorm == "leefgroep"
    twintig = JeugdigeFactory(gemeente=route["zwolle"], geboortedatum=date(2005, 6, 1))
    assert (
        wonen(route, jeugdige=twintig, product="44W04", toekomstplan=True, grond_18plus="verlengde_jeugdhulp").woonvorm
        == "gezinshuis"
    )


def test_intensiteit_wijzigen_vraagt_toestemming_verwijzer(route):
    """R-W8: consent always; to or from pleegzorg/gezinshuis a change means a move. OP257: the
    change is dated and gives a new allocation from that date."""
    leefgroep = wonen(route)
    zwaarder = Product.objects.get(code="44W04")
    with pytest.raises(DomainError, match="toestemming van de verwijzer"):
        wijzig_intensiteit(
            toewijzing=leefgroep,
            product=zwaarder,
            ingangsdatum=INGANG,
            door=route["gebruikers"]["toegang"],
            toestemming_verwijzer=False,
        )
    assert list(Toewijzing.objects.values_list("product__code", "einddatum")) == [("44W05", date(2027, 3, 1))]
    gezinshuis = wonen(route, product="44W04", jeugdige=route["jeugdige_deventer"], door="toegang_andere_gemeente")
    with pytest.raises(DomainError, match="verhuizing"):
        wijzig_intensiteit(
            toewijzing=gezinshuis,
            product=Product.objects.get(code="44W05"),
            ingangsdatum=INGANG,
            door=route["gebruikers"]["toegang_andere_gemeente"],
            toestemming_verwijzer=True,
        )
    with pytest.raises(DomainError, match="andere gemeente"):
        wijzig_intensiteit(
            toewijzing=gezinshuis,
            product=Product.objects.get(code="44W05"),
            ingangsdatum=INGANG,
            door=route["gebruikers"]["toegang"],
            toestemming_verwijzer=True,
            met_verhuizing=True,
        )
    with pytest.raises(DomainError, match="verhuizing"):  # leefgroep → gezinshuis is a move too
        wijzig_intensiteit(
            toewijzing=leefgroep,
            product=zwaarder,
            ingangsdatum=INGANG,
            door=route["gebruikers"]["toegang"],
            toestemming_verwijzer=True,
        )
    assert Toewijzing.objects.count() == 2
    gewijzigd = wijzig_intensiteit(
        toewijzing=leefgroep,
        product=zwaarder,
        ingangsdatum=INGANG,
        door=route["gebruikers"]["toegang"],
        toestemming_verwijzer=True,
        met_verhuizing=True,
    )
    assert (gewijzigd.product.code, gewijzigd.woonvorm, gewijzigd.begindatum, gewijzigd.einddatum) == (
        "44W04",
        "gezinshuis",
        INGANG,
        date(2027, 3, 1),
    )
    leefgroep.refresh_from_db()
    assert (leefgroep.product.code, leefgroep.einddatum) == ("44W05", date(2026, 5, 31))


def test_zelfde_intensiteit_overlappend_bij_dezelfde_aanbieder_kan_niet(route):
    """iJw TR302 (issue 15 §3): a second allocation of the same Wonen product for the same child
    at the same provider may not overlap the current one; after it, or another intensity, can."""
    eerste = wonen(route, begindatum=date(2026, 3, 2), einddatum=date(2026, 8, 31))
    with pytest.raises(DomainError) as fout:
        wonen(route, begindatum=date(2026, 8, 31), einddatum=date(2026, 12, 31))
    assert (
        fout.value.field == "begindatum"
        and "mogen elkaar volgens de iJw-standaard niet overlappen" in fout.value.message
    )
    assert "02-03-2026 tot en met 31-08-2026" in fout.value.message
    assert list(Toewijzing.objects.values_list("pk", flat=True)) == [eerste.pk]
    wonen(route, begindatum=date(2026, 9, 1), einddatum=date(2026, 12, 31))
    assert Toewijzing.objects.count() == 2
