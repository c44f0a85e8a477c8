"""R-T10 (correcting R-T8): a second GP-route referral or an extension needs contact with the
toegang only while the young person's GP-route trajectory runs or ended within the region's
window; the toegang's recorded consent lifts the block for one next GP-route referral; a court
or public prosecutor (COD327 08) is a referrer too (000 §6)."""

from datetime import date

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.organisaties.models import Regelset
from jeugdregie.organisaties.regelset import regels
from jeugdregie.organisaties.services import registreer_verwijzer
from jeugdregie.verwijzingen.models import Gebeurtenis, ToestemmingHuisartsroute, Verwijzing
from jeugdregie.verwijzingen.services.huisartsroute import leg_toestemming_vast
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

from .builders.regelset import zet_regels
from .builders.route import verwijs
from .factories import VerwijzerFactory
from .klok import op_de_dag

HERSTEL_2 = BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2)
EERSTE = date(2025, 1, 6)  # herstel 2 runs to 2026-01-05


def _huisarts(route, datum, aanbieder="aanbieder", **extra):
    """The GP refers on the server's date ``datum`` (R-T10 measures the window from the server's date)."""
    with op_de_dag(datum):
        return verwijs(route, door="huisarts", budget=HERSTEL_2, aanbieder=aanbieder, datum=datum, **extra)


def _venster(route, maanden):
    zet_regels(route["zwolle"].regio_id, huisartsroute_venster_maanden=maanden)


def _toestemming(route, dag, door="toegang", reden="Gebeld met de huisarts: tweede traject nodig na terugval."):
    with op_de_dag(dag):
        return leg_toestemming_vast(jeugdige=route["jeugdige_zwolle"], reden=reden, door=route["gebruikers"][door])


def test_venster_staat_standaard_op_twaalf_maanden(route):
    """R-T10: the window is a region parameter whose seed-based default is 12 months."""
    assert regels(route["zwolle"].regio, vandaag()).huisartsroute_venster_maanden == 12
    assert Regelset._meta.get_field("huisartsroute_venster_maanden").default == 12


def test_oude_huisartsroute_blokkeert_niet_meer(route):
    """R-T10: a GP-route trajectory that ended longer ago than the window no longer blocks; one
    that ended within it does (same history, only the region's window differs)."""
    eerste = _huisarts(route, EERSTE)
    assert eerste.keuzebudget.einddatum == date(2026, 1, 5)
    # ended 2 months before: within the default 12 months, so a second GP referral is refused
    with pytest.raises(DomainError) as fout:
        _huisarts(route, date(2026, 3, 2), aanbieder="andere_aanbieder")
    assert fout.value.code == "TW006"
    assert list(Verwijzing.objects.values_list("pk", flat=True)) == [eerste.pk]
    # a region with a 1-month window: the trajectory is history, the GP refers without the toegang
    _venster(route, 1)
    tweede = _huisarts(route, date(2026, 3, 2), aanbieder="andere_aanbieder")
    assert tweede.verwijzer_type == VerwijzerType.HUISARTS and tweede.motivering_afwijking == ""
    assert not ToestemmingHuisartsroute.objects.exists()


def test_lopend_traject_blokkeert_met_nederlandse_melding(route):
    """R-T8/R-T10: while the first GP-route referral runs, a second one is refused with a Dutch
    message that sends the GP to the toegang of the child's municipality; nothing is written."""
    _huisarts(route, date(2026, 3, 2))
    aantal = Gebeurtenis.objects.count()
    with pytest.raises(DomainError) as fout:
        _huisarts(route, date(2026, 9, 1), aanbieder="andere_aanbieder")
    assert fout.value.code == "TW006" and fout.value.field == "verwijzer"
    assert "niet zonder contact met de gemeentelijke toegang" in fout.value.message
    assert "neem contact op met de toegang van de gemeente Zwolle" in fout.value.message
    assert Verwijzing.objects.count() == 1 and Gebeurtenis.objects.count() == aantal


