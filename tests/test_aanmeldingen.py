"""A provider's or GI's submission on the referral form is no BSN oracle (R-P4, issue 14).

Before: the answer message was the same for a known and an unknown BSN, but the registrant's
overview listed the referral only when the BSN was known, so the list told whether a BSN belonged
to a youth-care client. Now every submission is an ``Aanmelding``; the registrant's overview lists
those, the same for both, and not the referral it made itself until a municipal decision relates
it to the child. The toegang finds a submission with an unknown BSN in its work queue."""

import re
from datetime import date

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.jeugdigen.models import Betrokkenheid, Jeugdige
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.verwijzingen.models import Aanmelding, Gebeurtenis, Keuzebudget, Resultaat, Verwijzing

from .factories import JeugdigeFactory
from .klok import op_de_dag

DATUM = date(2026, 3, 2)
ONBEKEND = "111222333"


def _gegevens(route, wie, bsn):
    if wie == "gi":  # a GI refers with an offerte keuzebudget (R-T7)
        return {
            "bsn": bsn,
            "aanbieder": route["aanbieder"].pk,
            "resultaten": "Weer naar school.",
            "soort": "herstel",
            "niveau": "offerte",
            "offerte_bedrag": "6400",
            "einddatum": "2026-12-31",
            "datum": DATUM.isoformat(),
        }
    return {
        "bsn": bsn,
        "aanbieder": route["andere_aanbieder"].pk,
        "resultaten": "Weer naar school.",
        "soort": "herstel",
        "niveau": "2",
        "datum": DATUM.isoformat(),
        "verwijzer": route["huisarts"].pk,
        "keuze_door_verwijzer": "on",
    }


def _meld_aan(client, route, wie, bsn):
    with op_de_dag(DATUM):
        return client.post("/route/verwijzingen/nieuw/", _gegevens(route, wie, bsn))


