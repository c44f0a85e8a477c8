"""Casusregie (issue 22 §4, R-R3): one casus per child and municipality with one named
casusregisseur, the family's fixed contact, who records the four steps (vraaganalyse, resultaat,
middelen, toetsing) in order and in rondes, scales down after a toetsing "bereikt" (closing the
casus or keeping a waakvlam) and scales up again. The toegang opens it and changes the
casusregisseur; a GI only during its measure; a provider with care sees the contact, not the
casus. Whether a region works this way and the waakvlam interval are rule-set parameters (R-R1).
Every refusal says what to fix and changes nothing; every write is audit-logged."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from jeugdregie.accounts.constants import Rol
from jeugdregie.audit.models import AuditRegel
from jeugdregie.casusregie import bewaring, services
from jeugdregie.casusregie.constants import Fase, Stap, Toetsuitkomst, Voorwaarde
from jeugdregie.casusregie.dossier import deel
from jeugdregie.casusregie.models import Casus, Casusstap, Regiewissel, Waakvlamcontrole
from jeugdregie.casusregie.werkvoorraad import werkvoorraden
from jeugdregie.common.errors import DomainError
from jeugdregie.organisaties.regelset import stel_regelset_vast

from .builders.regelset import zet_regels
from .builders.route import verwijs
from .builders.wonen import wonen
from .factories import GebruikerFactory, VerwijzerFactory
from .klok import op_de_dag

OP = date(2026, 3, 20)
GEHEIM = "Moeder kampt met schulden en slaapt slecht."


@pytest.fixture
def regie(route):
    """The `route` with casusregie on in IJsselland's rule set and a second toegang worker of
    Zwolle (the local team) with a name, the casusregisseur of the tests."""
    zet_regels(route["zwolle"].regio, casusregie_actief=True)
    g = route["gebruikers"]
    g["regisseur"] = GebruikerFactory(
        rol=Rol.TOEGANG, gemeente=route["zwolle"], first_name="Ria", last_name="Regisseur", email="ria@zwolle.nl"
    )
    g["regisseur2"] = GebruikerFactory(rol=Rol.TOEGANG, gemeente=route["zwolle"], first_name="Bram", last_name="Wissel")
    return route


def _open(route, regisseur="regisseur", door="toegang", op=OP, jeugdige=None, gemeente=None):
    g = route["gebruikers"]
    with op_de_dag(op):
        return services.open_casus(
            jeugdige=jeugdige or route["jeugdige_zwolle"],
            gemeente=gemeente or route["zwolle"],
            casusregisseur=g[regisseur] if isinstance(regisseur, str) else regisseur,
            door=g[door] if isinstance(door, str) else door,
        )


def _stap(route, casus, stap, door="regisseur", op=OP, **extra):
    extra.setdefault("inhoud", f"Stap {stap}: {GEHEIM}")
    with op_de_dag(op):
        return services.leg_stap_vast(casus=casus, stap=stap, door=route["gebruikers"][door], **extra)


def _tot_toetsing(route, casus, uitkomst=Toetsuitkomst.BEREIKT):
    for stap in (1, 2, 3):
        _stap(route, casus, stap)
    return _stap(route, casus, 4, uitkomst=uitkomst)


def _stand(casus):
    """Everything a refusal must leave as it was."""
    casus.refresh_from_db()
    return (
        casus.fase,
        casus.ronde,
        casus.laatste_stap,
        casus.laatste_uitkomst,
        casus.casusregisseur_id,
        casus.waakvlam_controle_op,
        Casusstap.objects.count(),
        Regiewissel.objects.count(),
        Waakvlamcontrole.objects.count(),
        AuditRegel.objects.filter(objecttype="casusregie.Casus").count(),
    )


# --- opening: who, where, once ---------------------------------------------------------------------


def test_toegang_opent_casus_met_een_benoemde_casusregisseur(regie):
    """R-R3: the toegang of the municipality opens casusregie and names the casusregisseur; the
    server sets the opening date; audit-logged."""
    casus = _open(regie)
    assert (casus.fase, casus.ronde, casus.geopend_op, casus.casusregisseur) == (
        Fase.LOPEND,
        1,
        OP,
        regie["gebruikers"]["regisseur"],
    )
    assert casus.volgende_stappen == [Stap.VRAAGANALYSE]
    rij = AuditRegel.objects.get(objecttype="casusregie.Casus", actie="aanmaken")
    assert rij.object_id == str(casus.pk) and GEHEIM not in rij.details


def test_regio_zonder_casusregie_weigert(route):
    """R-R3 with R-R1: a region whose rule set has casusregie off (the default: IJsselland keeps
    working as now) refuses to open one, and nothing is written."""
    route["gebruikers"]["regisseur"] = route["gebruikers"]["toegang"]
    with pytest.raises(DomainError) as fout:
        _open(route)
    assert fout.value.code == "CSR002" and "regelset" in fout.value.message
    assert not Casus.objects.exists()


def test_een_open_casus_per_jeugdige_en_gemeente(regie):
    """R-R3: one casusregisseur for the family: a second open casus is refused; after closing a
    new one may open."""
    casus = _open(regie)
    with pytest.raises(DomainError) as fout:
        _open(regie, regisseur="regisseur2")
    assert fout.value.code == "CSR003"
    assert Casus.objects.count() == 1
    _tot_toetsing(regie, casus)
    with op_de_dag(OP):
        services.schaal_af(casus=casus, voorwaarden=[Voorwaarde.WONEN], door=regie["gebruikers"]["regisseur"])
    assert _open(regie, regisseur="regisseur2").pk != casus.pk


@pytest.mark.parametrize("wie", ["toegang_andere_gemeente", "aanbieder", "huisarts", "gi", "financieel"])
def test_casusregisseur_van_een_andere_organisatie_geweigerd(regie, wie):
    """R-R3: the casusregisseur is a toegang worker of the municipality (or the GI with the
    measure): another municipality's toegang, a provider, a GP, a GI without a measure, finance
    are refused."""
    with pytest.raises(DomainError) as fout:
        _open(regie, regisseur=wie)
    assert fout.value.code == "CSR004" and "toegang van deze gemeente" in fout.value.message
    assert not Casus.objects.exists()


@pytest.mark.parametrize("door", ["toegang_andere_gemeente", "aanbieder", "gi", "financieel"])
def test_alleen_de_toegang_van_de_gemeente_opent(regie, door):
    """R-R3, R-P4: who else could open it? Another municipality's toegang, a provider, a GI:
    refused."""
    with pytest.raises(DomainError) as fout:
        _open(regie, door=door)
    assert fout.value.code == "CSR001"
    assert not Casus.objects.exists()


def test_jeugdige_van_een_andere_gemeente_geweigerd(regie):
    """R-R3, R-D3: Zwolle opens casusregie only for a child it is responsible for."""
    with pytest.raises(DomainError) as fout:
        _open(regie, jeugdige=regie["jeugdige_deventer"])
    assert fout.value.code == "CSR011"


def test_gi_is_casusregisseur_alleen_tijdens_haar_maatregel(regie):
    """R-R3 (seed 004, "Goede afspraken over casusregie"): during an OTS the casusregie lies with
    the GI that carries it out; a GI without the measure, or another GI, is refused."""
    andere_gi = GebruikerFactory(gi_rol=True, verwijzer=VerwijzerFactory(gi=True))
    with pytest.raises(DomainError):
        _open(regie, regisseur="gi")
    wonen(
        regie,
        plaatsing="gedwongen",
        gi=regie["gi"],
        maatregel="ots",
        machtiging_van=date(2026, 3, 1),
        machtiging_tot=date(2026, 12, 31),
    )
    with pytest.raises(DomainError) as fout:
        _open(regie, regisseur=andere_gi)
    assert fout.value.code == "CSR004"
    casus = _open(regie, regisseur="gi")
    assert casus.casusregisseur == regie["gebruikers"]["gi"]
    _stap(regie, casus, 1, door="gi")  # the GI casusregisseur records
    # after the measure ended (the allocation ran to 01-03-2027) the local team takes over, and
    # the GI is no longer possible
    g = regie["gebruikers"]
    with op_de_dag(date(2027, 4, 1)):
        services.wissel_casusregisseur(casus=casus, nieuwe=g["regisseur"], reden="OTS beëindigd.", door=g["toegang"])
        with pytest.raises(DomainError) as fout:
            services.wissel_casusregisseur(casus=casus, nieuwe=g["gi"], reden="Terug.", door=g["toegang"])
    assert fout.value.code == "CSR004"


# --- the four steps -------------------------------------------------------------------------------


def test_stappen_buiten_volgorde_geweigerd_en_niets_gewijzigd(regie):
    """R-R3: 2 needs 1, 3 needs 2, 4 needs 3; a refusal names the step due and changes nothing."""
    casus = _open(regie)
    voor = _stand(casus)
    for stap in (2, 3, 4):
        with pytest.raises(DomainError) as fout:
            _stap(regie, casus, stap, uitkomst=Toetsuitkomst.BEREIKT)
        assert fout.value.code == "CSR005" and "leg eerst stap 1" in fout.value.message
    assert _stand(casus) == voor
    _stap(regie, casus, 1)
    with pytest.raises(DomainError):
        _stap(regie, casus, 3)
    _stap(regie, casus, 2)
    _stap(regie, casus, 3)
    voor = _stand(casus)
    with pytest.raises(DomainError) as fout:
        _stap(regie, casus, 4)  # a toetsing needs its outcome
    assert fout.value.code == "CSR007"
    with pytest.raises(DomainError) as fout:
        _stap(regie, casus, 4, inhoud="  ", uitkomst=Toetsuitkomst.BEREIKT)
    assert fout.value.code == "CSR006"
    assert _stand(casus) == voor
    _stap(regie, casus, 4, uitkomst=Toetsuitkomst.BEREIKT)
    casus.refresh_from_db()
    assert [(s.ronde, s.stap) for s in casus.stappen.all()] == [(1, 1), (1, 2), (1, 3), (1, 4)]


def test_middelen_noemen_alleen_verwijzingen_van_de_jeugdige(regie):
    """R-R3, step 3: the means may link the child's referrals, not another child's."""
    casus = _open(regie)
    _stap(regie, casus, 1)
    _stap(regie, casus, 2)
    eigen = verwijs(regie)
    andere = verwijs(regie, door="toegang_andere_gemeente", jeugdige=regie["jeugdige_deventer"])
    voor = _stand(casus)
    with pytest.raises(DomainError) as fout:
        _stap(regie, casus, 3, verwijzingen=[eigen, andere])
    assert fout.value.code == "CSR010"
    assert _stand(casus) == voor
    rij = _stap(regie, casus, 3, verwijzingen=[eigen])
    assert list(rij.verwijzingen.all()) == [eigen]


@pytest.mark.parametrize("wie", ["toegang", "toegang_andere_gemeente", "aanbieder", "gi", "regisseur2"])
def test_alleen_de_casusregisseur_legt_vast(regie, wie):
    """R-R3: who else could record a step? The toegang of the municipality (it reads, it does not
    record), another municipality, a provider, a GI, a colleague: all refused, nothing changed."""
    casus = _open(regie)
    voor = _stand(casus)
    with pytest.raises(DomainError) as fout:
        _stap(regie, casus, 1, door=wie)
    assert fout.value.code == "CSR001" and "Alleen de casusregisseur" in fout.value.message
    assert _stand(casus) == voor


def test_na_een_wissel_is_de_oude_casusregisseur_geweigerd(regie):
    """R-R3: exactly one casusregisseur at a time; the toegang changes it with a reason, a history
    row is kept, the former one loses access at once (records nothing, reads nothing)."""
    g = regie["gebruikers"]
    casus = _open(regie)
    _stap(regie, casus, 1)
    with pytest.raises(DomainError) as fout:  # the reason is required
        services.wissel_casusregisseur(casus=casus, nieuwe=g["regisseur2"], reden="", door=g["toegang"])
    assert fout.value.code == "CSR006"
    for door in ("toegang_andere_gemeente", "aanbieder"):
        with pytest.raises(DomainError) as fout:
            services.wissel_casusregisseur(casus=casus, nieuwe=g["regisseur2"], reden="Verlof.", door=g[door])
        assert fout.value.code == "CSR001"
    with pytest.raises(DomainError) as fout:
        services.wissel_casusregisseur(casus=casus, nieuwe=g["aanbieder"], reden="Verlof.", door=g["toegang"])
    assert fout.value.code == "CSR004"
    wissel = services.wissel_casusregisseur(casus=casus, nieuwe=g["regisseur2"], reden="Verlof.", door=g["toegang"])
    assert (wissel.van, wissel.naar, wissel.door) == (g["regisseur"], g["regisseur2"], g["toegang"])
    voor = _stand(casus)
    with pytest.raises(DomainError) as fout:
        _stap(regie, casus, 2, door="regisseur")
    assert fout.value.code == "CSR001"
    assert _stand(casus) == voor
    assert not Casus.objects.voor_gebruiker(g["regisseur"]).exclude(gemeente=g["regisseur"].gemeente).exists()
    assert Casus.objects.van_regisseur(g["regisseur"]).count() == 0
    _stap(regie, casus, 2, door="regisseur2")


def test_oude_gi_casusregisseur_verliest_toegang(regie):
    """R-R3: a GI that was casusregisseur reads nothing once the toegang changed it back."""
    g = regie["gebruikers"]
    wonen(
        regie,
        plaatsing="gedwongen",
        gi=regie["gi"],
        maatregel="ots",
        machtiging_van=date(2026, 3, 1),
        machtiging_tot=date(2026, 12, 31),
    )
    casus = _open(regie, regisseur="gi")
    assert list(Casus.objects.voor_gebruiker(g["gi"])) == [casus]
    services.wissel_casusregisseur(casus=casus, nieuwe=g["regisseur"], reden="OTS beëindigd.", door=g["toegang"])
    assert not Casus.objects.voor_gebruiker(g["gi"]).exists()
    with pytest.raises(DomainError):
        services.lees_casus(casus=casus, door=g["gi"])


def test_na_toetsing_niet_bereikt_nieuwe_ronde_bij_stap_2_of_3(regie):
    """R-R3: after "niet bereikt" or "deels" the casusregisseur adjusts: a new ronde at step 2 (a
    new result) or 3 (other means); step 1 or 4 is refused."""
    casus = _open(regie)
    _tot_toetsing(regie, casus, uitkomst=Toetsuitkomst.NIET_BEREIKT)
    casus.refresh_from_db()
    assert casus.volgende_stappen == [Stap.RESULTAAT, Stap.MIDDELEN]
    for stap in (1, 4):
        with pytest.raises(DomainError) as fout:
            _stap(regie, casus, stap, uitkomst=Toetsuitkomst.BEREIKT)
        assert fout.value.code == "CSR005" and "nieuwe ronde" in fout.value.message
    with pytest.raises(DomainError) as fout, op_de_dag(OP):
        services.schaal_af(casus=casus, voorwaarden=["wonen"], door=regie["gebruikers"]["regisseur"])
    assert fout.value.code == "CSR008"
    _stap(regie, casus, 3, inhoud="Andere aanbieder inzetten.")
    casus.refresh_from_db()
    assert (casus.ronde, casus.laatste_stap) == (2, 3)
    _stap(regie, casus, 4, uitkomst=Toetsuitkomst.DEELS)
    _stap(regie, casus, 2, inhoud="Bijgesteld resultaat.")
    casus.refresh_from_db()
    assert (casus.ronde, casus.laatste_stap) == (3, 2)


# --- afschalen, waakvlam, opschalen ------------------------------------------------------------------


def test_toetsing_bereikt_afschalen_sluit_de_casus(regie):
    """R-R3: after "bereikt" no further step; afschalen records the conditions secured at home
    (at least one; "anders" explained) and closes the casus on the server's date."""
    g = regie["gebruikers"]
    casus = _open(regie)
    _tot_toetsing(regie, casus)
    with pytest.raises(DomainError) as fout:
        _stap(regie, casus, 2)
    assert "schaal af" in fout.value.message
    voor = _stand(casus)
    for voorwaarden, toelichting in [([], ""), (["anders"], ""), (["onbekend"], "")]:
        with pytest.raises(DomainError) as fout:
            services.schaal_af(casus=casus, voorwaarden=voorwaarden, toelichting=toelichting, door=g["regisseur"])
        assert fout.value.code == "CSR009"
    with pytest.raises(DomainError) as fout:
        services.schaal_af(casus=casus, voorwaarden=["wonen"], door=g["toegang"])
    assert fout.value.code == "CSR001"
    assert _stand(casus) == voor
    with op_de_dag(date(2026, 6, 1)):
        services.schaal_af(
            casus=casus, voorwaarden=[Voorwaarde.WONEN, Voorwaarde.SCHULDEN], toelichting="", door=g["regisseur"]
        )
    casus.refresh_from_db()
    assert (casus.fase, casus.afgesloten_op, casus.voorwaarden) == (
        Fase.AFGESLOTEN,
        date(2026, 6, 1),
        ["schulden", "wonen"],
    )
    assert casus.waakvlam_controle_op is None and casus.volgende_stappen == []