def test_recent_geeindigd_traject_en_verlenging_blokkeren(route):
    """R-T8/R-T10: ended within the window still blocks; an extension via the GP route always
    needs the toegang."""
    _venster(route, 3)
    _huisarts(route, EERSTE)
    with pytest.raises(DomainError) as fout:
        _huisarts(route, date(2026, 4, 5), aanbieder="andere_aanbieder")  # ended 2026-01-05, 3 months
    assert fout.value.code == "TW006"
    with pytest.raises(DomainError) as fout:
        _huisarts(route, date(2026, 9, 1), aanbieder="andere_aanbieder", is_verlenging=True)
    assert fout.value.code == "TW006"
    assert Verwijzing.objects.count() == 1
    # one day later the 3-month window has passed
    assert _huisarts(route, date(2026, 4, 6), aanbieder="andere_aanbieder").pk


def test_toestemming_heft_blokkade_op_voor_een_volgende_verwijzing(route):
    """R-T10: the toegang's consent (server-dated, with its reason, audit-logged and an event row)
    lets exactly one next GP-route referral through, which spends it; the one after that is
    refused again."""
    eerste = _huisarts(route, date(2026, 3, 2))
    toestemming = _toestemming(route, date(2026, 8, 3))
    assert toestemming.datum == date(2026, 8, 3) and toestemming.gemeente == route["zwolle"]
    assert toestemming.reden == "Gebeld met de huisarts: tweede traject nodig na terugval."
    assert toestemming.vastgelegd_door == route["gebruikers"]["toegang"] and not toestemming.is_gebruikt
    assert AuditRegel.objects.filter(
        actie="aanmaken", objecttype="verwijzingen.ToestemmingHuisartsroute", object_id=str(toestemming.pk)
    ).exists()
    rij = Gebeurtenis.objects.get(objecttype="toestemminghuisartsroute", object_id=toestemming.pk)
    assert rij.gebeurtenis == "toestemming_huisartsroute" and rij.gegevens == {"traject_verwijzing_id": eerste.pk}

    tweede = _huisarts(route, date(2026, 9, 1), aanbieder="andere_aanbieder")
    toestemming.refresh_from_db()
    assert toestemming.verwijzing == tweede and tweede.motivering_afwijking == ""
    registratie = Gebeurtenis.objects.get(objecttype="verwijzing", object_id=tweede.pk)
    assert registratie.gegevens["toestemming_huisartsroute_id"] == toestemming.pk

    with pytest.raises(DomainError) as fout:
        _huisarts(route, date(2026, 10, 1), aanbieder="andere_aanbieder")
    assert fout.value.code == "TW006"
    assert Verwijzing.objects.count() == 2


def test_toestemming_geldt_alleen_voor_het_traject_van_dat_moment(route):
    """R-T10: an unused consent recorded during an earlier trajectory does not open a later one."""
    _venster(route, 1)
    _huisarts(route, EERSTE)
    oud = _toestemming(route, date(2025, 6, 2))
    # the first trajectory is history: the next GP referral needs no consent and leaves it unused
    _huisarts(route, date(2026, 3, 2), aanbieder="andere_aanbieder")
    oud.refresh_from_db()
    assert not oud.is_gebruikt
    with pytest.raises(DomainError) as fout:
        _huisarts(route, date(2026, 9, 1))
    assert fout.value.code == "TW006"
    assert Verwijzing.objects.count() == 2


def test_toegang_met_toestemming_hoeft_geen_motivering(route):
    """R-T10: the toegang registering a GP's referral with its consent recorded needs no
    motivation for R-T8; the referral spends the consent and the GP stays referrer."""
    _huisarts(route, date(2026, 3, 2))
    toestemming = _toestemming(route, date(2026, 8, 3))
    with op_de_dag(date(2026, 9, 1)):
        tweede = verwijs(
            route, budget=HERSTEL_2, aanbieder="andere_aanbieder", datum=date(2026, 9, 1), verwijzer=route["huisarts"]
        )
    assert tweede.verwijzer_type == VerwijzerType.HUISARTS and tweede.motivering_afwijking == ""
    toestemming.refresh_from_db()
    assert toestemming.verwijzing == tweede


@pytest.mark.parametrize("door", ["toegang_andere_gemeente", "huisarts", "aanbieder", "gi", "financieel", "beleid"])
def test_alleen_toegang_van_de_gemeente_legt_toestemming_vast(route, door):
    """R-T10, R-P1: only the toegang of the child's municipality records the consent; any other
    user is refused in Dutch and nothing is written."""
    _huisarts(route, date(2026, 3, 2))
    aantal = Gebeurtenis.objects.count()
    with pytest.raises(DomainError) as fout:
        _toestemming(route, date(2026, 8, 3), door=door)
    assert fout.value.code == "TW011"
    assert "Alleen de toegang van de gemeente van de jeugdige" in fout.value.message
    assert not ToestemmingHuisartsroute.objects.exists() and Gebeurtenis.objects.count() == aantal