def _rijen(inhoud: str) -> list[str]:
    """The overview's rows with the masked BSN's last digits and the submission time normalised."""
    rijen = re.findall(r'<tr class="aanmelding">.*?</tr>', inhoud, flags=re.S)
    rijen = [re.sub(r"\*{5}\d{4}", "*****####", r) for r in rijen]
    return [re.sub(r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}", "dd-mm-jjjj uu:mm", r) for r in rijen]


def _pagina(client, pad: str) -> str:
    """A page without its per-request CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", client.get(pad).content.decode())


def _telling():
    return {
        model.__name__: model.objects.count()
        for model in (Jeugdige, Betrokkenheid, Verwijzing, Resultaat, Keuzebudget, Toewijzing)
    }


@pytest.fixture
def bekend(route):
    return JeugdigeFactory(gemeente=route["zwolle"], voornamen="Bram", achternaam="Bekendsma")


@pytest.mark.parametrize("wie", ["andere_aanbieder", "gi"])
def test_overzicht_is_gelijk_voor_bekend_en_onbekend_bsn(client, route, bekend, wie):
    """R-P4 regression (issue 14): a provider (GP route) or GI that registers with a known and
    with an unknown BSN gets the same answer and byte-identical overview rows apart from the
    masked BSN digits and the time; no row, list, export or API answer names the child, and the
    referral it made for the known child is not in its overview of referrals."""
    client.force_login(route["gebruikers"][wie])
    route_voor = _pagina(client, "/route/")
    api_voor = client.get("/api/v1/verwijzingen/").json()
    csv_voor = client.get("/route/?export=csv").content

    onbekend_antwoord = _meld_aan(client, route, wie, ONBEKEND)
    rijen_onbekend = _rijen(client.get("/route/aanmeldingen/").content.decode())
    bekend_antwoord = _meld_aan(client, route, wie, bekend.bsn)
    rijen = _rijen(client.get("/route/aanmeldingen/").content.decode())

    assert onbekend_antwoord.status_code == bekend_antwoord.status_code == 302
    assert onbekend_antwoord["Location"] == bekend_antwoord["Location"] == "/route/aanmeldingen/"
    assert len(rijen_onbekend) == 1 and len(rijen) == 2
    assert rijen[0] == rijen[1] == rijen_onbekend[0]  # newest first: the known one, then the unknown one
    assert "Ontvangen" in rijen[0] and "Weer naar school." in rijen[0]
    overzicht = client.get("/route/aanmeldingen/").content.decode()
    assert bekend.bsn_gemaskeerd in overzicht and f"*****{ONBEKEND[5:]}" in overzicht
    for inhoud in (overzicht, client.get("/route/").content.decode()):
        assert "Bekendsma" not in inhoud and "Bram" not in inhoud
        assert bekend.bsn not in inhoud and ONBEKEND not in inhoud
    if wie == "gi":
        # the GI's referral for the known child was made (the route proceeds), yet the overviews
        # did not change
        verwijzing = Verwijzing.objects.get(jeugdige=bekend)
        assert Aanmelding.objects.get(bsn=bekend.bsn).verwijzing == verwijzing
        assert f"/route/verwijzingen/{verwijzing.pk}/" not in _pagina(client, "/route/")
    else:
        # a provider's submission waits for the toegang of the child's municipality, known or not
        assert not Verwijzing.objects.exists()
        aanmelding = Aanmelding.objects.get(bsn=bekend.bsn)
        assert (aanmelding.status, aanmelding.gemeente, aanmelding.verwijzing) == ("ontvangen", route["zwolle"], None)
    assert _pagina(client, "/route/") == route_voor
    assert client.get("/api/v1/verwijzingen/").json() == api_voor
    assert client.get("/route/?export=csv").content == csv_voor


def test_api_antwoordt_gelijk_voor_bekend_en_onbekend_kind(client, route, bekend):
    """R-P4 through the API: a provider registers a referral there only for a child it already
    reads (by id); a known child outside its relations and a non-existent id get the same 404,
    and its own registration on the page does not appear in the API's list."""
    client.force_login(route["gebruikers"]["andere_aanbieder"])
    body = {
        "aanbieder": route["andere_aanbieder"].agb_code,
        "verwijzer": route["huisarts"].agb_code,
        "resultaten": ["Weer naar school."],
        "soort": "herstel",
        "niveau": 2,
        "datum": DATUM.isoformat(),
    }
    antwoorden = []
    for pk in (bekend.pk, Jeugdige.objects.order_by("-pk").first().pk + 1000):
        with op_de_dag(DATUM):
            antwoord = client.post("/api/v1/verwijzingen/", {**body, "jeugdige": pk}, content_type="application/json")
        antwoorden.append((antwoord.status_code, antwoord.content))
    assert antwoorden[0] == antwoorden[1] and antwoorden[0][0] == 404
    assert not Verwijzing.objects.exists()

    lijst_voor = client.get("/api/v1/verwijzingen/").json()
    _meld_aan(client, route, "andere_aanbieder", bekend.bsn)
    assert not Verwijzing.objects.exists()  # a provider's submission waits for the toegang
    assert client.get("/api/v1/verwijzingen/").json() == lijst_voor


def test_onbekend_bsn_schrijft_alleen_de_aanmelding(client, route):
    """R-P4: for an unknown BSN nothing but the submission is written (with its event and audit
    rows): no young person, referral, result, budget, allocation or involvement."""
    client.force_login(route["gebruikers"]["andere_aanbieder"])
    voor = _telling()
    _meld_aan(client, route, "andere_aanbieder", ONBEKEND)
    assert _telling() == voor
    aanmelding = Aanmelding.objects.get()
    assert (aanmelding.bsn, aanmelding.status, aanmelding.verwijzing, aanmelding.gemeente) == (
        ONBEKEND,
        "onbekend_bsn",
        None,
        None,
    )
    assert aanmelding.indiener_aanbieder == route["andere_aanbieder"]
    assert aanmelding.regio == route["zwolle"].regio
    assert aanmelding.gegevens["resultaten"] == ["Weer naar school."]
    assert list(Gebeurtenis.objects.values_list("objecttype", "gebeurtenis")) == [
        ("aanmelding", "aanmelding_ontvangen")
    ]
    assert not AuditRegel.objects.filter(details__contains=ONBEKEND).exists()


def test_fout_in_de_eigen_invoer_schrijft_geen_aanmelding(client, route):
    """R-P4 keeps the form useful: an error in what was submitted (R-T6) is shown, nothing stored."""
    client.force_login(route["gebruikers"]["andere_aanbieder"])
    with op_de_dag(DATUM):
        antwoord = client.post(
            "/route/verwijzingen/nieuw/", {**_gegevens(route, "andere_aanbieder", ONBEKEND), "niveau": "3"}
        )
    assert antwoord.status_code == 200 and "De huisarts kiest keuzebudget herstel 2" in antwoord.content.decode()
    assert not Aanmelding.objects.exists() and not Gebeurtenis.objects.exists()


def test_toegang_ziet_onbekend_bsn_in_werkvoorraad(client, route, bekend):
    """R-P4: the toegang of the registrant's region sees the submission with an unknown BSN, in
    full, so it can register the child; the read is audit-logged (R-P2). A provider's submission
    for a known child is in the queue of the child's municipality only, a GI's that led to a
    referral in no queue, and the registrant cannot open the queue."""
    client.force_login(route["gebruikers"]["andere_aanbieder"])
    _meld_aan(client, route, "andere_aanbieder", ONBEKEND)
    _meld_aan(client, route, "andere_aanbieder", bekend.bsn)
    assert client.get("/route/aanmeldingen/werkvoorraad/").status_code == 403
    client.force_login(route["gebruikers"]["gi"])
    _meld_aan(client, route, "gi", bekend.bsn)
    assert Aanmelding.objects.get(indiener_verwijzer__isnull=False).status == "verwerkt"

    for wie, ziet_bekend in (("toegang", 1), ("toegang_andere_gemeente", 0)):
        client.force_login(route["gebruikers"][wie])
        inhoud = client.get("/route/aanmeldingen/werkvoorraad/").content.decode()
        assert ONBEKEND in inhoud and "Weer naar school." in inhoud and route["andere_aanbieder"].naam in inhoud
        assert inhoud.count(bekend.bsn) == ziet_bekend
        assert "Werkvoorraad aanmeldingen" in client.get("/route/").content.decode()
    assert AuditRegel.objects.filter(objecttype="verwijzingen.Aanmelding", actie="zoeken").count() == 2


def test_bekend_bsn_gaat_naar_de_eigen_toegang(client, route, bekend):
    """R-P4: a provider's submission for a known child, even one the GP-route rules would refuse
    (a second GP-route referral, R-T8), answers like any other and is decided by nobody but the
    toegang of the child's municipality: it waits, open, in that toegang's queue only."""
    from jeugdregie.catalogus.constants import KeuzebudgetSoort
    from jeugdregie.verwijzingen.services import registreer_verwijzing
    from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

    with op_de_dag(DATUM):
        registreer_verwijzing(
            jeugdige=bekend,
            aanbieder=route["aanbieder"],
            resultaten=["Eerder."],
            budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2),
            datum=DATUM,
            door=route["gebruikers"]["toegang"],
            verwijzer=route["huisarts"],
        )
    client.force_login(route["gebruikers"]["andere_aanbieder"])
    antwoord = _meld_aan(client, route, "andere_aanbieder", bekend.bsn)
    assert antwoord["Location"] == "/route/aanmeldingen/"
    aanmelding = Aanmelding.objects.get()
    assert (aanmelding.status, aanmelding.reden, aanmelding.gemeente, aanmelding.besloten) == (
        "ontvangen",
        "",
        route["zwolle"],
        False,
    )
    assert Verwijzing.objects.count() == 1
    client.force_login(route["gebruikers"]["toegang"])
    assert bekend.bsn in client.get("/route/aanmeldingen/werkvoorraad/").content.decode()
    client.force_login(route["gebruikers"]["toegang_andere_gemeente"])
    assert bekend.bsn not in client.get("/route/aanmeldingen/werkvoorraad/").content.decode()