def test_waakvlam_controle_volgt_de_regelset_van_de_dag(regie):
    """R-R3 with R-R1: afschalen onto the waakvlam sets the first check the rule set's interval
    after today; each check sets the next from the version valid on the day of the check: a
    version from 1 September with 3 months changes it from that day on, not before."""
    g = regie["gebruikers"]
    casus = _open(regie)
    _tot_toetsing(regie, casus)
    with op_de_dag(OP):
        stel_regelset_vast(
            regio=regie["zwolle"].regio,
            geldig_vanaf=date(2026, 9, 1),
            waarden={"waakvlam_controle_maanden": 3},
            door=None,
        )
        services.schaal_af(casus=casus, voorwaarden=[Voorwaarde.SCHOOL], waakvlam=True, door=g["regisseur"])
    casus.refresh_from_db()
    assert (casus.fase, casus.waakvlam_controle_op, casus.afgesloten_op) == (Fase.WAAKVLAM, date(2026, 9, 20), None)
    with op_de_dag(date(2026, 8, 31)):
        controle = services.waakvlam_controle(casus=casus, bevinding="Gaat goed.", door=g["regisseur"])
    assert controle.volgende_op == date(2027, 2, 28)  # 6 months: the version valid on 31 August
    with op_de_dag(date(2026, 9, 1)):
        controle = services.waakvlam_controle(casus=casus, bevinding="Gaat goed.", door=g["regisseur"])
    assert controle.volgende_op == date(2026, 12, 1)  # 3 months from 1 September on
    casus.refresh_from_db()
    assert casus.waakvlam_controle_op == date(2026, 12, 1)
    voor = _stand(casus)
    with pytest.raises(DomainError) as fout:
        services.waakvlam_controle(casus=casus, bevinding="", door=g["regisseur"])
    assert fout.value.code == "CSR006"
    with pytest.raises(DomainError) as fout:
        services.waakvlam_controle(casus=casus, bevinding="Gezien.", door=g["toegang"])
    assert fout.value.code == "CSR001"
    assert _stand(casus) == voor


