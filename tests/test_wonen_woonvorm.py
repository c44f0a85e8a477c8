"""R-W10: Wonen, Verblijf and respijtzorg are recorded as their form, chosen by the toegang apart
from the intensity; norms (R-W5) and the family-forms indicator use the form."""

import importlib
import random
from datetime import date, timedelta

import pytest
from django.apps import apps

from jeugdregie.catalogus.constants import GEZINSVORMEN, RESIDENTIEEL, VERBLIJF, WONEN, Woonvorm
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.synthese.wonen import WOONVORM_GEWICHT
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.wonen.constants import INTENSITEITEN_PER_WOONVORM
from jeugdregie.wonen.services.plaatsing import start_matching
from jeugdregie.wonen.services.toewijzen import wijzig_intensiteit
from jeugdregie.wonen.werkvoorraad import matching_over_norm

from .builders.wonen import BEGIN, wonen

INGANG = date(2026, 6, 1)


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


def test_woonvorm_los_van_intensiteit_vastgelegd(route):
    """R-W10: one intensity (5, Wonen-Verblijf licht) holds a leefgroep, respijtzorg or a
    treatment bed as the toegang chooses; before R-W10 every intensity 5 became a leefgroep."""
    vormen = ["respijtzorg", "behandelbed", "leefgroep"]
    gemaakt = [
        wonen(
            route,
            woonvorm=vorm,
            begindatum=BEGIN + timedelta(days=i * 100),
            einddatum=BEGIN + timedelta(days=i * 100 + 50),
        )
        for i, vorm in enumerate(vormen)
    ]
    assert [(t.product.intensiteit, t.woonvorm) for t in gemaakt] == [(5, v) for v in vormen]
    assert list(Toewijzing.objects.order_by("begindatum").values_list("woonvorm", flat=True)) == vormen


@pytest.mark.parametrize(
    ("product", "woonvorm", "melding"),
    [
        ("44W05", "gezinshuis", "Gezinshuis past niet bij intensiteit 5"),
        ("44W05", "netwerkpleegzorg", "Netwerkpleegzorg past niet bij intensiteit 5"),
        ("43W10", "leefgroep", "Leefgroep past niet bij intensiteit 10"),
        ("44W01", "respijtzorg", "Respijtzorg past niet bij intensiteit 1"),
        ("44W05", "zolderkamer", "Onbekende woonvorm"),
    ],
)
def test_woonvorm_moet_passen_bij_intensiteit(route, product, woonvorm, melding):
    """R-W10: the form must fit the intensity (seed 001 §4.4.2: 1 pleegzorg, 4 gezinshuis, 10
    JeugdzorgPlus); otherwise a Dutch error naming the forms that fit, and nothing is recorded."""
    with pytest.raises(DomainError, match=melding) as fout:
        wonen(route, product=product, woonvorm=woonvorm)
    assert fout.value.field == "woonvorm"
    assert "Kies bij deze intensiteit" in fout.value.message or "Onbekende" in fout.value.message
    assert not Toewijzing.objects.exists()


def test_zonder_keuze_de_vorm_van_het_product(route):
    """R-W10: without a chosen form the product's form is recorded (as before R-W10): pleegzorg
    for 1, gezinshuis for 4, JeugdzorgPlus for 10, a leefgroep otherwise."""
    assert wonen(route, product="44W04").woonvorm == Woonvorm.GEZINSHUIS
    assert wonen(
        route, product="43W10", jeugdige=route["jeugdige_deventer"], door="toegang_andere_gemeente"
    ).woonvorm == (Woonvorm.JEUGDZORG_PLUS)


def test_respijtzorg_matchingnorm_bereikbaar(route):
    """R-W10 with R-W5: a respijtzorg matching has the much shorter norm (14 days) and reaches the
    toegang's worklist; the same intensity as a leefgroep keeps the three months."""
    aanbieder = route["gebruikers"]["aanbieder"]
    respijt = start_matching(toewijzing=wonen(route, woonvorm="respijtzorg"), startdatum=BEGIN, door=aanbieder)
    leefgroep = start_matching(
        toewijzing=wonen(route, jeugdige=route["jeugdige_deventer"], door="toegang_andere_gemeente"),
        startdatum=BEGIN,
        door=aanbieder,
    )
    assert respijt.norm == timedelta(days=14) and leefgroep.norm == timedelta(days=91)
    op = BEGIN + timedelta(days=15)
    assert respijt.over_norm(op) and not respijt.over_norm(BEGIN + timedelta(days=14))
    assert not leefgroep.over_norm(op)
    assert matching_over_norm(route["zwolle"].pk, op=op) == [respijt]