def test_aanmeldingen_alleen_voor_de_eigen_organisatie(client, route):
    """R-P1/R-P4: a provider sees its own organisation's submissions only, and reading them is
    audit-logged (R-P2); roles without personal data are refused."""
    client.force_login(route["gebruikers"]["andere_aanbieder"])
    _meld_aan(client, route, "andere_aanbieder", ONBEKEND)
    assert len(_rijen(client.get("/route/aanmeldingen/").content.decode())) == 1
    for wie in ("aanbieder", "gi", "huisarts"):
        client.force_login(route["gebruikers"][wie])
        inhoud = client.get("/route/aanmeldingen/").content.decode()
        assert _rijen(inhoud) == [] and ONBEKEND[5:] not in inhoud
    for wie in ("financieel", "contractmanager"):
        client.force_login(route["gebruikers"][wie])
        assert client.get("/route/aanmeldingen/").status_code == 403
        assert client.get("/route/aanmeldingen/werkvoorraad/").status_code == 403
    assert AuditRegel.objects.filter(objecttype="verwijzingen.Aanmelding", actie="zoeken").count() == 4


def test_thuiswerkvoorraad_verraadt_niet_of_een_bsn_bekend_is(client, route, bekend):
    """R-P4 regression (issue 14): the provider's home page is the same after a submission with a
    known and with an unknown BSN: its GP-route submission goes through the toegang (as iJw JW315
    does), so there is no referral of its own to screen ("Te screenen") for a known child."""

    def thuis() -> str:
        client.get("/route/aanmeldingen/")  # shows (and so clears) the one-time message
        return _pagina(client, "/")

    client.force_login(route["gebruikers"]["andere_aanbieder"])
    _meld_aan(client, route, "andere_aanbieder", ONBEKEND)
    na_onbekend = thuis()
    _meld_aan(client, route, "andere_aanbieder", bekend.bsn)
    assert thuis() == na_onbekend


