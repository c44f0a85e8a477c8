"""Who may read a young person, and for how long (R-P4, R-P1): the attack paths of issue 14.

- a provider or GI registering a referral (GP route) with a child's BSN gained sight of the child;
- the same form told whether a BSN belonged to a youth-care client;
- a provider kept sight of children whose allocation ended years ago;
- finance read the whole client register with BSNs, exportable."""

from datetime import date, timedelta

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.common.errors import DomainError
from jeugdregie.jeugdigen.models import Betrokkenheid, Jeugdige
from jeugdregie.jeugdigen.policies import mag_dossier_lezen, relatietermijn_dagen
from jeugdregie.organisaties.regelset import regels
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services import screen_verwijzing
from jeugdregie.verwijzingen.models import Verwijzing
from jeugdregie.verwijzingen.services import registreer_verwijzing
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

from .builders.regelset import zet_regels
from .factories import JeugdigeFactory
from .klok import op_de_dag

DATUM = date(2026, 3, 2)
HERSTEL_2 = BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2)


def _verwijs(route, *, door, aanbieder, jeugdige, **extra):
    return registreer_verwijzing(
        jeugdige=jeugdige,
        aanbieder=route[aanbieder],
        resultaten=["Weer naar school."],
        budget=extra.pop("budget", HERSTEL_2),
        datum=extra.pop("datum", DATUM),
        door=route["gebruikers"][door],
        **extra,
    )


def _ziet(route, wie, jeugdige) -> bool:
    return Jeugdige.objects.voor_gebruiker(route["gebruikers"][wie]).filter(pk=jeugdige.pk).exists()


# --- a referral a party registers itself grants nothing ------------------------------------------


def _meld_aan(route, wie, jeugdige, datum=DATUM):
    """What the referral form does for a provider: its GP-route submission is an ``Aanmelding``."""
    from jeugdregie.verwijzingen.services.aanmelden import meld_aan

    return meld_aan(
        bsn=jeugdige.bsn,
        aanbieder=route[wie],
        resultaten=["Weer naar school."],
        budget=HERSTEL_2,
        datum=datum,
        door=route["gebruikers"][wie],
        verwijzer=route["huisarts"],
    ).aanmelding


def test_aanbieder_krijgt_geen_zicht_door_zelf_een_huisartsverwijzing_te_registreren(client, route):
    """R-P4: a provider that registers a GP's referral for a child not allocated to it does not
    read the child: its registration is a submission for the toegang, it cannot make the referral
    itself (so there is nothing of its own to accept), and no page shows the child."""
    vreemd = JeugdigeFactory(gemeente=route["zwolle"], voornamen="Vera", achternaam="Vreemdeling")
    with op_de_dag(DATUM):
        aanmelding = _meld_aan(route, "andere_aanbieder", vreemd)
        with pytest.raises(DomainError) as fout:
            _verwijs(
                route,
                door="andere_aanbieder",
                aanbieder="andere_aanbieder",
                jeugdige=vreemd,
                verwijzer=route["huisarts"],
            )
    assert fout.value.code == "TW011"
    assert (aanmelding.status, aanmelding.verwijzing) == ("ontvangen", None)
    assert not Verwijzing.objects.filter(jeugdige=vreemd).exists()
    assert not Betrokkenheid.objects.filter(jeugdige=vreemd).exists()
    assert not _ziet(route, "andere_aanbieder", vreemd)
    assert not _ziet(route, "huisarts", vreemd)

    client.force_login(route["gebruikers"]["andere_aanbieder"])
    assert client.get(f"/jeugdigen/{vreemd.pk}/").status_code == 404
    assert client.get(f"/api/v1/jeugdigen/{vreemd.pk}/").status_code == 404
    for pad in ("/", "/jeugdigen/", "/route/", "/route/aanmeldingen/", "/route/?export=csv"):
        inhoud = client.get(pad).content.decode("utf-8-sig")
        assert "Vreemdeling" not in inhoud, pad
        assert vreemd.bsn not in inhoud, pad
    # what it submitted stays visible to it: the child named by masked BSN only
    assert vreemd.bsn_gemaskeerd in client.get("/route/aanmeldingen/").content.decode()