def test_toestemming_zonder_reden_of_zonder_traject_of_dubbel_wordt_geweigerd(route):
    """R-T10: a reason is required; without a running or recent GP-route trajectory no consent is
    needed; one open consent at a time. Each refusal writes nothing."""
    with pytest.raises(DomainError) as fout:
        _toestemming(route, date(2026, 8, 3))
    assert fout.value.code == "TW039" and "kan zonder toestemming" in fout.value.message
    _huisarts(route, date(2026, 3, 2))
    with pytest.raises(DomainError) as fout:
        _toestemming(route, date(2026, 8, 3), reden="   ")
    assert fout.value.code == "TW039" and fout.value.field == "reden"
    assert not ToestemmingHuisartsroute.objects.exists()
    _toestemming(route, date(2026, 8, 3))
    with pytest.raises(DomainError) as fout:
        _toestemming(route, date(2026, 8, 4))
    assert fout.value.code == "TW039" and "staat al een toestemming" in fout.value.message
    assert ToestemmingHuisartsroute.objects.count() == 1


def test_pagina_vanuit_dossier_legt_toestemming_vast(client, route):
    """R-T10: the toegang reaches the Dutch page from the child's dossier and records the consent
    there; another role gets 403 and a refusal shows in Dutch on the form."""
    jeugdige = route["jeugdige_zwolle"]
    url = f"/route/jeugdigen/{jeugdige.pk}/toestemming-huisartsroute/"
    _huisarts(route, date(2026, 3, 2))
    client.force_login(route["gebruikers"]["toegang"])
    with op_de_dag(date(2026, 8, 3)):
        dossier = client.get(f"/jeugdigen/{jeugdige.pk}/dossier/").content.decode()
        assert f'href="{url}"' in dossier and "Toestemming tweede verwijzing via de huisarts" in dossier
        pagina = client.get(url).content.decode()
        assert "Lopend of recent traject via de huisartsroute: verwijzing van 02-03-2026" in pagina
        leeg = client.post(url, {"reden": ""})
        assert leeg.status_code == 200 and "Vul de reden in" in leeg.content.decode()
        antwoord = client.post(url, {"reden": "Overleg met huisarts en ouders."})
    assert antwoord.status_code == 302 and antwoord.url == f"/jeugdigen/{jeugdige.pk}/dossier/"
    toestemming = ToestemmingHuisartsroute.objects.get()
    assert (toestemming.datum, toestemming.reden) == (date(2026, 8, 3), "Overleg met huisarts en ouders.")
    client.force_login(route["gebruikers"]["huisarts"])
    assert client.get(url).status_code == 403


def test_rechter_of_officier_van_justitie_verwijst_via_de_toegang(route):
    """R-T10 (000 §6): the toegang registers a court's or public prosecutor's referral on its
    behalf; it keeps COD327 08 as referrer (no AGB code needed) and is not the GP route."""
    regio = route["zwolle"].regio
    rechtbank = registreer_verwijzer(regio=regio, type=VerwijzerType.RECHTER, naam="Rechtbank Overijssel")
    rechtbank.full_clean()
    om = registreer_verwijzer(regio=regio, type=VerwijzerType.RECHTER, naam="Openbaar Ministerie Oost-Nederland")
    om.full_clean()
    assert (rechtbank.agb_code, om.agb_code) == ("", "")
    with pytest.raises(DomainError):  # a GP practice still needs its AGB code
        registreer_verwijzer(regio=regio, type=VerwijzerType.HUISARTS, naam="Huisartsenpraktijk zonder AGB")
    verwijzing = verwijs(route, verwijzer=rechtbank)
    assert (verwijzing.verwijzer_type, verwijzing.verwijzer) == ("08", rechtbank)
    # not the GP route: a second referral by the prosecutor is no second GP referral
    with op_de_dag(date(2026, 9, 1)):
        tweede = verwijs(route, verwijzer=om, aanbieder="andere_aanbieder", datum=date(2026, 9, 1))
    assert tweede.verwijzer_type == "08" and tweede.motivering_afwijking == ""
    assert VerwijzerType.RECHTER.label == "Rechter, Officier van Justitie, functionaris JJI"


