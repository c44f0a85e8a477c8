"""R-R3 (issue 22 §3): the purchasing level per product and region — per municipality or for the
region (seed 004: ambulant care "deels lokaal, deels regionaal"). A contract line must be of a
contract of the level the region buys the product at on the line's first day; without a setting
either level (IJsselland). Set from today on by the region's functioneel beheerder, audit-logged."""

from __future__ import annotations

from datetime import date

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.organisaties.admin import ContractProductForm
from jeugdregie.organisaties.inkoop import inkoopniveau, stel_inkoopniveau_vast
from jeugdregie.organisaties.models import Contract, ContractProduct, Inkoopniveau
from jeugdregie.organisaties.services import registreer_contract

from .klok import op_de_dag

VANDAAG = date(2026, 3, 1)
MEI = date(2026, 5, 1)


def _stel_vast(route, niveau="lokaal", code="45A03", geldig_vanaf=MEI, door="beheerder"):
    with op_de_dag(VANDAAG):
        return stel_inkoopniveau_vast(
            regio=route["zwolle"].regio,
            product=Product.objects.get(code=code),
            niveau=niveau,
            geldig_vanaf=geldig_vanaf,
            door=route["gebruikers"][door] if door else None,
        )


def _contract(route, nummer, begindatum, gemeente=None, codes=("45A03",)):
    return registreer_contract(
        aanbieder=route["aanbieder"],
        nummer=nummer,
        begindatum=begindatum,
        einddatum=None,
        productcodes=codes,
        gemeente=gemeente,
    )


def test_zonder_inkoopniveau_kan_het_allebei(route):
    """R-R3: a product without a setting is contracted locally or regionally, as before."""
    assert inkoopniveau(route["zwolle"].regio_id, Product.objects.get(code="45A03").pk, MEI) is None
    assert _contract(route, "R-1", MEI).niveau == "regionaal"
    assert _contract(route, "L-1", MEI, gemeente=route["zwolle"]).niveau == "lokaal"


def test_lokaal_ingekocht_product_past_alleen_in_een_lokaal_contract_vanaf_de_begindatum(route):
    """R-R3 with R-R1: from 01-05-2026 the region buys TG3 per municipality: a regional contract
    holding it from that day is refused (nothing written), one beginning the day before is not; a
    local contract from that day is accepted."""
    _stel_vast(route)
    voor = Contract.objects.count()
    with pytest.raises(DomainError, match="per gemeente \\(lokaal\\) in") as fout:
        _contract(route, "R-2", MEI)
    assert (fout.value.code, fout.value.field) == ("ORG021", "productcodes")
    assert Contract.objects.count() == voor
    assert _contract(route, "R-3", date(2026, 4, 30)).niveau == "regionaal"
    assert _contract(route, "L-2", MEI, gemeente=route["zwolle"]).niveau == "lokaal"


def test_regionaal_ingekocht_product_weigert_een_lokaal_contract(route):
    """R-R3: a product bought regionally is refused in a local contract, also in the admin's
    contract lines (its form runs the same check)."""
    _stel_vast(route, niveau="regionaal", code="45A02")
    with pytest.raises(DomainError, match="regionaal in"):
        _contract(route, "L-3", MEI, gemeente=route["zwolle"], codes=("45A02",))
    lokaal = _contract(route, "L-4", MEI, gemeente=route["zwolle"], codes=("45A03",))
    formulier = ContractProductForm(
        {"product": Product.objects.get(code="45A02").pk, "begindatum": "2026-05-01"},
        instance=ContractProduct(contract=lokaal),
    )
    assert not formulier.is_valid() and "regionaal in" in str(formulier.errors["product"])


def test_vaststellen_alleen_vanaf_vandaag_door_de_beheerder_en_gelogd(route):
    """R-R3 with R-R1: never in the past, only by the region's functioneel beheerder; a future
    version with the same start is replaced; audit-logged; a refusal writes nothing."""
    with pytest.raises(DomainError, match="vanaf vandaag of later"):
        _stel_vast(route, geldig_vanaf=date(2026, 2, 1))
    for wie in ("toegang", "contractmanager", "aanbieder"):
        with pytest.raises(DomainError, match="Alleen de functioneel beheerder"):
            _stel_vast(route, door=wie)
    with pytest.raises(DomainError, match="Kies lokaal"):
        _stel_vast(route, niveau="landelijk")
    assert not Inkoopniveau.objects.exists()
    eerste = _stel_vast(route)
    tweede = _stel_vast(route, niveau="regionaal")
    assert eerste.pk == tweede.pk and Inkoopniveau.objects.get().niveau == "regionaal"
    assert AuditRegel.objects.filter(objecttype="organisaties.Inkoopniveau", object_id=str(eerste.pk)).count() == 2


def test_scherm_van_de_beheerder(client, route):
    """R-R3: the beheerder sees per product the level of today and sets one in a Dutch form; other
    roles get 403."""
    client.force_login(route["gebruikers"]["beheerder"])
    tg3 = Product.objects.get(code="45A03")
    with op_de_dag(VANDAAG):
        pagina = client.get("/organisaties/regelset/inkoop/").content.decode()
        assert "Inkoopniveau per product in IJsselland" in pagina and "lokaal of regionaal" in pagina
        fout = client.post(
            "/organisaties/regelset/inkoop/", {"product": tg3.pk, "niveau": "lokaal", "geldig_vanaf": "2026-01-01"}
        )
        assert fout.status_code == 200 and "vanaf vandaag of later" in fout.content.decode()
        goed = client.post(
            "/organisaties/regelset/inkoop/", {"product": tg3.pk, "niveau": "lokaal", "geldig_vanaf": "2026-03-01"}
        )
        assert goed.status_code == 302
        pagina = client.get("/organisaties/regelset/inkoop/").content.decode()
    assert "01-03-2026" in pagina and "Per gemeente (lokaal)" in pagina
    client.force_login(route["gebruikers"]["contractmanager"])
    assert client.get("/organisaties/regelset/inkoop/").status_code == 403