def test_gi_krijgt_geen_zicht_door_zelf_te_verwijzen(route):
    """R-P4: a GI's own referral (bepaling) grants neither the GI nor the named provider sight;
    the allocation after the provider's acceptance grants both."""
    nieuw = JeugdigeFactory(gemeente=route["zwolle"])
    offerte = BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, offerte_bedrag="6400", einddatum=date(2026, 12, 31))
    with op_de_dag(DATUM):
        verwijzing = _verwijs(route, door="gi", aanbieder="aanbieder", jeugdige=nieuw, budget=offerte)
        assert not _ziet(route, "gi", nieuw) and not _ziet(route, "aanbieder", nieuw)
        screen_verwijzing(verwijzing=verwijzing, uitkomst="geaccepteerd", door=route["gebruikers"]["aanbieder"])
        assert _ziet(route, "gi", nieuw) and _ziet(route, "aanbieder", nieuw)


def test_verwijzing_door_de_toegang_geeft_wel_zicht(route):
    """R-P4: the toegang's referral is a municipal decision: the named provider reads the child
    to screen it, another provider does not."""
    nieuw = JeugdigeFactory(gemeente=route["zwolle"])
    with op_de_dag(DATUM):
        _verwijs(route, door="toegang", aanbieder="andere_aanbieder", jeugdige=nieuw)
        assert _ziet(route, "andere_aanbieder", nieuw)
        assert not _ziet(route, "aanbieder", nieuw)
        assert mag_dossier_lezen(route["gebruikers"]["andere_aanbieder"], nieuw)


# --- the referral form is no BSN oracle ----------------------------------------------------------


def _formulier(client, route, bsn):
    with op_de_dag(DATUM):
        return client.post(
            "/route/verwijzingen/nieuw/",
            {
                "bsn": bsn,
                "aanbieder": route["andere_aanbieder"].pk,
                "resultaten": "Weer naar school.",
                "soort": "herstel",
                "niveau": "2",
                "datum": DATUM.isoformat(),
                "verwijzer": route["huisarts"].pk,
                "keuze_door_verwijzer": "on",
            },
            follow=True,
        )


def _zonder_tokens(inhoud: str) -> str:
    return "\n".join(r for r in inhoud.splitlines() if "csrfmiddlewaretoken" not in r and "csrf" not in r)


def test_verwijsformulier_verraadt_niet_of_een_bsn_bekend_is(client, route):
    """R-P4: registering a referral answers the same whether or not the BSN is in the register,
    and echoes no name or address from it."""
    bekend = JeugdigeFactory(gemeente=route["zwolle"], voornamen="Bram", achternaam="Bekendsma")
    onbekend = "111222333"
    assert not Jeugdige.objects.filter(bsn=onbekend).exists()
    client.force_login(route["gebruikers"]["andere_aanbieder"])

    bij_bekend = _formulier(client, route, bekend.bsn)
    bij_onbekend = _formulier(client, route, onbekend)

    assert [r[1] for r in bij_bekend.redirect_chain] == [302] == [r[1] for r in bij_onbekend.redirect_chain]
    assert bij_bekend.redirect_chain[0][0] == bij_onbekend.redirect_chain[0][0] == "/route/aanmeldingen/"
    melding_bekend = [str(m) for m in bij_bekend.context["messages"]]
    melding_onbekend = [str(m) for m in bij_onbekend.context["messages"]]
    assert melding_bekend == melding_onbekend and "ontvangen" in melding_bekend[0]
    inhoud = bij_bekend.content.decode()
    assert "Bekendsma" not in inhoud and "Bram" not in inhoud and bekend.bsn not in inhoud
    assert not _ziet(route, "andere_aanbieder", bekend)
    assert AuditRegel.objects.filter(objecttype="verwijzingen.Verwijzing", uitkomst="mislukt").count() == 1