# --- the toegang decides on a provider's submission: honour or refuse (R-P4) -----------------------


def _eerdere_huisartsroute(route, jeugdige):
    """A running GP-route referral for the child, so a second one needs the toegang (R-T8)."""
    from jeugdregie.catalogus.constants import KeuzebudgetSoort
    from jeugdregie.verwijzingen.services import registreer_verwijzing
    from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

    with op_de_dag(DATUM):
        return registreer_verwijzing(
            jeugdige=jeugdige,
            aanbieder=route["aanbieder"],
            resultaten=["Eerder."],
            budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2),
            datum=DATUM,
            door=route["gebruikers"]["toegang"],
            verwijzer=route["huisarts"],
        )


def _aangemeld(client, route, bsn) -> Aanmelding:
    client.force_login(route["gebruikers"]["andere_aanbieder"])
    _meld_aan(client, route, "andere_aanbieder", bsn)
    client.get("/route/aanmeldingen/")  # shows (and so clears) the one-time message
    return Aanmelding.objects.get(bsn=bsn, indiener_aanbieder=route["andere_aanbieder"])


def _besluit(client, route, wie, aanmelding, actie, **gegevens):
    client.force_login(route["gebruikers"][wie])
    with op_de_dag(DATUM):
        return client.post(f"/route/aanmeldingen/{aanmelding.pk}/{actie}/", gegevens, follow=True)


def _meldingen(antwoord) -> list[str]:
    return [str(m) for m in antwoord.context["messages"]] if antwoord.context else []


def _stand(aanmelding):
    aanmelding.refresh_from_db()
    return (aanmelding.status, aanmelding.verwijzing_id, aanmelding.besluit_op, aanmelding.toelichting)


def test_toegang_honoreert_en_de_aanbieder_screent(client, route, bekend):
    """R-P4: the toegang of the child's municipality honours the provider's submission: a referral
    by the toegang from what was submitted, the GP kept as referrer (R-T6: herstel 2 as the GP
    chose). That is a municipal decision, so the provider now sees it to screen, on its home page
    and the referral's page; its overview shows the toegang's decision."""
    aanmelding = _aangemeld(client, route, bekend.bsn)
    antwoord = _besluit(client, route, "toegang", aanmelding, "honoreren")
    assert antwoord.redirect_chain == [("/route/aanmeldingen/werkvoorraad/", 302)]
    assert _meldingen(antwoord) == ["Aanmelding gehonoreerd: de verwijzing is geregistreerd. De aanbieder screent nu."]
    verwijzing = Verwijzing.objects.get()
    assert (verwijzing.jeugdige, verwijzing.aanbieder, verwijzing.gemeente) == (
        bekend,
        route["andere_aanbieder"],
        route["zwolle"],
    )
    assert (verwijzing.verwijzer_type, verwijzing.verwijzer, verwijzing.aangemaakt_door) == (
        "02",
        route["huisarts"],
        route["gebruikers"]["toegang"],
    )
    assert (verwijzing.keuzebudget.niveau, verwijzing.datum, verwijzing.status) == (2, DATUM, "te_screenen")
    assert [r.omschrijving for r in verwijzing.resultaten.all()] == ["Weer naar school."]
    aanmelding.refresh_from_db()
    assert (aanmelding.status, aanmelding.verwijzing, aanmelding.besluit_door) == (
        "verwerkt",
        verwijzing,
        route["gebruikers"]["toegang"],
    )
    assert bekend.bsn not in antwoord.content.decode()  # decided: out of the queue
    assert list(Gebeurtenis.objects.filter(objecttype="aanmelding").values_list("gebeurtenis", flat=True)) == [
        "aanmelding_ontvangen",
        "aanmelding_gehonoreerd",
    ]
    assert AuditRegel.objects.filter(
        objecttype="verwijzingen.Aanmelding", object_id=str(aanmelding.pk), actie="wijzigen"
    ).exists()

    client.force_login(route["gebruikers"]["andere_aanbieder"])
    thuis = client.get("/").content.decode()
    assert "Te screenen" in thuis and f"/route/verwijzingen/{verwijzing.pk}/" in thuis
    assert client.get(f"/route/verwijzingen/{verwijzing.pk}/").status_code == 200
    assert "Verwerkt tot verwijzing" in client.get("/route/aanmeldingen/").content.decode()


