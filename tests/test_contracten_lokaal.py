"""R-R3 (issue 22 §3): a contract is regional (every municipality of its region) or local (one
municipality). Which contracts cover a municipality is decided in one place
(``organisaties.services.dekt_gemeente_q``) and holds wherever a contract counts: a referral and
allocation (R-T2), the choice list (R-S5), the declaration intake (R-B8), the API and the admin. A
contract never covers a municipality of another region."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.organisaties.models import Contract, ContractProduct
from jeugdregie.organisaties.services import (
    contractperioden,
    eerste_dag_zonder,
    is_gecontracteerd,
    registreer_contract,
)
from jeugdregie.toewijzingen.services.screenen import verplichte_inschrijving
from jeugdregie.toewijzingen.services.zorg import start_zorg
from jeugdregie.verwijzingen.models import Verwijzing
from jeugdregie.verwijzingen.services.keuzelijst import keuzelijst

from .builders.declaraties import declareer, regel
from .builders.route import gestart, screen, verwijs
from .factories import AanbiederFactory, GebruikerFactory, GemeenteFactory, RegioFactory

DAG = date(2026, 3, 2)


def _lokaal(contract: Contract, gemeente) -> None:
    contract.gemeente = gemeente
    contract.save(update_fields=["gemeente"])


@pytest.fixture
def rijnmond(db):
    """A municipality of another region."""
    return GemeenteFactory(regio=RegioFactory(code="rijnmond", naam="Rijnmond"), cbs_code="0599", naam="Rotterdam")


def test_een_lokaal_contract_dekt_alleen_zijn_gemeente_bij_verwijzen(route):
    """R-R3 with R-T2: under a contract local to Zwolle the provider can be referred to for a
    Zwolle child, not for a Deventer child; the refusal changes nothing."""
    _lokaal(Contract.objects.get(nummer="C-A"), route["zwolle"])
    assert verwijs(route).gemeente == route["zwolle"]
    voor = Verwijzing.objects.count()
    with pytest.raises(DomainError) as fout:
        verwijs(route, door="toegang_andere_gemeente", jeugdige=route["jeugdige_deventer"])
    assert fout.value.code == "TW008" and "Deventer" in fout.value.message
    assert Verwijzing.objects.count() == voor


def test_de_keuzelijst_van_een_gemeente_toont_regionale_en_haar_eigen_lokale_contracten(route, rijnmond):
    """R-R3 with R-S5: Zwolle's choice list holds the provider with a contract local to Zwolle;
    Deventer's does not, but holds the one with a regional contract; another region's none."""
    _lokaal(Contract.objects.get(nummer="C-A"), route["zwolle"])
    product = Product.objects.get(code="45A03")
    for gemeente, verwacht in (
        (route["zwolle"], {route["aanbieder"], route["andere_aanbieder"]}),
        (route["deventer"], {route["andere_aanbieder"]}),
        (rijnmond, set()),
    ):
        assert set(keuzelijst(datum=DAG, product=product, gemeente=gemeente)) == verwacht
        assert set(keuzelijst(datum=DAG, gemeente=gemeente)) == verwacht


def test_de_intake_betaalt_alleen_regels_van_gemeenten_die_het_contract_dekt(route):
    """R-R3 with R-B8: the provider cares for a Zwolle and a Deventer child; once its contract is
    local to Zwolle, the Deventer line is refused (DEC023) and its ledger does not move, while the
    Zwolle line is paid."""
    zwolle = gestart(route)
    verwijzing = verwijs(route, door="toegang_andere_gemeente", jeugdige=route["jeugdige_deventer"])
    screen(route, verwijzing, op=verwijzing.datum)
    deventer = start_zorg(verwijzing=verwijzing, startdatum=date(2026, 3, 9), door=route["gebruikers"]["aanbieder"])
    _lokaal(Contract.objects.get(nummer="C-A"), route["zwolle"])
    stand = Budgetstand.objects.get(toewijzing=deventer).goedgekeurd

    goed = declareer(route, [regel(zwolle, "Z1")], nummer="D-Z")
    fout = declareer(route, [regel(deventer, "D1")], nummer="D-D", gemeente="deventer")

    assert list(goed.regels.values_list("status", flat=True)) == ["goedgekeurd"]
    assert list(fout.regels.values_list("status", "afkeur")) == [("afgekeurd", "DEC023")]
    assert Budgetstand.objects.get(toewijzing=deventer).goedgekeurd == stand
    assert not Declaratieregel.objects.filter(toewijzing=deventer, status="goedgekeurd").exists()


def test_een_contract_dekt_nooit_een_gemeente_van_een_andere_regio(route, rijnmond):
    """R-R3: the regional contract of IJsselland does not cover Rotterdam — in the check, the
    intake's periods and the choice list alike."""
    product = Product.objects.get(code="45A03")
    assert is_gecontracteerd(aanbieder=route["aanbieder"], dag=DAG, gemeente=route["zwolle"], product=product)
    assert not is_gecontracteerd(aanbieder=route["aanbieder"], dag=DAG, gemeente=rijnmond, product=product)
    assert not is_gecontracteerd(aanbieder=route["aanbieder"], dag=DAG, gemeente=rijnmond)
    perioden = contractperioden(
        aanbieder_ids=[route["aanbieder"].pk], product_ids=[product.pk], gemeenten={rijnmond.pk: rijnmond.regio_id}
    )
    assert perioden == {}