def test_verwijsformulier_geeft_bij_regels_over_het_dossier_hetzelfde_antwoord(client, route):
    """R-P4: a refusal that depends on the register (a second GP-route referral, R-T8) answers
    like an unknown BSN, so it does not tell that the child had a referral before."""
    eerder = JeugdigeFactory(gemeente=route["zwolle"], achternaam="Eerdersma")
    with op_de_dag(DATUM):
        _verwijs(route, door="toegang", aanbieder="aanbieder", jeugdige=eerder, verwijzer=route["huisarts"])
    client.force_login(route["gebruikers"]["andere_aanbieder"])
    antwoord = _formulier(client, route, eerder.bsn)
    assert antwoord.redirect_chain == [("/route/aanmeldingen/", 302)]
    assert "kan alleen met de toegang" not in antwoord.content.decode() and "Eerdersma" not in antwoord.content.decode()
    assert Verwijzing.objects.filter(jeugdige=eerder).count() == 1


def test_verwijsformulier_toont_fouten_in_de_eigen_invoer_wel(client, route):
    """R-P4 keeps the form useful: errors in what the party submitted (here a budget the GP route
    does not allow, R-T6) are shown for a known and an unknown BSN alike."""
    bekend = JeugdigeFactory(gemeente=route["zwolle"])
    client.force_login(route["gebruikers"]["andere_aanbieder"])
    for bsn in (bekend.bsn, "111222333"):
        with op_de_dag(DATUM):
            antwoord = client.post(
                "/route/verwijzingen/nieuw/",
                {
                    "bsn": bsn,
                    "aanbieder": route["andere_aanbieder"].pk,
                    "resultaten": "Weer naar school.",
                    "soort": "herstel",
                    "niveau": "3",
                    "datum": DATUM.isoformat(),
                    "verwijzer": route["huisarts"].pk,
                    "keuze_door_verwijzer": "on",
                },
            )
        assert antwoord.status_code == 200 and "De huisarts kiest keuzebudget herstel 2" in antwoord.content.decode()
    assert not Verwijzing.objects.exists()


# --- the relation ends the region's declaration window after the allocation ------------------------


@pytest.fixture
def beeindigd(route):
    """A child allocated to the provider by the toegang's referral; the allocation's last day."""
    kind = JeugdigeFactory(gemeente=route["zwolle"], achternaam="Afgelopen")
    with op_de_dag(DATUM):
        verwijzing = _verwijs(route, door="toegang", aanbieder="aanbieder", jeugdige=kind, verwijzer=route["huisarts"])
        screen_verwijzing(verwijzing=verwijzing, uitkomst="geaccepteerd", door=route["gebruikers"]["aanbieder"])
    toewijzing = Toewijzing.objects.get(verwijzing=verwijzing)
    return kind, toewijzing.einddatum


def test_relatie_eindigt_na_de_declaratietermijn(client, route, beeindigd):
    """R-P4: the provider and the referrer read the child until the region's declaration window
    after the allocation's end has passed, not a day longer."""
    kind, einde = beeindigd
    termijn = relatietermijn_dagen(route["gebruikers"]["aanbieder"])
    assert termijn == regels(route["zwolle"].regio, einde).declaratietermijn_dagen == 91
    with op_de_dag(einde + timedelta(days=termijn)):
        assert _ziet(route, "aanbieder", kind) and _ziet(route, "huisarts", kind)
    with op_de_dag(einde + timedelta(days=termijn + 1)):
        assert not _ziet(route, "aanbieder", kind) and not _ziet(route, "huisarts", kind)
        client.force_login(route["gebruikers"]["aanbieder"])
        assert client.get(f"/jeugdigen/{kind.pk}/").status_code == 404
        assert "Afgelopen" not in client.get("/jeugdigen/").content.decode()
        assert client.get(f"/api/v1/jeugdigen/{kind.pk}/").status_code == 404


