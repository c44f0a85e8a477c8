"""Verlengde jeugdhulp in Wonen/Verblijf (R-W11, R-W7) and the Wonen rule parameters on the
region (age limits, R-W5 matching norms): seed 001 §4.2.2.4 "Beëindiging Wonen"."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from jeugdregie.catalogus.constants import Woonvorm
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.admin import RegelsetInline
from jeugdregie.organisaties.models import Regelset
from jeugdregie.organisaties.regelset import regels
from jeugdregie.organisaties.regelset_views import RegelsetForm
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.verwijzingen.models import Verwijzing
from jeugdregie.wonen.constants import INTENSITEITEN_PER_WOONVORM
from jeugdregie.wonen.services.plaatsing import start_matching
from jeugdregie.wonen.services.toewijzen import wijzig_intensiteit
from jeugdregie.wonen.werkvoorraad import leeftijdsgrens_in_zicht, matching_over_norm

from .builders.regelset import zet_regels
from .builders.wonen import BEGIN, wonen
from .factories import JeugdigeFactory

EINDE = date(2027, 3, 1)  # BEGIN + one year - 1 day
# a product per form on the provider's contract (the fixture adds 44W01, 44W07, 43W10)
PRODUCT_PER_VORM = {
    vorm: next(
        code
        for code, intensiteit in (("44W05", 5), ("44W04", 4), ("44W01", 1), ("44W07", 7), ("43W10", 10))
        if intensiteit in INTENSITEITEN_PER_WOONVORM[vorm]
    )
    for vorm in Woonvorm
    if vorm != Woonvorm.KAMERTRAINING  # intensities 2 and 3 only: not on the contract
}
NIET_GEZIN = [Woonvorm.LEEFGROEP, Woonvorm.RESPIJTZORG, Woonvorm.CRISISBED, Woonvorm.GGZ_BED]


@pytest.fixture
def route(route):
    """The `route` with the provider's contract also holding pleegzorg (1), zwaar (7) and JZ+ (10)."""
    from jeugdregie.organisaties.models import Contract, ContractProduct

    contract = Contract.objects.get(nummer="C-A")
    ContractProduct.objects.bulk_create(
        ContractProduct(contract=contract, product=p, begindatum=contract.begindatum, einddatum=contract.einddatum)
        for p in Product.objects.filter(code__in=["44W01", "44W07", "43W10"])
    )
    return route


def _jeugdige(route, geboren: date):
    return JeugdigeFactory(gemeente=route["zwolle"], geboortedatum=geboren)


def _regio(route, **velden) -> Regelset:
    return zet_regels(route["zwolle"].regio_id, **velden)  # R-R1: the region's rule set


def _niets():
    assert not Toewijzing.objects.exists() and not Verwijzing.objects.exists()


@pytest.mark.parametrize("vorm", [*NIET_GEZIN, Woonvorm.GEZINSHUIS, Woonvorm.PLEEGZORG_LANGDURIG])
def test_verlengde_jeugdhulp_tot_22_met_grond_van_de_toegang(route, vorm):
    """R-W11: after 18 the toegang can allocate every form as verlengde jeugdhulp up to 23: a
    leefgroep (or respijtzorg, a bed, a family form) running to the age of 22 with the toegang's
    recorded ground passes, and the ground is kept on the referral (R-T3). Before R-W11 only the
    family forms could run past 21."""
    eenentwintig = _jeugdige(route, date(2004, 6, 1))  # 21 at BEGIN, 22 at EINDE
    toewijzing = wonen(
        route,
        jeugdige=eenentwintig,
        product=PRODUCT_PER_VORM[vorm],
        woonvorm=vorm,
        toekomstplan=True,
        grond_18plus="verlengde_jeugdhulp",
    )
    assert (toewijzing.woonvorm, toewijzing.einddatum, toewijzing.verwijzing.grond_18plus) == (
        vorm,
        EINDE,
        "verlengde_jeugdhulp",
    )