def test_waakvlam_interval_wordt_gecontroleerd(regie):
    """R-R1: the interval is 1 to 24 months."""
    with op_de_dag(OP), pytest.raises(DomainError) as fout:
        stel_regelset_vast(
            regio=regie["zwolle"].regio,
            geldig_vanaf=date(2026, 9, 1),
            waarden={"waakvlam_controle_maanden": 25},
            door=None,
        )
    assert fout.value.field == "waakvlam_controle_maanden"


def test_schaal_op_vanaf_de_waakvlam_begint_bij_stap_1(regie):
    """R-R3: the casusregisseur can scale up from the waakvlam: a new ronde from the vraaganalyse;
    a running casus cannot be scaled up, a waakvlam casus takes no step."""
    g = regie["gebruikers"]
    casus = _open(regie)
    with pytest.raises(DomainError) as fout:
        services.schaal_op(casus=casus, reden="Nieuwe zorgen.", door=g["regisseur"])
    assert fout.value.code == "CSR008"
    _tot_toetsing(regie, casus)
    with op_de_dag(OP):
        services.schaal_af(casus=casus, voorwaarden=[Voorwaarde.WERK_INKOMEN], waakvlam=True, door=g["regisseur"])
    with pytest.raises(DomainError) as fout:
        _stap(regie, casus, 1)
    assert fout.value.code == "CSR008"
    with op_de_dag(date(2026, 7, 1)):
        services.schaal_op(casus=casus, reden="School meldt verzuim.", door=g["regisseur"])
    casus.refresh_from_db()
    assert (casus.fase, casus.ronde, casus.volgende_stappen, casus.waakvlam_controle_op) == (
        Fase.LOPEND,
        2,
        [Stap.VRAAGANALYSE],
        None,
    )
    assert Waakvlamcontrole.objects.get(casus=casus).opgeschaald
    _stap(regie, casus, 1)