def test_relatietermijn_is_een_regio_instelling(route, beeindigd):
    """R-P4: the period is the region's setting (its rule set's declaratietermijn_dagen, R-R1), no constant."""
    kind, einde = beeindigd
    zet_regels(route["zwolle"].regio, declaratietermijn_dagen=365)
    with op_de_dag(einde + timedelta(days=200)):
        assert _ziet(route, "aanbieder", kind)
    with op_de_dag(einde + timedelta(days=366)):
        assert not _ziet(route, "aanbieder", kind)


def test_jaren_later_geen_zicht_meer(route, beeindigd):
    """R-P4 regression: a provider no longer reads a child whose allocation ended years ago."""
    kind, einde = beeindigd
    with op_de_dag(einde + timedelta(days=3 * 365)):
        assert not _ziet(route, "aanbieder", kind)
        assert not mag_dossier_lezen(route["gebruikers"]["aanbieder"], kind)


# --- finance reads declarations, not the client register --------------------------------------------


def test_financieel_leest_het_clientregister_niet(client, route):
    """R-P1: finance sees declarations and payments of its municipality, not the client register:
    no list, detail, export or API of young people, no referrals."""
    client.force_login(route["gebruikers"]["financieel"])
    zwolle = route["jeugdige_zwolle"]
    for pad in (
        "/jeugdigen/",
        f"/jeugdigen/{zwolle.pk}/",
        "/jeugdigen/?export=csv",
        "/jeugdigen/?export=xlsx",
        "/api/v1/jeugdigen/",
        f"/api/v1/jeugdigen/{zwolle.pk}/",
        "/route/",
        "/route/?export=csv",
        "/api/v1/verwijzingen/",
        "/api/v1/toewijzingen/",
    ):
        antwoord = client.get(pad)
        assert antwoord.status_code == 403, pad
        assert zwolle.bsn not in antwoord.content.decode("utf-8", "replace"), pad
    assert Jeugdige.objects.voor_gebruiker(route["gebruikers"]["financieel"]).count() == 0
    assert "Jeugdigen" not in client.get("/").content.decode().split("<main")[0]


def test_financieel_ziet_declaratieregels_zonder_naam_en_met_gemaskeerd_bsn(client, route, request):
    """R-P1/R-P3: on a declaration's lines and in their export finance sees the masked BSN, no
    name from the client register; the toegang sees both."""
    regels = request.getfixturevalue("declaraties")  # from tests/conftest.py
    jeugdige = route["jeugdige_zwolle"]
    pad = f"/declaraties/{regels['goed'].pk}/"
    client.force_login(route["gebruikers"]["financieel"])
    for inhoud in (client.get(pad).content.decode(), client.get(f"{pad}?export=csv").content.decode("utf-8-sig")):
        assert jeugdige.bsn not in inhoud and jeugdige.achternaam not in inhoud
        assert jeugdige.bsn_gemaskeerd in inhoud
    client.force_login(route["gebruikers"]["toegang"])
    inhoud = client.get(pad).content.decode()
    assert jeugdige.bsn in inhoud and jeugdige.achternaam in inhoud


def test_afgelopen_relatie_herleeft_niet_door_een_eigen_verwijzing(route):
    """R-P4: after the relation ended, the provider cannot revive it by registering a GP's
    referral for the child itself (a submission for the toegang); a new referral by the toegang
    does revive it."""
    kind = JeugdigeFactory(gemeente=route["zwolle"], achternaam="Herleefsma")
    aanbieder = route["gebruikers"]["aanbieder"]
    with op_de_dag(DATUM):
        eerste = _verwijs(route, door="toegang", aanbieder="aanbieder", jeugdige=kind)
        screen_verwijzing(verwijzing=eerste, uitkomst="geaccepteerd", door=aanbieder)
    later = eerste.toewijzingen.get().einddatum + timedelta(days=relatietermijn_dagen(aanbieder) + 30)
    with op_de_dag(later):
        assert not _ziet(route, "aanbieder", kind)
        _meld_aan(route, "aanbieder", kind, datum=later)
        assert not _ziet(route, "aanbieder", kind)
        _verwijs(route, door="toegang", aanbieder="aanbieder", jeugdige=kind, datum=later)
        assert _ziet(route, "aanbieder", kind)