@pytest.mark.parametrize("vorm", [Woonvorm.LEEFGROEP, Woonvorm.RESPIJTZORG, Woonvorm.GEZINSHUIS])
def test_na_18_zonder_grond_geweigerd_niets_opgeslagen(route, vorm):
    """R-W11/R-W7: past the 18th birthday only by the toegang's decision with a recorded ground;
    without it the allocation is refused with a message saying what to fix, nothing saved. For a
    leefgroep or respijtzorg the message names verlengde jeugdhulp in consultation with the toegang."""
    zeventien = _jeugdige(route, date(2009, 1, 1))  # 18 on 01-01-2027, inside the year
    with pytest.raises(DomainError, match="wordt 18 op 01-01-2027") as fout:
        wonen(route, jeugdige=zeventien, product=PRODUCT_PER_VORM[vorm], woonvorm=vorm, toekomstplan=True)
    assert fout.value.field == "grond_18plus"
    assert "tot en met 31-12-2026" in fout.value.message
    if vorm == Woonvorm.GEZINSHUIS:
        assert "tot 21 jaar (landelijke afspraken)" in fout.value.message
    else:
        assert "verlengde jeugdhulp tot 23 jaar, in overleg met de toegang" in fout.value.message
    eenentwintig = _jeugdige(route, date(2004, 6, 1))
    with pytest.raises(DomainError, match="Geef de grond voor hulp na 18 jaar op"):
        wonen(route, jeugdige=eenentwintig, product=PRODUCT_PER_VORM[vorm], woonvorm=vorm, toekomstplan=True)
    with pytest.raises(DomainError, match="Onbekende grond"):
        wonen(route, jeugdige=eenentwintig, woonvorm=vorm, product=PRODUCT_PER_VORM[vorm], grond_18plus="onzin")
    _niets()


@pytest.mark.parametrize("vorm", list(PRODUCT_PER_VORM))
def test_na_23_geweigerd_voor_elke_vorm(route, vorm):
    """R-W11: never on or after the 23rd birthday, for every form and whatever the ground: the end
    date must lie before it (before R-W11 a family form could run past 23), and a start at 23 is
    outside the target group (R-T3). Nothing saved; the day before the birthday still fits."""
    tweeentwintig = _jeugdige(route, date(2004, 1, 1))  # 22 at BEGIN, 23 on 01-01-2027
    velden = {"product": PRODUCT_PER_VORM[vorm], "woonvorm": vorm, "toekomstplan": True}
    for grond in ("verlengde_jeugdhulp", "toestemming_gemeente"):
        with pytest.raises(DomainError, match="wordt 23 op 01-01-2027") as fout:
            wonen(route, jeugdige=tweeentwintig, grond_18plus=grond, **velden)
        assert fout.value.field == "einddatum" and "tot en met 31-12-2026" in fout.value.message
    drieentwintig = _jeugdige(route, date(2003, 1, 1))
    with pytest.raises(DomainError, match="tot 23 jaar"):
        wonen(
            route,
            jeugdige=drieentwintig,
            einddatum=date(2026, 12, 31),
            grond_18plus="verlengde_jeugdhulp",
            **velden,
        )
    _niets()
    assert wonen(
        route, jeugdige=tweeentwintig, einddatum=date(2026, 12, 31), grond_18plus="verlengde_jeugdhulp", **velden
    ).pk


def test_intensiteit_wijzigen_na_21_houdt_de_grond(route):
    """R-W11 with R-W8: a leefgroep of a 21-year-old on verlengde jeugdhulp may change intensity:
    the ground recorded on the referral carries the new allocation (before R-W11 refused after 21)."""
    eenentwintig = _jeugdige(route, date(2004, 6, 1))
    oud = wonen(route, jeugdige=eenentwintig, toekomstplan=True, grond_18plus="verlengde_jeugdhulp")
    nieuw = wijzig_intensiteit(
        toewijzing=oud,
        product=Product.objects.get(code="44W07"),
        ingangsdatum=date(2026, 6, 1),
        door=route["gebruikers"]["toegang"],
        toestemming_verwijzer=True,
    )
    assert (nieuw.woonvorm, nieuw.einddatum) == ("leefgroep", EINDE)


