from datetime import date

import pytest

from jeugdregie.common.errors import DomainError
from jeugdregie.organisaties.constants import AanbiederCategorie, VerwijzerType
from jeugdregie.organisaties.models import Aanbieder, Contract, ContractProduct, Gemeente, Inschrijving, Verwijzer
from jeugdregie.organisaties.services import (
    is_ingeschreven,
    registreer_aanbieder,
    registreer_contract,
    registreer_gemeente,
    registreer_verwijzer,
)


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("193", "viercijferige CBS-code"),
        ("01933", "viercijferige"),
        ("019a", "viercijferige"),
        ("9999", "komt niet voor in de CBS-gemeentelijke indeling"),
    ],
)
def test_ongeldige_gemeentecode_wordt_geweigerd(zwolle, code, fragment):
    """Issue 2 bad input: invalid municipality code, clear message, nothing saved."""
    voor = Gemeente.objects.count()
    with pytest.raises(DomainError) as fout:
        registreer_gemeente(regio=zwolle.regio, cbs_code=code, naam="X", inwoners=10, jeugdigen=2)
    assert fout.value.code == "ORG001"
    assert fragment in fout.value.message
    assert Gemeente.objects.count() == voor


def test_geldige_gemeente_wordt_geregistreerd(zwolle):
    gemeente = registreer_gemeente(regio=zwolle.regio, cbs_code="0148", naam="Dalfsen", inwoners=28918, jeugdigen=6651)
    assert gemeente.cbs_code == "0148"


@pytest.mark.parametrize("agb", ["1234567", "123456789", "1234567a", "00000000", ""])
def test_ongeldige_agb_code_wordt_geweigerd(zwolle, agb):
    """Issue 2 bad input: an AGB code is exactly eight digits."""
    voor = Aanbieder.objects.count()
    with pytest.raises(DomainError) as fout:
        registreer_aanbieder(regio=zwolle.regio, agb_code=agb, naam="X", categorie=AanbiederCategorie.GGZ)
    assert fout.value.code == "ORG002"
    assert "precies 8 cijfers" in fout.value.message
    assert Aanbieder.objects.count() == voor
    with pytest.raises(DomainError):
        registreer_verwijzer(regio=zwolle.regio, type=VerwijzerType.HUISARTS, naam="Praktijk", agb_code=agb)
    assert not Verwijzer.objects.exists()


def test_contract_met_onbekend_product_wordt_geweigerd_en_niets_opgeslagen(wereld, catalogus):
    """Issue 2 bad input: a contract for an unknown product gets a clear message; nothing saved."""
    with pytest.raises(DomainError) as fout:
        registreer_contract(
            aanbieder=wereld["aanbieder"],
            nummer="C-1",
            begindatum=date(2024, 1, 1),
            einddatum=None,
            productcodes=["45A01", "XX999"],
        )
    assert fout.value.code == "ORG003"
    assert "Onbekend product XX999" in fout.value.message
    assert not Contract.objects.exists()
    assert not ContractProduct.objects.exists()


def test_contract_met_inschrijving_is_basis_voor_acceptatieplicht(wereld, catalogus):
    """R-S4: registrations on tariff groups and Wonen intensities, with validity periods."""
    aanbieder = wereld["aanbieder"]
    registreer_contract(
        aanbieder=aanbieder,
        nummer="C-2",
        begindatum=date(2024, 1, 1),
        einddatum=date(2025, 12, 31),
        productcodes=["45A02", "44W05", "41D01"],
        inschrijvingen=["45A02", "44W05"],
    )
    from jeugdregie.catalogus.models import Product

    tg2, licht, dag = Product.objects.get(code="45A02"), Product.objects.get(code="44W05"), date(2025, 6, 1)
    assert is_ingeschreven(aanbieder=aanbieder, product=tg2, dag=dag)
    assert is_ingeschreven(aanbieder=aanbieder, product=licht, dag=dag)
    assert not is_ingeschreven(aanbieder=aanbieder, product=tg2, dag=date(2026, 1, 1))
    assert not is_ingeschreven(aanbieder=wereld["andere_aanbieder"], product=tg2, dag=dag)
    assert aanbieder.contract_op(dag).product_toegestaan(Product.objects.get(code="41D01"), dag)


@pytest.mark.parametrize(
    ("producten", "inschrijvingen", "fragment"),
    [(["41D01"], ["41D01"], "woonintensiteit of een tariefgroep"), (["45A01"], ["45A02"], "ook gecontracteerd")],
)
def test_ongeldige_inschrijving_wordt_geweigerd(wereld, catalogus, producten, inschrijvingen, fragment):
    with pytest.raises(DomainError, match=fragment):
        registreer_contract(
            aanbieder=wereld["aanbieder"],
            nummer="C-3",
            begindatum=date(2024, 1, 1),
            einddatum=None,
            productcodes=producten,
            inschrijvingen=inschrijvingen,
        )
    assert not Contract.objects.exists() and not Inschrijving.objects.exists()


def test_contract_einddatum_voor_begindatum_wordt_geweigerd(wereld, catalogus):
    with pytest.raises(DomainError, match="ligt voor de begindatum"):
        registreer_contract(
            aanbieder=wereld["aanbieder"],
            nummer="C-4",
            begindatum=date(2024, 1, 1),
            einddatum=date(2023, 1, 1),
            productcodes=["45A01"],
        )


def test_api_contract_onbekend_product_geeft_400(client, wereld, catalogus):
    client.force_login(wereld["gebruikers"]["beheerder"])
    antwoord = client.post(
        "/api/v1/contracten/",
        {
            "aanbieder": wereld["aanbieder"].agb_code,
            "nummer": "C-5",
            "begindatum": "2024-01-01",
            "producten": ["ZZ001"],
        },
        content_type="application/json",
    )
    assert antwoord.status_code == 400
    assert antwoord.json()["fouten"][0] == {
        "code": "ORG003",
        "melding": "Onbekend product ZZ001: een contract kan alleen producten uit de catalogus bevatten. "
        "Controleer de productcode.",
        "veld": "producten",
    }
    assert not Contract.objects.exists()