def test_een_product_uit_een_tweede_contract_telt(route):
    """R-T2/R-R3: the provider's regional contract lacks 46C01; a second, local contract for
    Zwolle holds it. Any covering contract counts, not only the first one found."""
    product = Product.objects.get(code="46C01")
    assert not is_gecontracteerd(aanbieder=route["aanbieder"], dag=DAG, gemeente=route["zwolle"], product=product)
    registreer_contract(
        aanbieder=route["aanbieder"],
        nummer="C-A-ZWOLLE",
        begindatum=date(2026, 1, 1),
        einddatum=None,
        productcodes=["46C01"],
        gemeente=route["zwolle"],
    )
    assert is_gecontracteerd(aanbieder=route["aanbieder"], dag=DAG, gemeente=route["zwolle"], product=product)
    assert not is_gecontracteerd(aanbieder=route["aanbieder"], dag=DAG, gemeente=route["deventer"], product=product)


def test_een_lokaal_contract_van_een_gemeente_buiten_de_regio_wordt_geweigerd(route, rijnmond):
    """R-R3: the service (ORG020, nothing written), the API (400) and the admin's validation
    refuse a local contract of a municipality outside the provider's region."""
    voor = Contract.objects.count()
    with pytest.raises(DomainError) as fout:
        registreer_contract(
            aanbieder=route["aanbieder"],
            nummer="C-X",
            begindatum=date(2026, 1, 1),
            einddatum=None,
            productcodes=["45A03"],
            gemeente=rijnmond,
        )
    assert fout.value.code == "ORG020" and "Rotterdam" in fout.value.message
    assert Contract.objects.count() == voor
    contract = Contract(aanbieder=route["aanbieder"], regio=route["aanbieder"].regio, gemeente=rijnmond, nummer="C-Y")
    with pytest.raises(ValidationError) as ongeldig:
        contract.clean()
    assert "gemeente" in ongeldig.value.message_dict


def test_de_api_registreert_en_toont_een_lokaal_contract(client, route, rijnmond):
    """R-R3 over the REST API: the beheerder registers a local contract by CBS code; it reads
    back as "lokaal" with its municipality; another region's municipality is refused, unchanged."""
    client.force_login(route["gebruikers"]["beheerder"])
    body = {
        "aanbieder": route["andere_aanbieder"].agb_code,
        "nummer": "C-LOKAAL",
        "begindatum": "2026-01-01",
        "producten": ["45A03"],
        "gemeente": route["deventer"].cbs_code,
    }
    antwoord = client.post("/api/v1/contracten/", body, content_type="application/json")
    assert antwoord.status_code == 201, antwoord.content
    assert antwoord.json()["niveau"] == "lokaal" and antwoord.json()["gemeente"] == route["deventer"].cbs_code
    assert client.get("/api/v1/contracten/C-B/").json()["niveau"] == "regionaal"
    voor = Contract.objects.count()
    body.update(nummer="C-ANDERS", gemeente=rijnmond.cbs_code)
    antwoord = client.post("/api/v1/contracten/", body, content_type="application/json")
    assert antwoord.status_code == 400 and "ORG020" in antwoord.content.decode()
    assert Contract.objects.count() == voor