def test_elke_wijziging_is_gelogd_zonder_inhoud(regie):
    """R-R3, R-P2: open, each step, afschalen, waakvlam check, wissel and a read outside a page
    each write an audit row naming the child; no step text in it."""
    g = regie["gebruikers"]
    casus = _open(regie)
    _tot_toetsing(regie, casus)
    with op_de_dag(OP):
        services.schaal_af(casus=casus, voorwaarden=[Voorwaarde.WONEN], waakvlam=True, door=g["regisseur"])
        services.waakvlam_controle(casus=casus, bevinding=GEHEIM, door=g["regisseur"])
        services.wissel_casusregisseur(casus=casus, nieuwe=g["regisseur2"], reden=GEHEIM, door=g["toegang"])
    services.lees_casus(casus=casus, door=g["toegang"])
    rijen = AuditRegel.objects.filter(objecttype="casusregie.Casus", object_id=str(casus.pk))
    assert rijen.count() == 1 + 4 + 1 + 1 + 1 + 1
    assert {r.actie for r in rijen} == {"aanmaken", "wijzigen", "lezen"}
    assert all(r.client_id == regie["jeugdige_zwolle"].pk for r in rijen)
    assert not any(GEHEIM in r.details for r in rijen)


# --- who sees what --------------------------------------------------------------------------------