def test_intensiteit_wijzigen_houdt_de_woonvorm(route):
    """R-W10 with R-W8: respijtzorg changes intensity without a move and stays respijtzorg; a
    named form that does not fit the new intensity is refused."""
    respijt = wonen(route, woonvorm="respijtzorg")
    toegang = route["gebruikers"]["toegang"]
    zwaarder = Product.objects.get(code="44W07")
    with pytest.raises(DomainError, match="Kamertraining past niet bij intensiteit 7"):
        wijzig_intensiteit(
            toewijzing=respijt,
            product=zwaarder,
            ingangsdatum=INGANG,
            door=toegang,
            toestemming_verwijzer=True,
            woonvorm="kamertraining",
        )
    nieuw = wijzig_intensiteit(
        toewijzing=respijt, product=zwaarder, ingangsdatum=INGANG, door=toegang, toestemming_verwijzer=True
    )
    assert (nieuw.product.intensiteit, nieuw.woonvorm) == (7, "respijtzorg")


def test_indeling_gezinsvormen_residentieel_en_verblijf():
    """R-W10, seed 001 §3.2.1: Wonen is the family forms plus leefgroep/kamertraining; respijtzorg
    and every bed are Verblijf, in neither side of CON08; every form fits some intensity."""
    assert Woonvorm.RESPIJTZORG in VERBLIJF and Woonvorm.BEHANDELBED in VERBLIJF
    assert Woonvorm.JEUGDZORG_PLUS in VERBLIJF and Woonvorm.GGZ_BED in VERBLIJF and Woonvorm.CRISISBED in VERBLIJF
    assert {Woonvorm.NETWERKPLEEGZORG, Woonvorm.PLEEGZORG_DEELTIJD, Woonvorm.GEZINSHUIS} <= GEZINSVORMEN
    assert {Woonvorm.LEEFGROEP, Woonvorm.KAMERTRAINING} == RESIDENTIEEL
    assert not (GEZINSVORMEN & RESIDENTIEEL) and not (WONEN & VERBLIJF) and set(Woonvorm) == WONEN | VERBLIJF
    assert set(INTENSITEITEN_PER_WOONVORM) == set(Woonvorm)
    assert all(INTENSITEITEN_PER_WOONVORM.values())


def test_migratie_zet_bestaande_rijen_volgens_de_oude_afleiding(route):
    """R-W10 data step (toewijzingen 0017): existing Wonen allocations keep today's derived form
    (the product's form, else leefgroep); the generic ``verblijf`` becomes JeugdzorgPlus on
    intensity 10, otherwise a crisisbed; other allocations are left alone."""
    leeg = wonen(route)
    jzplus = wonen(route, product="43W10", jeugdige=route["jeugdige_deventer"], door="toegang_andere_gemeente")
    gezinshuis = wonen(route, product="44W04", begindatum=date(2027, 4, 1), einddatum=date(2027, 9, 30))
    Toewijzing.objects.filter(pk=leeg.pk).update(woonvorm="")
    Toewijzing.objects.filter(pk=jzplus.pk).update(woonvorm="verblijf")
    Toewijzing.objects.filter(pk=gezinshuis.pk).update(woonvorm="")
    migratie = importlib.import_module("jeugdregie.toewijzingen.migrations.0017_woonvorm_los_van_intensiteit")
    migratie.zet_woonvorm(apps, None)
    assert dict(Toewijzing.objects.values_list("pk", "woonvorm")) == {
        leeg.pk: "leefgroep",
        jzplus.pk: "jeugdzorg_plus",
        gezinshuis.pk: "gezinshuis",
    }


def test_catalogusmigratie_zet_verblijf_om(route):
    """R-W10 data step (catalogus 0002): a product's generic ``verblijf`` becomes its form."""
    Product.objects.filter(code__in=["43W10", "46C03"]).update(woonvorm="verblijf")
    migratie = importlib.import_module("jeugdregie.catalogus.migrations.0003_woonvorm_r_w10")
    migratie.verblijf_naar_vorm(apps, None)
    assert dict(Product.objects.filter(code__in=["43W10", "46C03"]).values_list("code", "woonvorm")) == {
        "43W10": "jeugdzorg_plus",
        "46C03": "crisisbed",
    }


def test_synthetische_vormen_passen_en_volgen_seedverhoudingen():
    """R-W10 in the synthetic region: every drawn form fits its intensity; pleegzorg is mostly
    netwerkpleegzorg, intensity 4 mostly a gezinshuis, the group intensities mostly a leefgroep
    with respijtzorg and Verblijf beds beside it."""
    for intensiteit, gewichten in WOONVORM_GEWICHT.items():
        assert all(intensiteit in INTENSITEITEN_PER_WOONVORM[vorm] for vorm in gewichten), intensiteit
    rng = random.Random(7)
    getrokken = rng.choices(list(WOONVORM_GEWICHT[6]), list(WOONVORM_GEWICHT[6].values()), k=2000)
    aandeel = {vorm: getrokken.count(vorm) / len(getrokken) for vorm in WOONVORM_GEWICHT[6]}
    assert 0.45 < aandeel[Woonvorm.LEEFGROEP] < 0.65 and 0.05 < aandeel[Woonvorm.RESPIJTZORG] < 0.2
    assert max(WOONVORM_GEWICHT[1], key=WOONVORM_GEWICHT[1].__getitem__) == Woonvorm.NETWERKPLEEGZORG
    assert max(WOONVORM_GEWICHT[4], key=WOONVORM_GEWICHT[4].__getitem__) == Woonvorm.GEZINSHUIS