PRODUCTEN = ("45A03", "41D01")


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_check_intake_en_keuzelijst_zijn_het_eens_over_elk_contract(route, rijnmond, data):
    """R-R3 as an invariant: for random sets of regional and local contracts (random periods and
    products) of one provider, the referral check (``is_gecontracteerd``), the intake's periods
    (``contractperioden``) and the choice list agree for every municipality, day and product —
    and each equals the definition: some contract valid that day, of the municipality's region,
    regional or local to it, holds the product that day."""
    aanbieder = AanbiederFactory(regio=route["aanbieder"].regio)
    gemeenten = [route["zwolle"], route["deventer"], rijnmond]
    producten = {p.code: p for p in Product.objects.filter(code__in=PRODUCTEN)}
    dag = st.integers(0, 20).map(lambda n: date(2026, 1, 1).fromordinal(date(2026, 1, 1).toordinal() + n))
    with transaction.atomic():
        contracten = []
        for n in range(data.draw(st.integers(0, 3), label="contracten")):
            begin = data.draw(dag, label="begin")
            einde = data.draw(st.one_of(st.none(), dag.filter(lambda d, b=begin: d >= b)), label="einde")
            scope = data.draw(st.sampled_from([None, *gemeenten[:2]]), label="gemeente")
            codes = data.draw(st.sets(st.sampled_from(PRODUCTEN), min_size=1), label="producten")
            contract = Contract.objects.create(
                aanbieder=aanbieder,
                regio=aanbieder.regio,
                gemeente=scope,
                nummer=f"P-{n}",
                begindatum=begin,
                einddatum=einde,
            )
            for code in codes:
                van = data.draw(dag, label="product van")
                ContractProduct.objects.create(contract=contract, product=producten[code], begindatum=van)
            contracten.append(contract)
        perioden = contractperioden(
            aanbieder_ids=[aanbieder.pk],
            product_ids=[p.pk for p in producten.values()],
            gemeenten={g.pk: g.regio_id for g in gemeenten},
        )
        for _ in range(8):
            gemeente = data.draw(st.sampled_from(gemeenten), label="vraag gemeente")
            op = data.draw(dag, label="vraag dag")
            product = producten[data.draw(st.sampled_from(PRODUCTEN), label="vraag product")]
            definitie = any(
                c.regio_id == gemeente.regio_id
                and c.gemeente_id in (None, gemeente.pk)
                and c.begindatum <= op
                and (c.einddatum is None or op <= c.einddatum)
                and c.producten.filter(product=product, begindatum__lte=op).exists()
                for c in contracten
            )
            check = is_gecontracteerd(aanbieder=aanbieder, dag=op, gemeente=gemeente, product=product)
            intake = eerste_dag_zonder(perioden.get((aanbieder.pk, product.pk, gemeente.pk), ()), op, op) is None
            lijst = aanbieder in keuzelijst(datum=op, product=product, gemeente=gemeente)
            assert check == intake == lijst == definitie, (gemeente.naam, op, product.code)
        transaction.set_rollback(True)


def test_de_contractbeheerder_ziet_het_niveau_in_de_admin(client, route):
    """R-R3: the admin lists contracts with their municipality (empty: regional) for the beheerder."""
    beheerder = GebruikerFactory(is_staff=True, is_superuser=True, regio_rol=True, rol="beheerder")
    _lokaal(Contract.objects.get(nummer="C-A"), route["zwolle"])
    client.force_login(beheerder)
    pagina = client.get("/beheer/organisaties/contract/")
    assert pagina.status_code == 200
    assert "Zwolle" in pagina.content.decode()


def test_een_inschrijving_onder_een_lokaal_contract_verplicht_alleen_voor_die_gemeente(route):
    """R-R3 with R-S4: the provider's registration on TG3 sits under its contract local to Zwolle;
    a regional contract without registrations lets Deventer refer too. A Zwolle referral obliges
    the provider to accept (acceptatieplicht), a Deventer referral does not."""
    _lokaal(Contract.objects.get(nummer="C-A"), route["zwolle"])
    registreer_contract(
        aanbieder=route["aanbieder"],
        nummer="C-A-REGIO",
        begindatum=date(2022, 1, 1),
        einddatum=date(2027, 12, 31),
        productcodes=["45A01", "45A02", "45A03", "45A04", "45A05"],
    )
    zwolle = verwijs(route)
    deventer = verwijs(route, door="toegang_andere_gemeente", jeugdige=route["jeugdige_deventer"])
    assert verplichte_inschrijving(zwolle, DAG) == Product.objects.get(code="45A03")
    assert verplichte_inschrijving(deventer, DAG) is None