def test_aanbieder_met_zorg_ziet_alleen_de_vaste_contactpersoon(client, regie):
    """R-R3, R-P4: a provider with care for the child sees the casusregisseur's name and contact
    on the child's dossier, not the casus; the toegang sees the casus; another provider nothing."""
    g = regie["gebruikers"]
    casus = _open(regie)
    _stap(regie, casus, 1)
    sectie = deel(g["aanbieder"], regie["jeugdige_zwolle"])
    assert sectie is not None and sectie.casussen == []
    assert [(c.naam, c.email) for c in sectie.contactpersonen] == [("Ria Regisseur", "ria@zwolle.nl")]
    assert not Casus.objects.voor_gebruiker(g["aanbieder"]).exists()
    assert deel(g["andere_aanbieder"], regie["jeugdige_zwolle"]) is None
    assert deel(g["huisarts"], regie["jeugdige_zwolle"]) is None
    assert deel(g["toegang"], regie["jeugdige_zwolle"]).casussen == [casus]
    client.force_login(g["aanbieder"])
    pagina = client.get(f"/jeugdigen/{regie['jeugdige_zwolle'].pk}/dossier/").content.decode()
    assert "Ria Regisseur" in pagina and "ria@zwolle.nl" in pagina
    assert GEHEIM not in pagina and casus.get_absolute_url() not in pagina
    assert client.get(casus.get_absolute_url()).status_code == 403


