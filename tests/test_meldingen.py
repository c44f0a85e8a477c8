"""Issue 19 §3: the notification inbox per user, its unread count in the navigation, kinds and
links set by the services, and the per-user choice of kinds that come by e-mail. The e-mail
itself, through a real SMTP server: tests/test_meldingen_smtp.py."""

from __future__ import annotations

import pytest

from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services import trek_toewijzing_in
from jeugdregie.verwijzingen.constants import MeldingDoel, MeldingSoort
from jeugdregie.verwijzingen.meldingsoorten import herken
from jeugdregie.verwijzingen.models import Melding, MeldingGelezen
from jeugdregie.verwijzingen.services.meldingen import maak_melding, per_email

from .builders.route import screen, verwijs
from .inloggen import TweeFactorClient


def _meldingen(wereld):
    """One notification to each kind of organisation (ids only in the subject)."""
    jeugdige = wereld["jeugdige_zwolle"].pk
    return {
        "zwolle": maak_melding(
            soort=MeldingSoort.ZORG_GESTOPT, onderwerp="Zorg gestopt voor toewijzing 1", jeugdige_id=jeugdige,
            aan_gemeente_id=wereld["zwolle"].pk,
        ),
        "aanbieder": maak_melding(
            soort=MeldingSoort.TOEWIJZING_INGETROKKEN, onderwerp="Toewijzing 2 is ingetrokken door de gemeente",
            jeugdige_id=jeugdige, aan_aanbieder_id=wereld["aanbieder"].pk,
        ),
        "huisarts": maak_melding(
            soort=MeldingSoort.NIET_GEACCEPTEERD, onderwerp="Verwijzing 3 niet geaccepteerd door de aanbieder",
            jeugdige_id=jeugdige, aan_verwijzer_id=wereld["huisarts"].pk,
        ),
    }  # fmt: skip


def _client(gebruiker):
    client = TweeFactorClient()
    client.force_login(gebruiker)
    return client


@pytest.mark.parametrize(
    ("rol", "ziet"),
    [
        ("toegang", {"zwolle"}),
        ("toegang_andere_gemeente", set()),
        ("aanbieder", {"aanbieder"}),
        ("andere_aanbieder", set()),
        ("huisarts", {"huisarts"}),
        ("gi", set()),
        ("financieel", set()),  # R-P1: finance of the same municipality reads no route
        ("contractmanager", set()),
    ],
)
def test_inbox_toont_alleen_de_meldingen_aan_de_eigen_organisatie(wereld, rol, ziet):
    """Issue 19 §3, R-P1: another municipality's, provider's or practice's notification is never
    in a user's inbox, on the page or in its queryset."""
    meldingen = _meldingen(wereld)
    gebruiker = wereld["gebruikers"][rol]
    verwacht = {meldingen[n].pk for n in ziet}

    assert set(Melding.objects.voor_gebruiker(gebruiker).values_list("pk", flat=True)) == verwacht
    antwoord = _client(gebruiker).get("/meldingen/")
    if rol in ("financieel", "contractmanager"):
        assert antwoord.status_code == 403
    else:
        assert antwoord.status_code == 200
        assert {m.pk for m in antwoord.context["object_list"]} == verwacht
        for naam, melding in meldingen.items():
            assert (melding.onderwerp in antwoord.content.decode()) == (naam in ziet)


def test_anoniem_naar_inloggen_en_geen_teller(client, wereld):
    _meldingen(wereld)
    assert client.get("/meldingen/").status_code == 302
    assert client.get("/meldingen/1/").status_code == 302
    home = client.get("/inloggen/")
    assert "meldingen_ongelezen" not in home.context
    assert 'href="/meldingen/"' not in home.content.decode()


def test_openen_markeert_gelezen_en_gaat_naar_het_item(wereld):
    """Issue 19 §3: opening marks the notification read for this user only and redirects to the
    item (the referral's page; without an item the child's)."""
    meldingen = _meldingen(wereld)
    melding = maak_melding(
        soort=MeldingSoort.NIET_GEACCEPTEERD,
        onderwerp="Verwijzing 9 niet geaccepteerd door de aanbieder",
        jeugdige_id=wereld["jeugdige_zwolle"].pk,
        aan_gemeente_id=wereld["zwolle"].pk,
        doel=MeldingDoel.VERWIJZING,
        doel_id=9,
    )
    toegang = wereld["gebruikers"]["toegang"]
    client = _client(toegang)
    assert client.get("/meldingen/").context["meldingen_ongelezen"] == 2

    antwoord = client.get(f"/meldingen/{melding.pk}/")
    assert (antwoord.status_code, antwoord["Location"]) == (302, "/route/verwijzingen/9/")
    antwoord = client.get(f"/meldingen/{meldingen['zwolle'].pk}/")
    assert antwoord["Location"] == f"/jeugdigen/{wereld['jeugdige_zwolle'].pk}/"

    lijst = client.get("/meldingen/")
    assert lijst.context["meldingen_ongelezen"] == 0
    assert [m.is_gelezen for m in lijst.context["object_list"]] == [True, True]
    collega = wereld["gebruikers"]["toegang"].__class__.objects.create(
        username="collega", rol="toegang", gemeente=wereld["zwolle"]
    )
    assert Melding.objects.voor_gebruiker(collega).ongelezen(collega).count() == 2  # read state is per user