def test_honoreren_boven_de_huisartsroute_vraagt_motivering(client, route, bekend):
    """R-T8 through the toegang (R-P4): honouring a second GP-route referral without a motivation
    is refused with the rule in Dutch on the queue page; nothing is written and the submission
    stays open. With the motivation it is honoured and the motivation recorded."""
    eerder = _eerdere_huisartsroute(route, bekend)
    aanmelding = _aangemeld(client, route, bekend.bsn)
    voor = _telling()
    antwoord = _besluit(client, route, "toegang", aanmelding, "honoreren", motivering_afwijking="  ")
    assert antwoord.redirect_chain == [("/route/aanmeldingen/werkvoorraad/", 302)]
    assert _meldingen(antwoord) == [
        "Deze jeugdige heeft een lopend of recent traject via de huisartsroute: een tweede verwijzing of een "
        "verlenging via de huisarts kan alleen met de toegang. Had u contact, leg dan uw toestemming vast op de "
        "pagina van de jeugdige. Wijkt u af, leg dan de motivering vast."
    ]
    assert _telling() == voor
    assert _stand(aanmelding) == ("ontvangen", None, None, "")
    assert bekend.bsn in antwoord.content.decode()  # still in the queue

    _besluit(client, route, "toegang", aanmelding, "honoreren", motivering_afwijking="Overleg met huisarts en ouders.")
    tweede = Verwijzing.objects.exclude(pk=eerder.pk).get()
    assert (tweede.verwijzer_type, tweede.motivering_afwijking) == ("02", "Overleg met huisarts en ouders.")
    assert _stand(aanmelding)[:2] == ("verwerkt", tweede.pk)


def test_toegang_wijst_af_met_reden(client, route, bekend):
    """R-P4: "Afwijzen" asks a reason; with it the submission is niet_verwerkt, the reason stored,
    nothing else written. The registrant then sees the toegang's decision and reason."""
    aanmelding = _aangemeld(client, route, bekend.bsn)
    voor = _telling()
    antwoord = _besluit(client, route, "toegang", aanmelding, "afwijzen", reden=" ")
    assert _meldingen(antwoord) == ["Dit veld is vereist."]
    assert _stand(aanmelding) == ("ontvangen", None, None, "")

    antwoord = _besluit(client, route, "toegang", aanmelding, "afwijzen", reden="Eerst een gesprek met de toegang.")
    assert _meldingen(antwoord) == [
        "Aanmelding afgewezen. De indiener ziet de reden in zijn overzicht van aanmeldingen."
    ]
    status, verwijzing_id, besluit_op, toelichting = _stand(aanmelding)
    assert (status, verwijzing_id, toelichting) == ("niet_verwerkt", None, "Eerst een gesprek met de toegang.")
    assert besluit_op is not None and _telling() == voor
    assert list(Gebeurtenis.objects.filter(objecttype="aanmelding").values_list("gebeurtenis", flat=True)) == [
        "aanmelding_ontvangen",
        "aanmelding_afgewezen",
    ]
    # decided is final: no honour after a refusal
    antwoord = _besluit(client, route, "toegang", aanmelding, "honoreren")
    assert antwoord.status_code == 404 and not Verwijzing.objects.exists()
    client.force_login(route["gebruikers"]["andere_aanbieder"])
    rijen = _rijen(client.get("/route/aanmeldingen/").content.decode())
    assert "Niet verwerkt: Eerst een gesprek met de toegang." in rijen[0]