def test_dossier_biedt_openen_alleen_waar_casusregie_aan_staat(client, route):
    """R-R3 with R-R1: the toegang's dossier offers "Casusregie openen" only in a region whose
    rule set has casusregie on."""
    client.force_login(route["gebruikers"]["toegang"])
    url = f"/jeugdigen/{route['jeugdige_zwolle'].pk}/dossier/"
    assert "Casusregie openen" not in client.get(url).content.decode()
    zet_regels(route["zwolle"].regio, casusregie_actief=True)
    assert "Casusregie openen" in client.get(url).content.decode()


# --- screens -----------------------------------------------------------------------------------------


def test_toegang_opent_casus_via_het_scherm(client, regie):
    """R-R3: the form offers the toegang workers of the municipality (and a GI with a measure);
    the service's refusal shows on the form and saves nothing."""
    g = regie["gebruikers"]
    client.force_login(g["toegang"])
    url = f"/casusregie/jeugdige/{regie['jeugdige_zwolle'].pk}/"
    with op_de_dag(OP):
        formulier = client.get(url).content.decode()
        assert "Ria Regisseur" in formulier and g["aanbieder"].username not in formulier
        assert g["gi"].username not in formulier
        antwoord = client.post(url, {"casusregisseur": g["aanbieder"].pk})
        assert antwoord.status_code == 200 and not Casus.objects.exists()
        antwoord = client.post(url, {"casusregisseur": g["regisseur"].pk})
    casus = Casus.objects.get()
    assert antwoord.status_code == 302 and antwoord["Location"] == casus.get_absolute_url()
    with op_de_dag(OP):
        antwoord = client.post(url, {"casusregisseur": g["regisseur2"].pk})
    assert antwoord.status_code == 200 and "loopt al casusregie" in antwoord.content.decode()


def test_casusregisseur_doorloopt_de_stappen_via_de_schermen(client, regie):
    """R-R3: the casusregisseur's list, the casus as a timeline, one form per step in order, and
    a refusal shown with nothing saved."""
    g = regie["gebruikers"]
    casus = _open(regie)
    client.force_login(g["regisseur"])
    with op_de_dag(OP):
        lijst = client.get("/casusregie/").content.decode()
        assert casus.get_absolute_url() in lijst and "Vraaganalyse" in lijst
        pagina = client.get(casus.get_absolute_url()).content.decode()
        assert "Ria Regisseur" in pagina and f"/casusregie/{casus.pk}/stap/" in pagina
        assert f"/casusregie/{casus.pk}/afschalen/" not in pagina  # only after a toetsing "bereikt"
        formulier = client.get(f"/casusregie/{casus.pk}/stap/").content.decode()
        assert "Vraaganalyse: wat is er aan de hand?" in formulier
        antwoord = client.post(f"/casusregie/{casus.pk}/stap/", {"stap": 2, "inhoud": "Te vroeg."})
        assert antwoord.status_code == 200 and not Casusstap.objects.exists()
        antwoord = client.post(f"/casusregie/{casus.pk}/stap/", {"stap": 1, "inhoud": GEHEIM})
        assert antwoord.status_code == 302
        pagina = client.get(casus.get_absolute_url()).content.decode()
    assert "Ronde 1" in pagina and GEHEIM in pagina
    assert Casusstap.objects.get().stap == 1