def test_leeftijdsgrenzen_zijn_regio_instellingen(route):
    """R-W11/R-W7 as rule parameters on the region (seed values 16, 18, 21, 23 by default;
    issue 22 makes them per year): changing a region field changes the outcome."""
    regio = regels(route["zwolle"].regio_id, BEGIN)
    assert (
        regio.toekomstplan_vanaf_leeftijd,
        regio.wonen_grens_leeftijd,
        regio.gezinsvorm_verlenging_tot_leeftijd,
        regio.verlengde_jeugdhulp_tot_leeftijd,
    ) == (16, 18, 21, 23)
    eenentwintig = _jeugdige(route, date(2004, 6, 1))  # 22 on 01-06-2026
    velden = {"jeugdige": eenentwintig, "toekomstplan": True, "grond_18plus": "verlengde_jeugdhulp"}
    _regio(route, verlengde_jeugdhulp_tot_leeftijd=22)
    with pytest.raises(DomainError, match="wordt 22 op 01-06-2026"):
        wonen(route, **velden)
    _niets()
    _regio(route, verlengde_jeugdhulp_tot_leeftijd=23)
    assert wonen(route, **velden).pk

    zestien = _jeugdige(route, date(2009, 6, 1))  # 16 at BEGIN, 17 at EINDE
    with pytest.raises(DomainError, match="Vanaf 16 jaar is een toekomstplan vereist"):
        wonen(route, jeugdige=zestien, door="toegang")
    _regio(route, wonen_grens_leeftijd=17, toekomstplan_vanaf_leeftijd=17)
    with pytest.raises(DomainError, match="wordt 17 op 01-06-2026"):
        wonen(route, jeugdige=zestien)
    _regio(route, wonen_grens_leeftijd=18)
    assert wonen(route, jeugdige=zestien, begindatum=date(2026, 3, 2)).toekomstplan is False


def test_regio_leeftijdsgrenzen_oplopend(route):
    """R-W11: the region's limits may not fall (toekomstplan ≤ 18 ≤ 21 ≤ 23); the admin form gives
    a Dutch message on the field to fix."""
    regio = regels(route["zwolle"].regio_id, BEGIN)
    regio.verlengde_jeugdhulp_tot_leeftijd = 20
    with pytest.raises(ValidationError) as fout:
        regio.clean()
    assert fout.value.message_dict == {
        "verlengde_jeugdhulp_tot_leeftijd": [
            "De leeftijd voor verlengde jeugdhulp (20) ligt onder die voor verlenging pleegzorg en gezinshuis (21). "
            "Kies 21 jaar of ouder."
        ]
    }
    regio.verlengde_jeugdhulp_tot_leeftijd = 23
    regio.clean()


def test_regio_instellingen_in_beheer(route):
    """The region settings, the Wonen ones included, are all shown where the region is kept (R-R1:
    the admin's rule-set inline names every field of a version, so none drops out) and all edited
    in the beheerder's form for a new version."""
    velden = set(RegelsetInline.fields) - {"geldig_vanaf", "vastgesteld_door", "vastgesteld_op"}
    bewerkbaar = {f.name for f in Regelset._meta.concrete_fields if f.editable and not f.primary_key}
    assert velden == bewerkbaar - {"regio", "geldig_vanaf", "vastgesteld_door", "vastgesteld_op"}
    assert velden == set(RegelsetForm().fields) - {"geldig_vanaf"}
    assert {
        "toekomstplan_vanaf_leeftijd",
        "wonen_grens_leeftijd",
        "gezinsvorm_verlenging_tot_leeftijd",
        "verlengde_jeugdhulp_tot_leeftijd",
        "matching_norm_dagen",
        "matching_norm_respijtzorg_dagen",
    } <= velden