def test_melding_van_een_andere_organisatie_openen_geeft_404_en_verandert_niets(wereld):
    meldingen = _meldingen(wereld)
    for rol, naam in (("toegang_andere_gemeente", "zwolle"), ("andere_aanbieder", "aanbieder"), ("gi", "huisarts")):
        assert _client(wereld["gebruikers"][rol]).get(f"/meldingen/{meldingen[naam].pk}/").status_code == 404
    assert not MeldingGelezen.objects.exists()


def test_teller_in_de_navigatie(wereld):
    """Issue 19 §3: the unread count beside "Meldingen" in the navigation, on every page."""
    _meldingen(wereld)
    html = _client(wereld["gebruikers"]["toegang"]).get("/").content.decode()
    assert 'href="/meldingen/">Meldingen <span class="teller" aria-label="1 ongelezen melding">1</span>' in html
    html = _client(wereld["gebruikers"]["financieel"]).get("/").content.decode()
    assert 'href="/meldingen/"' not in html


def test_alles_gelezen_per_soort_en_filter(wereld):
    toegang = wereld["gebruikers"]["toegang"]
    jeugdige, zwolle = wereld["jeugdige_zwolle"].pk, wereld["zwolle"].pk
    termijn = maak_melding(
        soort=MeldingSoort.ANTWOORDTERMIJN, onderwerp="Antwoordtermijn JW315 verzoek 4 verloopt op 09-03-2026",
        jeugdige_id=jeugdige, aan_gemeente_id=zwolle, doel=MeldingDoel.VERZOEK, doel_id=4,
    )  # fmt: skip
    gestopt = maak_melding(
        soort=MeldingSoort.ZORG_GESTOPT, onderwerp="Zorg gestopt voor toewijzing 1", jeugdige_id=jeugdige,
        aan_gemeente_id=zwolle,
    )  # fmt: skip
    client = _client(toegang)
    assert [m.pk for m in client.get("/meldingen/?soort=antwoordtermijn").context["object_list"]] == [termijn.pk]

    antwoord = client.post("/meldingen/alles-gelezen/", {"soort": "antwoordtermijn"})
    assert antwoord["Location"] == "/meldingen/?soort=antwoordtermijn"
    assert list(Melding.objects.voor_gebruiker(toegang).ongelezen(toegang)) == [gestopt]
    client.post("/meldingen/alles-gelezen/", {"soort": ""})
    assert not Melding.objects.voor_gebruiker(toegang).ongelezen(toegang).exists()
    assert client.get("/meldingen/alles-gelezen/").status_code == 405


def test_weigering_bij_screening_krijgt_soort_en_link_naar_de_verwijzing(route):
    """R-S3, issue 19 §3: the service sets the kind and the link."""
    verwijzing = verwijs(route)
    screen(route, verwijzing, uitkomst="te_zwaar")
    melding = Melding.objects.get()
    assert (melding.soort, melding.doel, melding.doel_id) == (
        MeldingSoort.NIET_GEACCEPTEERD,
        MeldingDoel.VERWIJZING,
        verwijzing.pk,
    )
    assert melding.aan_gemeente_id == route["zwolle"].pk
    assert melding.get_absolute_url() == f"/route/verwijzingen/{verwijzing.pk}/"
    # the toegang that receives it may open the referral it links to
    assert _client(route["gebruikers"]["toegang"]).get(f"/meldingen/{melding.pk}/", follow=True).status_code == 200


def test_intrekking_meldt_de_aanbieder_met_link_naar_zijn_verwijzing(route):
    verwijzing = verwijs(route)
    screen(route, verwijzing)
    toewijzing = Toewijzing.objects.get(verwijzing=verwijzing)  # made on acceptance
    trek_toewijzing_in(toewijzing=toewijzing, door=route["gebruikers"]["toegang"])
    melding = Melding.objects.get(soort=MeldingSoort.TOEWIJZING_INGETROKKEN)
    assert (melding.aan_aanbieder_id, melding.doel, melding.doel_id) == (
        route["aanbieder"].pk,
        MeldingDoel.VERWIJZING,
        verwijzing.pk,
    )