def test_toegang_wisselt_de_casusregisseur_via_het_scherm(client, regie):
    """R-R3: the toegang sees the casus and changes the casusregisseur with a reason; the former
    one's pages then answer 404."""
    g = regie["gebruikers"]
    casus = _open(regie)
    client.force_login(g["toegang"])
    assert client.get(f"/casusregie/{casus.pk}/stap/").status_code == 302  # not the casusregisseur
    antwoord = client.post(
        f"/casusregie/{casus.pk}/wissel/", {"casusregisseur": g["regisseur2"].pk, "reden": "Verlof."}
    )
    assert antwoord.status_code == 302
    casus.refresh_from_db()
    assert casus.casusregisseur == g["regisseur2"]
    client.force_login(g["regisseur"])
    # the former casusregisseur is also toegang of Zwolle and so still reads the casus: records nothing
    antwoord = client.post(f"/casusregie/{casus.pk}/stap/", {"stap": 1, "inhoud": "x"})
    assert antwoord.status_code == 302 and not Casusstap.objects.exists()


@pytest.mark.parametrize("pad", ["/casusregie/", "/casusregie/{pk}/", "/casusregie/{pk}/stap/"])
def test_schermen_weigeren_andere_rollen(client, regie, pad):
    """R-R3, R-P4: anonymous → login; roles outside casusregie 403; another municipality's toegang
    and a GI without the casus see no casus (404 on the casus, an empty list)."""
    g = regie["gebruikers"]
    casus = _open(regie)
    _stap(regie, casus, 1)
    url = pad.format(pk=casus.pk)
    antwoord = client.get(url)
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")
    for wie in ("aanbieder", "huisarts", "financieel", "contractmanager", "beleid", "beheerder"):
        client.force_login(g[wie])
        assert client.get(url).status_code == 403, wie
    for wie in ("toegang_andere_gemeente", "gi"):
        client.force_login(g[wie])
        antwoord = client.get(url)
        if pad == "/casusregie/":
            assert antwoord.status_code == 200 and casus.get_absolute_url() not in antwoord.content.decode()
        else:
            assert antwoord.status_code == 404, wie
    client.force_login(g["regisseur"])
    assert client.get(url).status_code == 200


def test_pagina_lezen_is_gelogd(client, regie):
    """R-P2: reading the casus page writes a read row for the casus and the child."""
    casus = _open(regie)
    client.force_login(regie["gebruikers"]["regisseur"])
    client.get(casus.get_absolute_url())
    assert AuditRegel.objects.filter(
        objecttype="casusregie.Casus", object_id=str(casus.pk), actie="lezen", client_id=regie["jeugdige_zwolle"].pk
    ).exists()


def test_werkvoorraad_zet_waakvlamcontroles_die_nodig_zijn_voorop(regie):
    """R-R3: the casusregisseur's worklist: its open casussen, a waakvlam check that is due first."""
    from .factories import JeugdigeFactory

    g = regie["gebruikers"]
    lopend = _open(regie)
    tweede = JeugdigeFactory(gemeente=regie["zwolle"])
    waakvlam = _open(regie, jeugdige=tweede)
    _tot_toetsing(regie, waakvlam)
    with op_de_dag(OP):
        services.schaal_af(casus=waakvlam, voorwaarden=[Voorwaarde.WONEN], waakvlam=True, door=g["regisseur"])
    [lijst] = werkvoorraden(g["regisseur"], op=date(2026, 10, 1))
    items = lijst.werkitems(g["regisseur"])
    assert [i.pk for i in items] == [waakvlam.pk, lopend.pk]
    assert items[0].verstreken and "controle nodig" in items[0].onderwerp
    assert werkvoorraden(g["regisseur2"], op=OP) == []
    assert werkvoorraden(g["aanbieder"], op=OP) == []


def test_anonimisering_wist_de_teksten(regie):
    """R-P7: anonymising the child blanks the step texts, findings and reasons of its casussen."""
    g = regie["gebruikers"]
    casus = _open(regie)
    _tot_toetsing(regie, casus)
    with op_de_dag(OP):
        services.schaal_af(casus=casus, voorwaarden=["anders"], toelichting=GEHEIM, waakvlam=True, door=g["regisseur"])
        services.waakvlam_controle(casus=casus, bevinding=GEHEIM, door=g["regisseur"])
        services.wissel_casusregisseur(casus=casus, nieuwe=g["regisseur2"], reden=GEHEIM, door=g["toegang"])
    assert bewaring.bij_anonimisering(SimpleNamespace(jeugdige_id=regie["jeugdige_zwolle"].pk)) == 4
    casus.refresh_from_db()
    teksten = [
        *Casusstap.objects.values_list("inhoud", flat=True),
        *Waakvlamcontrole.objects.values_list("bevinding", flat=True),
        *Regiewissel.objects.values_list("reden", flat=True),
        casus.afschaling_toelichting,
    ]
    assert set(teksten) == {bewaring.GEANONIMISEERD}
    assert [s.stap for s in casus.stappen.all()] == [1, 2, 3, 4]  # the steering facts remain