def test_leeftijdsgrens_in_zicht_per_vorm(route):
    """R-W11/R-W7 worklist: a running leefgroep on verlengde jeugdhulp shows before the 23rd
    birthday (the region's limit), not at 21 (a family-form limit); a gezinshuis shows at 21, and
    no longer when the region moves that limit."""
    gemeente = route["zwolle"].pk
    grond = {"toekomstplan": True, "grond_18plus": "verlengde_jeugdhulp"}
    # 23 on 01-02-2027: the allocation ends the day before, and the end is in sight
    bijna_23 = wonen(route, jeugdige=_jeugdige(route, date(2004, 2, 1)), einddatum=date(2027, 1, 31), **grond)
    bijna_21_leefgroep = wonen(route, jeugdige=_jeugdige(route, date(2006, 2, 1)), **grond)
    bijna_21_gezinshuis = wonen(route, jeugdige=_jeugdige(route, date(2006, 2, 1)), product="44W04", **grond)
    op = date(2027, 1, 1)
    gevonden = leeftijdsgrens_in_zicht(gemeente, op=op)
    assert set(gevonden) == {bijna_23, bijna_21_gezinshuis} and bijna_21_leefgroep not in gevonden
    _regio(route, gezinsvorm_verlenging_tot_leeftijd=22)
    assert leeftijdsgrens_in_zicht(gemeente, op=op) == [bijna_23]
    _regio(route, verlengde_jeugdhulp_tot_leeftijd=24)
    assert leeftijdsgrens_in_zicht(gemeente, op=op) == []


def test_matchingnormen_zijn_regio_instellingen(route):
    """R-W5 (with R-W10): the matching norms are the region's (91 and, for respijtzorg, 14 days
    by default); changing them changes which matchings are over the norm."""
    aanbieder = route["gebruikers"]["aanbieder"]
    leefgroep = start_matching(toewijzing=wonen(route), startdatum=BEGIN, door=aanbieder)
    respijt = start_matching(
        toewijzing=wonen(
            route, jeugdige=route["jeugdige_deventer"], door="toegang_andere_gemeente", woonvorm="respijtzorg"
        ),
        startdatum=BEGIN,
        door=aanbieder,
    )
    assert (leefgroep.norm, respijt.norm) == (timedelta(days=91), timedelta(days=14))
    op = BEGIN + timedelta(days=31)
    assert matching_over_norm(route["zwolle"].pk, op=op) == []
    _regio(route, matching_norm_dagen=30, matching_norm_respijtzorg_dagen=7)
    assert matching_over_norm(route["zwolle"].pk, op=op) == [leefgroep]
    respijt = type(respijt).objects.select_related("toewijzing__gemeente__regio").get(pk=respijt.pk)
    assert respijt.norm == timedelta(days=7) and respijt.over_norm(BEGIN + timedelta(days=8))
    assert not respijt.over_norm(BEGIN + timedelta(days=7))


def test_regio_instellingen_wijzigen_in_de_admin(client, route):
    """R-W11 and R-W5 settings are edited with the other region settings (R-R1: the beheerder's
    form for a new version of the rule set): a valid change is saved, falling age limits are
    refused with the Dutch message and nothing saved."""
    client.force_login(route["gebruikers"]["beheerder"])
    regio = route["zwolle"].regio_id
    url = "/organisaties/regelset/nieuw/"
    pagina = client.get(url).content.decode()
    assert "Nieuwe versie van de regelset" in pagina
    assert 'name="verlengde_jeugdhulp_tot_leeftijd"' in pagina and 'name="matching_norm_respijtzorg_dagen"' in pagina
    velden = {**regels(regio, vandaag()).waarden(), "geldig_vanaf": vandaag().isoformat()}
    antwoord = client.post(url, {**velden, "verlengde_jeugdhulp_tot_leeftijd": 20})
    assert antwoord.status_code == 200
    assert "ligt onder die voor verlenging pleegzorg en gezinshuis (21)" in antwoord.content.decode()
    assert regels(regio, vandaag()).verlengde_jeugdhulp_tot_leeftijd == 23
    antwoord = client.post(url, {**velden, "matching_norm_dagen": 60})
    assert antwoord.status_code == 302
    assert regels(regio, vandaag()).matching_norm_dagen == 60
