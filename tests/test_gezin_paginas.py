"""Issue 20 §1/§4 pages: the toegang adds and ends a parent or gezag holder and records and
withdraws a consent from the child's dossier; the dossier shows the family and who the letters
go to (R-D1); readers of the child see it, others do not (R-P1/R-P4); bad input gives a Dutch
message and saves nothing; every page read is audit-logged (R-P2)."""

from __future__ import annotations

from datetime import date

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.gezin.models import Gezinslid, Toestemming

from .builders.gezin import ouder_met_gezag
from .klok import op_de_dag

VANDAAG = date(2026, 3, 2)
FORMULIER = {
    "rol": "ouder",
    "gezag": "on",
    "voornamen": "Petra",
    "achternaam": "de Vries",
    "kanaal": "post",
    "email": "",
    "telefoon": "06-12345678",
    "straatnaam": "Thorbeckegracht",
    "huisnummer": "7",
    "postcode": "8011 VM",
    "plaatsnaam": "Zwolle",
    "land": "NL",
}


def _pad(kind, rest=""):
    return f"/jeugdigen/{kind.pk}/{rest}"


def test_toegang_voegt_ouder_toe_vanuit_dossier_en_ziet_wie_de_brief_krijgt(client, wereld):
    """R-D1: after the toegang enters the mother with gezag, the dossier names who a decision
    letter goes to (the 13-year-old and her mother)."""
    kind = wereld["jeugdige_zwolle"]
    client.force_login(wereld["gebruikers"]["toegang"])
    with op_de_dag(VANDAAG):
        dossier = client.get(_pad(kind, "dossier/")).content.decode()
        assert "Een beschikking kan nu niemand bereiken" in dossier
        assert f'href="/jeugdigen/{kind.pk}/gezin/nieuw/"' in dossier
        antwoord = client.post(_pad(kind, "gezin/nieuw/"), FORMULIER)
        assert antwoord.status_code == 302 and antwoord["Location"] == _pad(kind, "gezin/")
        dossier = client.get(_pad(kind, "dossier/")).content.decode()
    lid = Gezinslid.objects.get()
    assert (lid.naam, lid.telefoonnummer, lid.begindatum) == ("Petra de Vries", "0612345678", VANDAAG)
    assert 'id="dossier-gezin"' in dossier and "Petra de Vries" in dossier
    assert (
        "Beschikkingen gaan vandaag naar: Zara Zwolsma (jeugdige, per post), Petra de Vries (ouder, per post)."
        in dossier
    )


def test_foute_postcode_op_pagina_geeft_melding_en_slaat_niets_op(client, wereld):
    kind = wereld["jeugdige_zwolle"]
    client.force_login(wereld["gebruikers"]["toegang"])
    with op_de_dag(VANDAAG):
        antwoord = client.post(_pad(kind, "gezin/nieuw/"), {**FORMULIER, "postcode": "80"})
    assert antwoord.status_code == 200
    assert "Postcode moet vier cijfers en twee letters zijn, bijvoorbeeld 8011 AB." in antwoord.content.decode()
    assert not Gezinslid.objects.exists()


def test_toestemming_vastleggen_en_intrekken_via_pagina(client, wereld):
    kind = wereld["jeugdige_zwolle"]
    moeder = ouder_met_gezag(kind)
    client.force_login(wereld["gebruikers"]["toegang"])
    with op_de_dag(VANDAAG):
        formulier = client.get(_pad(kind, "toestemmingen/nieuw/")).content.decode()
        assert "Zara Zwolsma (Jeugdige)" in formulier and "Petra de Vries (Ouder)" in formulier
        antwoord = client.post(
            _pad(kind, "toestemmingen/nieuw/"),
            {"gever": str(moeder.pk), "gegevens": "school", "ontvanger": "Het Vechtdal College", "toelichting": ""},
        )
        assert antwoord.status_code == 302
        assert "(1 lopende toestemming)" in client.get(_pad(kind, "dossier/")).content.decode()
        toestemming = Toestemming.objects.get()
        assert (toestemming.gezinslid, toestemming.ontvanger, toestemming.ingetrokken_op) == (
            moeder,
            "Het Vechtdal College",
            None,
        )
        antwoord = client.post(_pad(kind, f"toestemmingen/{toestemming.pk}/intrekken/"), {})
        assert antwoord.status_code == 302
        overzicht = client.get(_pad(kind, "gezin/")).content.decode()
        assert "(0 lopende toestemmingen)" in client.get(_pad(kind, "dossier/")).content.decode()
    toestemming.refresh_from_db()
    assert toestemming.ingetrokken_op is not None
    assert "Het Vechtdal College" in overzicht


def test_ouder_beeindigen_via_pagina(client, wereld):
    kind = wereld["jeugdige_zwolle"]
    moeder = ouder_met_gezag(kind)
    client.force_login(wereld["gebruikers"]["toegang"])
    with op_de_dag(VANDAAG):
        assert client.post(_pad(kind, f"gezin/{moeder.pk}/beeindigen/"), {}).status_code == 302
        overzicht = client.get(_pad(kind, "gezin/")).content.decode()
    moeder.refresh_from_db()
    assert moeder.einddatum == date(2026, 3, 1)
    assert 'id="gezin-eerder"' in overzicht
    assert "Een beschikking kan nu niemand bereiken" in overzicht


@pytest.mark.parametrize("rol", ["aanbieder", "huisarts", "financieel", "beheerder", "gi"])
def test_andere_rollen_wijzigen_het_gezin_niet(client, wereld, rol):
    """R-P1/R-P4: only the toegang enters the family; a provider or GP with a relation reads it."""
    kind = wereld["jeugdige_zwolle"]
    moeder = ouder_met_gezag(kind)
    client.force_login(wereld["gebruikers"][rol])
    for pad in ("gezin/nieuw/", f"gezin/{moeder.pk}/beeindigen/", "toestemmingen/nieuw/", "gezin/contactvoorkeur/"):
        assert client.post(_pad(kind, pad), FORMULIER).status_code == 403
    moeder.refresh_from_db()
    assert Gezinslid.objects.count() == 1 and moeder.einddatum is None


def test_toegang_andere_gemeente_krijgt_404_en_het_wordt_gelogd(client, wereld):
    kind = wereld["jeugdige_zwolle"]
    ouder_met_gezag(kind)
    client.force_login(wereld["gebruikers"]["toegang_andere_gemeente"])
    assert client.get(_pad(kind, "gezin/")).status_code == 404
    assert client.post(_pad(kind, "gezin/nieuw/"), FORMULIER).status_code == 404
    assert Gezinslid.objects.count() == 1
    assert AuditRegel.objects.filter(uitkomst="geweigerd", objecttype="jeugdigen.Jeugdige").exists()


def test_aanbieder_met_relatie_leest_gezin_zonder_knoppen(client, wereld):
    kind = wereld["jeugdige_zwolle"]
    ouder_met_gezag(kind)
    client.force_login(wereld["gebruikers"]["aanbieder"])
    inhoud = client.get(_pad(kind, "gezin/")).content.decode()
    assert "Petra de Vries" in inhoud
    assert "gezin/nieuw/" not in inhoud and "beeindigen" not in inhoud
    regel = AuditRegel.objects.get(objecttype="gezin.Gezinslid", actie="lezen")
    assert regel.client_id == kind.pk
    assert regel.doel.startswith("toegang tot jeugdhulp: gezin, gezag en toestemming")


def test_anoniem_naar_inloggen(client, wereld):
    antwoord = client.get(_pad(wereld["jeugdige_zwolle"], "gezin/"))
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")