def test_rechterverwijzing_tot_jw301_die_voldoet(route, klok):
    """R-T10 end to end: the court's referral, registered by the toegang, is accepted by the
    provider; the allocation's JW301 passes its XSD and the standard's rules (the JW301 carries no
    referrer: COD327 08 stays on the referral)."""
    from jeugdregie.ijw.constants import Berichttype, Richting
    from jeugdregie.ijw.models import Bericht
    from jeugdregie.ijw.services.uitbox import verzamel
    from jeugdregie.ijw.xml.inhoud import controleer_inhoud
    from jeugdregie.ijw.xml.schemas import valideer
    from jeugdregie.ijw.xml.veilig import lees

    from .builders.route import screen

    klok(date(2026, 3, 2))
    rechtbank = VerwijzerFactory(
        type=VerwijzerType.RECHTER, naam="Rechtbank Overijssel", agb_code="", regio=route["zwolle"].regio
    )
    verwijzing = verwijs(route, verwijzer=rechtbank)
    screen(route, verwijzing)
    verzamel()
    toewijzing = verwijzing.toewijzingen.get()
    bericht = Bericht.objects.get(richting=Richting.UIT, berichttype=Berichttype.JW301)
    root = lees(bytes(bericht.inhoud))
    valideer(root, "JW301")
    assert {fout.regel for fout in controleer_inhoud(root)} == set()
    assert toewijzing.verwijzing.verwijzer_type == "08"


def test_jw315_met_verwijzer_rechter_blijft_rechter_na_honoreren(client, route):
    """R-T10: a provider's JW315 whose Verwijzer is a court or prosecutor (COD327 08, by name, no
    ZorgverlenerCode: iJw CD068) is honoured by the toegang into a referral with that referrer."""
    from jeugdregie.verzoeken.models import Toewijzingsverzoek

    from .builders.ijw.verzoek import product, stuur

    ontvangst = stuur(route, bsn=route["jeugdige_zwolle"].bsn, producten=[product("RE-1", verwijzer="08")])
    assert ontvangst.retour.retourcodes == ["0200"], ontvangst.bericht.fouten
    verzoek = Toewijzingsverzoek.objects.get(referentie_aanbieder="RE-1")
    assert verzoek.verwijzer_type == "08"
    client.force_login(route["gebruikers"]["toegang"])
    velden = {
        "resultaten": "Zara houdt zich aan de afspraken.",
        "soort": "herstel",
        "niveau": "3",
        "datum": "2026-04-01",
    }
    antwoord = client.post(f"/route/verzoeken/{verzoek.pk}/honoreren/", velden)
    assert antwoord.status_code == 302
    verwijzing = Verwijzing.objects.get()
    assert (verwijzing.verwijzer_type, verwijzing.get_verwijzer_type_display()) == (
        "08",
        "Rechter, Officier van Justitie, functionaris JJI",
    )


# --- review of issue 21: the paying municipality, extensions, the server's date -------------------


def _verhuis_naar_deventer(route, dag):
    """The BRP move of the child (R-D3): from ``dag`` Deventer is the responsible municipality."""
    from jeugdregie.jeugdigen.models import Woonplaats

    jeugdige = route["jeugdige_zwolle"]
    Woonplaats.objects.filter(jeugdige=jeugdige, einddatum__isnull=True).update(
        einddatum=date.fromordinal(dag.toordinal() - 1)
    )
    Woonplaats.objects.create(jeugdige=jeugdige, gemeente=route["deventer"], begindatum=dag)