def test_onbekend_bsn_eerst_registreren_dan_honoreren(client, route):
    """R-P4: for an unknown BSN the toegang registers the child first (the existing message says
    so; nothing written), and can then honour."""
    aanmelding = _aangemeld(client, route, ONBEKEND)
    antwoord = _besluit(client, route, "toegang", aanmelding, "honoreren")
    assert _meldingen(antwoord) == ["Geen jeugdige met dit BSN in uw bereik. Registreer de jeugdige eerst."]
    assert _stand(aanmelding) == ("onbekend_bsn", None, None, "") and not Verwijzing.objects.exists()

    kind = JeugdigeFactory(gemeente=route["zwolle"], bsn=ONBEKEND)
    _besluit(client, route, "toegang", aanmelding, "honoreren")
    verwijzing = Verwijzing.objects.get()
    assert (verwijzing.jeugdige, verwijzing.verwijzer) == (kind, route["huisarts"])
    assert _stand(aanmelding)[:2] == ("verwerkt", verwijzing.pk)


def test_toegang_van_een_andere_gemeente_kan_niet_beslissen(client, route, bekend):
    """R-P1/R-P4: a provider's submission for a Zwolle child is not in another municipality's
    queue: honouring or refusing it answers 404 and changes nothing."""
    aanmelding = _aangemeld(client, route, bekend.bsn)
    for actie, gegevens in (("honoreren", {}), ("afwijzen", {"reden": "Niet bij ons."})):
        antwoord = _besluit(client, route, "toegang_andere_gemeente", aanmelding, actie, **gegevens)
        assert antwoord.status_code == 404
    assert _stand(aanmelding) == ("ontvangen", None, None, "") and not Verwijzing.objects.exists()


def test_aanmelding_waarvan_de_budgetperiode_voorbij_is_wordt_niet_gehonoreerd(client, route, bekend):
    """R-P4 (TW038): a submission that waited past its budget period (herstel 2: a year from the
    referral date) would become a referral that ended before anyone acted on it, yet gave the
    provider sight for the window after it. Honouring it is refused in Dutch, nothing is written
    and it stays open; the toegang refuses it with a reason instead. The day before the period
    ends it is still honoured."""
    aanmelding = _aangemeld(client, route, bekend.bsn)
    client.force_login(route["gebruikers"]["toegang"])
    voor = _telling()
    with op_de_dag(date(2027, 3, 3)):
        antwoord = client.post(f"/route/aanmeldingen/{aanmelding.pk}/honoreren/", follow=True)
    assert _meldingen(antwoord) == [
        "Deze verwijzing is van 02-03-2026; het keuzebudget zou lopen tot 01-03-2027 en die periode is voorbij. "
        "Wijs de aanmelding af met als reden dat een nieuwe verwijzing nodig is."
    ]
    assert _telling() == voor and _stand(aanmelding) == ("ontvangen", None, None, "")
    assert not Betrokkenheid.objects.filter(jeugdige=bekend, aanbieder=route["andere_aanbieder"]).exists()

    with op_de_dag(date(2027, 3, 1)):
        client.post(f"/route/aanmeldingen/{aanmelding.pk}/honoreren/")
    assert _stand(aanmelding)[0] == "verwerkt"


@pytest.mark.parametrize("wie", ["andere_aanbieder", "gi", "financieel"])
def test_indiener_en_andere_rollen_kunnen_niet_beslissen(client, route, bekend, wie):
    """R-P4: the registrant cannot honour or refuse its own submission (nor can other roles):
    403, nothing changed."""
    aanmelding = _aangemeld(client, route, bekend.bsn)
    for actie in ("honoreren", "afwijzen"):
        antwoord = _besluit(client, route, wie, aanmelding, actie, reden="Zelf.")
        assert antwoord.status_code == 403
    assert _stand(aanmelding) == ("ontvangen", None, None, "") and not Verwijzing.objects.exists()


def test_aanbieder_registreert_zelf_geen_verwijzing(route, bekend):
    """R-P4: the service refuses a provider as the one registering a referral, so no path (page,
    API) lets it make one for itself."""
    from jeugdregie.catalogus.constants import KeuzebudgetSoort
    from jeugdregie.common.errors import DomainError
    from jeugdregie.verwijzingen.services import registreer_verwijzing
    from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

    with op_de_dag(DATUM), pytest.raises(DomainError) as fout:
        registreer_verwijzing(
            jeugdige=bekend,
            aanbieder=route["andere_aanbieder"],
            resultaten=["Weer naar school."],
            budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2),
            datum=DATUM,
            door=route["gebruikers"]["andere_aanbieder"],
            verwijzer=route["huisarts"],
        )
    assert fout.value.code == "TW011" and "de toegang beslist erover" in fout.value.message
    assert not Verwijzing.objects.exists()