@pytest.mark.parametrize(
    ("onderwerp", "aan_aanbieder", "verwacht"),
    [
        ("Antwoordtermijn JW315 verzoek 12 verloopt op 09-03-2026", False, ("antwoordtermijn", "verzoek", 12, None)),
        ("Antwoordtermijn JW317 verzoek 7 verstreken op 09-03-2026", False, ("antwoordtermijn", "aanpassing", 7, None)),
        ("Verwijzing 5 niet geaccepteerd door de aanbieder", False, ("niet_geaccepteerd", "verwijzing", 5, None)),
        (
            "Verwijzing 5 niet geaccepteerd: de toegang wees aanpassing 6 (keuzebudget onjuist) af",
            False,
            ("niet_geaccepteerd", "verwijzing", 5, None),
        ),
        ("Zorg gestopt voor toewijzing 8", False, ("zorg_gestopt", "", None, 8)),
        (
            "Zorg tussentijds gestopt (iJw) voor toewijzing 8; overleg nog niet bevestigd",
            False,
            ("zorg_gestopt", "", None, 8),
        ),
        ("Verblijf eerder beëindigd dan toegewezen (toewijzing 3)", False, ("afwijkend_einde", "", None, 3)),
        ("Einde verblijf te laat gemeld (toewijzing 3)", True, ("afwijkend_einde", "", None, None)),
        ("Toewijzing 4 is ingetrokken door de gemeente", True, ("toewijzing_ingetrokken", "", None, 4)),
        (
            "Aanpassing 2 (reden 4) toegekend: X krijgt een eigen keuzebudget (verwijzing 9)",
            True,
            ("aanpassing_toegekend", "", None, None),
        ),
        ("Iets anders", False, ("overig", "", None, None)),
    ],
)
def test_soort_en_doel_herkend_uit_het_onderwerp(onderwerp, aan_aanbieder, verwacht):
    """Issue 19 §3: the backfill of the existing rows (migration 0003) and the synthetic region
    recognise the services' subjects; another provider's allocation is never the link (R-W9)."""
    assert tuple(herken(onderwerp, aan_aanbieder=aan_aanbieder)) == verwacht


def test_voorkeuren_standaard_en_wijzigen(wereld):
    """Issue 19 §3: deadline reminders and refusals by e-mail by default; the user changes it."""
    toegang = wereld["gebruikers"]["toegang"]
    assert per_email(toegang) == {"antwoordtermijn", "niet_geaccepteerd"}
    client = _client(toegang)
    pagina = client.get("/meldingen/instellingen/")
    assert pagina.status_code == 200
    assert sorted(pagina.context["form"].initial["per_email"]) == ["antwoordtermijn", "niet_geaccepteerd"]

    antwoord = client.post("/meldingen/instellingen/", {"per_email": ["zorg_gestopt"]})
    assert antwoord.status_code == 302
    assert per_email(toegang) == {"zorg_gestopt"}
    assert per_email(wereld["gebruikers"]["toegang_andere_gemeente"]) == {"antwoordtermijn", "niet_geaccepteerd"}
    assert _client(wereld["gebruikers"]["financieel"]).get("/meldingen/instellingen/").status_code == 403


def test_bestaande_meldingen_krijgen_soort_en_link_uit_de_migratie(route):
    """Issue 19 §3: migration 0003 gives the rows made before it their kind and link: a subject
    naming an allocation links to that allocation's referral; another provider's gets the child's
    page (R-W9); an unknown subject stays "overig"."""
    from importlib import import_module

    from django.apps import apps

    migratie = import_module("jeugdregie.verwijzingen.migrations.0003_melding_soort_doel_en_inbox")
    verwijzing = verwijs(route)
    screen(route, verwijzing)
    toewijzing = Toewijzing.objects.get(verwijzing=verwijzing)
    Melding.objects.all().delete()
    jeugdige, zwolle, andere = route["jeugdige_zwolle"].pk, route["zwolle"].pk, route["andere_aanbieder"].pk
    oud = {
        "gestopt": Melding.objects.create(
            jeugdige_id=jeugdige, aan_gemeente_id=zwolle, onderwerp=f"Zorg gestopt voor toewijzing {toewijzing.pk}"
        ),
        "verblijf": Melding.objects.create(
            jeugdige_id=jeugdige,
            aan_aanbieder_id=andere,
            onderwerp=f"Einde verblijf te laat gemeld (toewijzing {toewijzing.pk})",
        ),
        "weigering": Melding.objects.create(
            jeugdige_id=jeugdige, aan_gemeente_id=zwolle, onderwerp="Verwijzing 77 niet geaccepteerd door de aanbieder"
        ),
        "anders": Melding.objects.create(jeugdige_id=jeugdige, aan_gemeente_id=zwolle, onderwerp="door handler"),
    }

    migratie.vul_soort_en_doel(apps, None)

    na = {n: Melding.objects.values_list("soort", "doel", "doel_id").get(pk=m.pk) for n, m in oud.items()}
    assert na == {
        "gestopt": ("zorg_gestopt", "verwijzing", verwijzing.pk),
        "verblijf": ("afwijkend_einde", "", None),
        "weigering": ("niet_geaccepteerd", "verwijzing", 77),
        "anders": ("overig", "", None),
    }