def test_geweigerde_verwijzing_van_de_toegang_geeft_zicht_tot_de_termijn_om_is(route):
    """R-P4: a referral by the toegang that the provider refused carries the relation for the
    region's period after its date, then no longer."""
    kind = JeugdigeFactory(gemeente=route["zwolle"])
    aanbieder = route["gebruikers"]["aanbieder"]
    with op_de_dag(DATUM):
        verwijzing = _verwijs(route, door="toegang", aanbieder="aanbieder", jeugdige=kind)
        screen_verwijzing(verwijzing=verwijzing, uitkomst="te_zwaar", door=aanbieder, toelichting="Te zwaar.")
    termijn = relatietermijn_dagen(aanbieder)
    with op_de_dag(DATUM + timedelta(days=termijn)):
        assert _ziet(route, "aanbieder", kind)
    with op_de_dag(DATUM + timedelta(days=termijn + 1)):
        assert not _ziet(route, "aanbieder", kind)


# --- crisis reports and HSWV deployments -----------------------------------------------------------


def test_crisisbetrokkenheid_geeft_geen_zicht(crisis):
    """R-P4: a crisis report is the crisisdienst's own registration. An involvement of source
    "crisis" (as reports wrote before this rule) gives the crisisdienst no sight on the child."""
    from jeugdregie.jeugdigen.constants import BetrokkenheidBron

    Betrokkenheid.objects.create(
        jeugdige=crisis["jeugdige_zwolle"],
        aanbieder=crisis["crisisdienst"],
        bron=BetrokkenheidBron.CRISIS,
        begindatum=DATUM,
    )
    assert not _ziet(crisis, "crisisdienst", crisis["jeugdige_zwolle"])


def test_hswv_collectief_ziet_het_kind_tot_de_termijn_na_afronding_om_is(route):
    """R-P4 and R-X1: the HSWV collective reads the child while the deployment the toegang made
    runs, and for the region's period after it was rounded off; then no longer."""
    from jeugdregie.catalogus.models import Product
    from jeugdregie.hswv.services import HSWV_PRODUCT, rond_hswv_af, zet_hswv_in
    from jeugdregie.organisaties.services import registreer_contract

    from .factories import AanbiederFactory, GebruikerFactory

    collectief = AanbiederFactory(naam="HSWV-collectief")
    registreer_contract(
        aanbieder=collectief,
        nummer="C-HSWV",
        begindatum=date(2022, 1, 1),
        einddatum=date(2027, 12, 31),
        productcodes=[Product.objects.get(code=HSWV_PRODUCT).code],
    )
    route["collectief"] = collectief
    route["gebruikers"]["collectief"] = GebruikerFactory(aanbieder_rol=True, aanbieder=collectief)
    kind = route["jeugdige_zwolle"]
    assert not _ziet(route, "collectief", kind)
    with op_de_dag(date(2026, 5, 1)):
        inzet = zet_hswv_in(
            jeugdige=kind,
            collectief=collectief,
            onderdelen=["screening"],
            complexiteit="Meervoudige problematiek; eerdere trajecten vastgelopen.",
            begindatum=date(2026, 5, 1),
            door=route["gebruikers"]["toegang"],
        )
        assert _ziet(route, "collectief", kind)
    with op_de_dag(date(2026, 9, 1)):
        rond_hswv_af(inzet=inzet, einddatum=date(2026, 9, 1), door=route["gebruikers"]["collectief"])
    termijn = relatietermijn_dagen(route["gebruikers"]["collectief"])
    with op_de_dag(date(2026, 9, 1) + timedelta(days=termijn)):
        assert _ziet(route, "collectief", kind)
    with op_de_dag(date(2026, 9, 2) + timedelta(days=termijn)):
        assert not _ziet(route, "collectief", kind)