def test_toestemming_van_de_oude_gemeente_geldt_niet_voor_de_nieuwe(route):
    """R-T10 with R-D3: a consent binds only the municipality whose toegang recorded it. After the
    child moves, Deventer pays the next referral: Zwolle's unused consent does not lift the block
    for it (refused, the consent stays open and nothing is written); Deventer's own consent does."""
    _huisarts(route, date(2026, 3, 2))
    zwolle = _toestemming(route, date(2026, 8, 3))
    assert zwolle.gemeente == route["zwolle"]
    _verhuis_naar_deventer(route, date(2026, 8, 10))
    with pytest.raises(DomainError) as fout:
        _huisarts(route, date(2026, 9, 1), aanbieder="andere_aanbieder")
    assert fout.value.code == "TW006" and "toegang van de gemeente Deventer" in fout.value.message
    zwolle.refresh_from_db()
    assert not zwolle.is_gebruikt and Verwijzing.objects.count() == 1
    with op_de_dag(date(2026, 9, 1)):
        deventer = leg_toestemming_vast(
            jeugdige=route["jeugdige_zwolle"],
            reden="Overleg met de huisarts na de verhuizing.",
            door=route["gebruikers"]["toegang_andere_gemeente"],
        )
    tweede = _huisarts(route, date(2026, 9, 1), aanbieder="andere_aanbieder")
    assert tweede.gemeente == route["deventer"]
    deventer.refresh_from_db()
    zwolle.refresh_from_db()
    assert deventer.verwijzing == tweede and not zwolle.is_gebruikt


def test_verlenging_gebruikt_geen_oude_toestemming(route):
    """R-T8/R-T10: an extension via the GP route obeys the consent rule of a second referral: a
    consent recorded for an earlier trajectory, left unused, does not lift the block for an
    extension asked once that trajectory is history (it used to: any unused consent did)."""
    _venster(route, 1)
    _huisarts(route, EERSTE)
    oud = _toestemming(route, date(2025, 6, 2))
    with pytest.raises(DomainError) as fout:
        _huisarts(route, date(2026, 9, 1), aanbieder="andere_aanbieder", is_verlenging=True)
    assert fout.value.code == "TW006"
    oud.refresh_from_db()
    assert not oud.is_gebruikt and Verwijzing.objects.count() == 1


def test_verlenging_met_toestemming_gebruikt_die_een_keer(route):
    """R-T10: a consent for the running trajectory lets one extension through and is spent by it;
    a further extension is refused again."""
    _huisarts(route, date(2026, 3, 2))
    toestemming = _toestemming(route, date(2026, 8, 3))
    verlenging = _huisarts(route, date(2026, 9, 1), aanbieder="andere_aanbieder", is_verlenging=True)
    toestemming.refresh_from_db()
    assert toestemming.verwijzing == verlenging and verlenging.is_verlenging
    with pytest.raises(DomainError) as fout:
        _huisarts(route, date(2026, 10, 1), aanbieder="andere_aanbieder", is_verlenging=True)
    assert fout.value.code == "TW006"


def test_venster_telt_vanaf_de_datum_van_de_server(route):
    """R-T10, R-B9 (the server owns time): whether a trajectory is recent is decided on the
    server's date, not on the referral date a party fills in. A GP referral dated far ahead (past
    the window) on a server day within it is still refused; the page reads the same."""
    _venster(route, 3)
    _huisarts(route, EERSTE)  # keuzebudget to 2026-01-05
    with op_de_dag(date(2026, 3, 2)), pytest.raises(DomainError) as fout:
        verwijs(route, door="huisarts", budget=HERSTEL_2, aanbieder="andere_aanbieder", datum=date(2026, 6, 1))
    assert fout.value.code == "TW006"
    assert Verwijzing.objects.count() == 1


def test_pagina_en_dienst_lezen_het_venster_gelijk(client, route):
    """R-T10: the consent page and the referral service use the one reading of "running or
    recent" (``huisartsroutestand`` on the server's date): where the page says no consent is
    needed, the GP's referral on that server day goes through."""
    _venster(route, 3)
    _huisarts(route, EERSTE)
    jeugdige = route["jeugdige_zwolle"]
    client.force_login(route["gebruikers"]["toegang"])
    with op_de_dag(date(2026, 4, 5)):
        pagina = client.get(f"/route/jeugdigen/{jeugdige.pk}/toestemming-huisartsroute/").content.decode()
    assert "Lopend of recent traject via de huisartsroute: verwijzing van 06-01-2025" in pagina
    with op_de_dag(date(2026, 4, 6)):
        pagina = client.get(f"/route/jeugdigen/{jeugdige.pk}/toestemming-huisartsroute/").content.decode()
    assert "kan zonder toestemming" in pagina
    assert _huisarts(route, date(2026, 4, 6), aanbieder="andere_aanbieder").pk