def _zonder_id_en_bsn(gegevens: dict) -> dict:
    return {k: v for k, v in gegevens.items() if k not in ("id", "melding", "bsn")}


def test_crisismelding_verraadt_niet_of_een_bsn_bekend_is(client, crisis, klok):
    """R-P4 on the crisis route (R-C1–R-C3): the crisisdienst's report, its assessment and the
    crisisopvolging request answer the same for a BSN in the register and one that is not, and
    none of them adds the child to what the crisisdienst can read. The toegang sees the link and
    allocates; for the unknown BSN it registers the child first. Only its allocation, a municipal
    decision, gives the provider sight."""
    from jeugdregie.jeugdigen.bsn import bsn_reeks

    from .builders.route import _beoordeel, _melding_body, _verzoek_body

    klok(date(2026, 4, 27))
    dienst = crisis["gebruikers"]["crisisdienst"]
    client.force_login(dienst)
    jeugdigen_voor = client.get("/api/v1/jeugdigen/").json()
    onbekend, bekend = next(bsn_reeks(90_000_000)), crisis["jeugdige_zwolle"].bsn
    antwoorden = {}
    for bsn in (onbekend, bekend):
        client.force_login(dienst)
        melding = client.post(
            "/api/v1/crisismeldingen/", _melding_body(crisis, bsn=bsn), content_type="application/json"
        )
        beoordeling = _beoordeel(client, crisis, melding.json())
        verzoek = client.post(
            f"/api/v1/crisismeldingen/{melding.json()['id']}/crisisopvolging/",
            _verzoek_body(crisis),
            content_type="application/json",
        )
        pagina = _pagina(client, f"/route/crisis/meldingen/{melding.json()['id']}/")
        antwoorden[bsn] = [
            (melding.status_code, _zonder_id_en_bsn(melding.json())),
            (beoordeling.status_code, _zonder_id_en_bsn(beoordeling.json())),
            (verzoek.status_code, _zonder_id_en_bsn(verzoek.json())),
            re.sub(r"\d+", "#", pagina.replace(bsn[5:], "laatste4")),
        ]
        assert melding.json()["bsn"] == bsn and melding.json()["jeugdige"] is None
        assert f"BSN *****{bsn[5:]}" in pagina
    assert antwoorden[onbekend] == antwoorden[bekend]
    assert [a[0] for a in antwoorden[bekend][:3]] == [201, 200, 201]
    assert crisis["jeugdige_zwolle"].achternaam not in antwoorden[bekend][3]
    assert client.get("/api/v1/jeugdigen/").json() == jeugdigen_voor
    assert client.get(f"/api/v1/jeugdigen/{crisis['jeugdige_zwolle'].pk}/").status_code == 404

    # the toegang sees the link for the known BSN, and allocates; the unknown asks registration first
    client.force_login(crisis["gebruikers"]["toegang"])
    verzoeken = {v["bsn"]: v for v in client.get("/api/v1/crisisverzoeken/").json()["results"]}
    assert verzoeken[bekend]["jeugdige"] == crisis["jeugdige_zwolle"].pk and verzoeken[onbekend]["jeugdige"] is None
    body = {"toekennen": True, "einddatum": "2026-06-30", "volume": "40"}
    geweigerd = client.post(
        f"/api/v1/crisisverzoeken/{verzoeken[onbekend]['id']}/besluit/", body, content_type="application/json"
    )
    assert geweigerd.status_code == 400 and "Registreer de jeugdige eerst" in geweigerd.json()["fouten"][0]["melding"]
    kind = JeugdigeFactory(gemeente=crisis["zwolle"], bsn=onbekend)
    for bsn in (onbekend, bekend):
        toegewezen = client.post(
            f"/api/v1/crisisverzoeken/{verzoeken[bsn]['id']}/besluit/", body, content_type="application/json"
        )
        assert toegewezen.status_code == 200, toegewezen.content
    client.force_login(dienst)
    zichtbaar = {j["id"] for j in client.get("/api/v1/jeugdigen/").json()["results"]}
    assert {kind.pk, crisis["jeugdige_zwolle"].pk} <= zichtbaar