def test_de_aanbiederpagina_noemt_lokaal_of_regionaal(client, route):
    """R-R3 on the provider's page: each contract says whether it is local (and for which
    municipality) or regional."""
    _lokaal(Contract.objects.get(nummer="C-A"), route["zwolle"])
    client.force_login(route["gebruikers"]["contractmanager"])
    pagina = client.get(f"/organisaties/aanbieders/{route['aanbieder'].pk}/")
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "Lokaal contract: alleen voor gemeente Zwolle." in tekst
    pagina = client.get(f"/organisaties/aanbieders/{route['andere_aanbieder'].pk}/")
    assert "Regionaal contract: voor alle gemeenten van IJsselland." in pagina.content.decode()


def test_twee_contracten_met_dezelfde_begindag_een_open_en_een_gesloten(route):
    """Found by the invariant above (regression): two contracts of one provider holding the same
    product from the same day, one open-ended and one with an end, made the intake's periods fail
    to sort (None against a date). Both periods are kept, the open one last, and a line is paid."""
    aanbieder = route["andere_aanbieder"]
    for nummer, einde in (("C-B-1", date(2026, 1, 1)), ("C-B-2", None)):
        registreer_contract(
            aanbieder=aanbieder, nummer=nummer, begindatum=date(2026, 1, 1), einddatum=einde, productcodes=["45A03"]
        )
    product = Product.objects.get(code="45A03")
    zwolle = route["zwolle"]
    perioden = contractperioden(
        aanbieder_ids=[aanbieder.pk], product_ids=[product.pk], gemeenten={zwolle.pk: zwolle.regio_id}
    )[(aanbieder.pk, product.pk, zwolle.pk)]
    assert perioden[-1] == (date(2026, 1, 1), None)
    assert eerste_dag_zonder(perioden, date(2026, 3, 1), date(2026, 3, 31)) is None


def test_contractperioden_voor_de_gevraagde_paren_zijn_die_van_alle_gemeenten(route):
    """Issue 18 (W2, national scale): the intake asks the periods of the (provider, municipality)
    pairs of its lines only; for every asked pair and product they equal the periods computed for
    every municipality of the region — regional and local contracts, registrations too."""
    from jeugdregie.catalogus.models import Product
    from jeugdregie.organisaties.services import contractperioden, inschrijfperioden, registreer_contract

    registreer_contract(
        aanbieder=route["andere_aanbieder"],
        nummer="C-LOKAAL",
        begindatum=date(2024, 3, 1),
        einddatum=None,
        productcodes=["45A03"],
        inschrijvingen=["45A03"],
        gemeente=route["deventer"],
    )
    gemeenten = {g.pk: g.regio_id for g in (route["zwolle"], route["deventer"])}
    aanbieders = [route["aanbieder"].pk, route["andere_aanbieder"].pk]
    producten = list(Product.objects.values_list("pk", flat=True))
    paren = {
        (route["aanbieder"].pk, route["zwolle"].pk),
        (route["andere_aanbieder"].pk, route["deventer"].pk),
        (route["andere_aanbieder"].pk, 987_654),  # a municipality outside the mapping
        (987_654, route["zwolle"].pk),  # a provider without contracts
    }
    for perioden in (contractperioden, inschrijfperioden):
        alle = perioden(aanbieder_ids=aanbieders, product_ids=producten, gemeenten=gemeenten)
        deel = perioden(aanbieder_ids=aanbieders, product_ids=producten, gemeenten=gemeenten, paren=paren)
        gevraagd = [(a, p, g) for a, g in paren for p in producten]
        assert any(alle.get(sleutel) for sleutel in gevraagd)  # the test asks pairs that have periods
        assert all(deel.get(sleutel) == alle.get(sleutel) for sleutel in gevraagd)
        assert {(a, g) for a, _, g in deel} <= paren | {(route["andere_aanbieder"].pk, route["deventer"].pk)}