def test_afschalen_waakvlam_en_opschalen_via_de_schermen(client, regie):
    """R-R3: after a toetsing "bereikt" the casusregisseur scales down on a form with the
    conditions as checkboxes and the waakvlam; checks and scales up on their own forms; the
    worklist's full page shows the casus."""
    g = regie["gebruikers"]
    casus = _open(regie)
    _tot_toetsing(regie, casus)
    client.force_login(g["regisseur"])
    with op_de_dag(OP):
        formulier = client.get(f"/casusregie/{casus.pk}/afschalen/").content.decode()
        assert "<fieldset>" in formulier and 'value="schulden"' in formulier and "Waakvlam houden" in formulier
        antwoord = client.post(f"/casusregie/{casus.pk}/afschalen/", {"voorwaarden": ["anders"], "waakvlam": "on"})
        assert antwoord.status_code == 200 and "Licht toe" in antwoord.content.decode()
        antwoord = client.post(
            f"/casusregie/{casus.pk}/afschalen/", {"voorwaarden": ["wonen", "school"], "waakvlam": "on"}
        )
        assert antwoord.status_code == 302
        casus.refresh_from_db()
        assert (casus.fase, casus.voorwaarden) == (Fase.WAAKVLAM, ["school", "wonen"])
        pagina = client.get(casus.get_absolute_url()).content.decode()
        assert "Wonen" in pagina and "20-09-2026" in pagina
        assert client.get(f"/casusregie/{casus.pk}/stap/").status_code == 302  # no step on the waakvlam
    with op_de_dag(date(2026, 10, 1)):
        assert casus.get_absolute_url() in client.get("/werk/casusregie/").content.decode()
        antwoord = client.post(f"/casusregie/{casus.pk}/waakvlam/", {"bevinding": "Gaat goed."})
        assert antwoord.status_code == 302
        antwoord = client.post(f"/casusregie/{casus.pk}/opschalen/", {"reden": "Nieuwe zorgen."})
        assert antwoord.status_code == 302
    casus.refresh_from_db()
    assert (casus.fase, casus.ronde, casus.laatste_stap) == (Fase.LOPEND, 2, 0)
    assert client.get(f"/casusregie/{casus.pk}/onbekend/").status_code == 404


def test_de_brief_noemt_de_casusregisseur_als_vaste_contactpersoon(regie):
    """R-R3 (seed 004 §2.3: "één vaste contactpersoon, waarvan duidelijk is dat diegene de regie
    heeft"): while casusregie runs for the child in the municipality, the family's letter names the
    casusregisseur with organisation and e-mail under "Heeft u vragen?"; without a running casus
    (before it opens, after it is closed) the letter has no such sentence."""
    from jeugdregie.beschikkingen.besluit import lees_besluit
    from jeugdregie.beschikkingen.brief import stel_op
    from jeugdregie.beschikkingen.services.sjablonen import huidig_sjabloon

    from .builders.beschikkingen import besluitgebeurtenis, toewijzing

    def brieftekst():
        besluit = lees_besluit(besluitgebeurtenis(toewijzing_))
        return stel_op(besluit=besluit, sjabloon=huidig_sjabloon(regie["zwolle"]), namen=["Petra"]).platte_tekst()

    toewijzing_ = toewijzing(regie)
    assert "vaste contactpersoon" not in brieftekst()
    casus = _open(regie)
    tekst = brieftekst()
    assert "Uw vaste contactpersoon is Ria Regisseur (" in tekst and "e-mail ria@zwolle.nl), de casusregisseur" in tekst
    regisseur = regie["gebruikers"]["regisseur"]
    regisseur.is_active = False  # left the toegang; the casusregisseur is not yet changed
    regisseur.save(update_fields=["is_active"])
    assert "vaste contactpersoon" not in brieftekst()
    regisseur.is_active = True
    regisseur.save(update_fields=["is_active"])
    _tot_toetsing(regie, casus)
    with op_de_dag(OP):
        services.schaal_af(casus=casus, voorwaarden=[Voorwaarde.SCHOOL], door=regie["gebruikers"]["regisseur"])
    assert Casus.objects.get(pk=casus.pk).fase == Fase.AFGESLOTEN
    assert "vaste contactpersoon" not in brieftekst()
