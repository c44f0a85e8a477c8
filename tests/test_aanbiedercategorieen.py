"""R-R1 (issue 22 §1: "provider categories" in a region's rule set): a region's own list of
provider categories, the groups its scorecards, norms and signals compare within. Without its own
list a region uses the standard one; its functioneel beheerder adds or renames categories, which
changes that region and no other. Providers and norms take a category of their region's list."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jeugdregie.accounts.constants import Rol
from jeugdregie.audit.models import AuditRegel
from jeugdregie.beheersing.services.normen import stel_norm_vast
from jeugdregie.common.errors import DomainError
from jeugdregie.organisaties.categorieen import categorieen, stel_categorie_vast
from jeugdregie.organisaties.constants import AanbiederCategorie
from jeugdregie.organisaties.models import Aanbieder, Aanbiedercategorie, categorienaam_expressie
from jeugdregie.organisaties.services import registreer_aanbieder

from .factories import AanbiederFactory, GebruikerFactory, RegioFactory

STANDAARD = {code: str(label) for code, label in AanbiederCategorie.choices}


def _stand():
    """Everything a refusal must leave as it was."""
    return (
        sorted(Aanbiedercategorie.objects.values_list("regio_id", "code", "naam")),
        Aanbieder.objects.count(),
        AuditRegel.objects.filter(objecttype="organisaties.Aanbiedercategorie").count(),
    )


def test_zonder_eigen_lijst_de_standaardlijst_en_een_onbekende_categorie_geweigerd(route):
    """R-R1: a region without its own list has the standard categories; registering a provider
    with a category outside its region's list is refused (ORG022, naming the choices), nothing
    written."""
    regio = route["zwolle"].regio
    assert categorieen(regio.pk) == STANDAARD
    voor = _stand()
    with pytest.raises(DomainError, match="Onbekende aanbiedercategorie 'wijkteam' in deze regio: kies uit") as fout:
        registreer_aanbieder(regio=regio, agb_code="98123456", naam="Wijkteam Oost", categorie="wijkteam")
    assert (fout.value.code, fout.value.field) == ("ORG022", "categorie")
    assert "Jeugd-GGZ" in fout.value.message
    assert _stand() == voor


def test_eigen_categorie_geldt_in_de_regio_en_nergens_anders(route):
    """R-R1: the beheerder adds 'wijkteam' to IJsselland's list: the standard list becomes the
    region's own (plus the new one), a provider of IJsselland may have it and shows its name, the
    change is audit-logged; Rijnmond keeps the standard list and refuses the code."""
    regio = route["zwolle"].regio
    rijnmond = RegioFactory(code="rijnmond", naam="Rijnmond")
    nieuw = stel_categorie_vast(
        regio=regio, code="Wijkteam", naam="  Lokaal   wijkteam ", door=route["gebruikers"]["beheerder"]
    )
    assert (nieuw.code, nieuw.naam) == ("wijkteam", "Lokaal wijkteam")
    assert categorieen(regio.pk) == {**STANDAARD, "wijkteam": "Lokaal wijkteam"}
    assert categorieen(rijnmond.pk) == STANDAARD
    assert AuditRegel.objects.filter(objecttype="organisaties.Aanbiedercategorie", object_id=str(nieuw.pk)).count() == 1

    aanbieder = registreer_aanbieder(regio=regio, agb_code="98123456", naam="Wijkteam Oost", categorie="wijkteam")
    assert Aanbieder.objects.get(pk=aanbieder.pk).categorienaam == "Lokaal wijkteam"
    geannoteerd = Aanbieder.objects.annotate(categorie_naam=categorienaam_expressie()).get(pk=aanbieder.pk)
    assert geannoteerd.categorienaam == "Lokaal wijkteam"
    with pytest.raises(DomainError) as fout:
        registreer_aanbieder(regio=rijnmond, agb_code="98123457", naam="Wijkteam Rotterdam", categorie="wijkteam")
    assert fout.value.code == "ORG022"


def test_hernoemen_verandert_de_naam_alleen_in_de_eigen_regio(route):
    """R-R1: renaming 'ggz' in IJsselland renames it on its providers (looked up and annotated
    alike); a provider of Rijnmond with 'ggz' keeps the standard name."""
    regio = route["zwolle"].regio
    rijnmond = RegioFactory(code="rijnmond", naam="Rijnmond")
    hier = AanbiederFactory(regio=regio, categorie="ggz")
    daar = AanbiederFactory(regio=rijnmond, categorie="ggz")
    stel_categorie_vast(
        regio=regio, code="ggz", naam="Specialistische jeugd-GGZ", door=route["gebruikers"]["beheerder"]
    )
    namen = dict(
        Aanbieder.objects.filter(pk__in=[hier.pk, daar.pk])
        .annotate(categorie_naam=categorienaam_expressie())
        .values_list("pk", "categorie_naam")
    )
    assert namen == {hier.pk: "Specialistische jeugd-GGZ", daar.pk: "Jeugd-GGZ"}
    assert (hier.categorienaam, daar.categorienaam) == ("Specialistische jeugd-GGZ", "Jeugd-GGZ")
    assert len(categorieen(regio.pk)) == len(STANDAARD)  # renamed, not added


@pytest.mark.parametrize(
    ("code", "naam", "veld", "melding"),
    [
        ("w", "Wijkteam", "code", "Code: 2 tot 20 tekens"),
        ("wijk team", "Wijkteam", "code", "Code: 2 tot 20 tekens"),
        ("wijkteam", "   ", "naam", "Naam: vul een naam in"),
        ("wijkteam", "jeugd-ggz", "naam", "heeft de categorie 'ggz' al"),
    ],
)
def test_ongeldige_categorie_geweigerd_en_niets_gewijzigd(route, code, naam, veld, melding):
    """R-R1: an invalid code or name, or a name another category has, is refused with the field
    to fix (ORG023), and nothing changes (the standard list is not copied either)."""
    voor = _stand()
    with pytest.raises(DomainError, match=melding) as fout:
        stel_categorie_vast(regio=route["zwolle"].regio, code=code, naam=naam, door=route["gebruikers"]["beheerder"])
    assert (fout.value.code, fout.value.field) == ("ORG023", veld)
    assert _stand() == voor


def test_alleen_de_beheerder_van_de_eigen_regio(route):
    """R-R1 (who else could do this?): the contract manager, and the beheerder of another region,
    are refused (ORG014); nothing changes."""
    rijnmond = RegioFactory(code="rijnmond", naam="Rijnmond")
    andere_beheerder = GebruikerFactory(regio_rol=True, regio=rijnmond, rol=Rol.BEHEERDER)
    voor = _stand()
    for door in (route["gebruikers"]["contractmanager"], andere_beheerder):
        with pytest.raises(DomainError) as fout:
            stel_categorie_vast(regio=route["zwolle"].regio, code="wijkteam", naam="Wijkteam", door=door)
        assert fout.value.code == "ORG014"
    assert _stand() == voor


def test_norm_voor_een_categorie_van_de_regio(route):
    """R-K2 with R-R1: a norm is set for a category of the contract manager's region; a category
    outside that list is refused (NRM07) and no norm is written."""
    stel_categorie_vast(
        regio=route["zwolle"].regio, code="wijkteam", naam="Lokaal wijkteam", door=route["gebruikers"]["beheerder"]
    )
    norm = stel_norm_vast(
        door=route["gebruikers"]["contractmanager"],
        indicator="KWA01",
        soort="absoluut",
        geldig_vanaf=date(2026, 1, 1),
        categorie="wijkteam",
        ondergrens=Decimal("60"),
    )
    assert norm.categorienaam == "Lokaal wijkteam"
    with pytest.raises(DomainError) as fout:
        stel_norm_vast(
            door=route["gebruikers"]["contractmanager"],
            indicator="KWA01",
            soort="absoluut",
            geldig_vanaf=date(2026, 1, 1),
            categorie="buurtzorg",
            ondergrens=Decimal("60"),
        )
    assert (fout.value.code, fout.value.field) == ("NRM07", "categorie")
    assert norm.__class__.objects.filter(categorie="buurtzorg").count() == 0


def test_scherm_toont_de_lijst_en_stelt_een_categorie_vast(client, route):
    """R-R1: the beheerder's screen lists the region's categories with their number of providers
    and adds one; a wrong code comes back on the form with the message; the norm form then offers
    the new category; other roles get 403."""
    AanbiederFactory(regio=route["zwolle"].regio, categorie="ggz")
    client.force_login(route["gebruikers"]["beheerder"])
    url = "/organisaties/regelset/aanbiedercategorieen/"
    pagina = client.get(url).content.decode()
    assert "De regio gebruikt de standaardlijst" in pagina and "Jeugd-GGZ" in pagina
    fout = client.post(url, {"code": "x", "naam": "Wijkteam"})
    assert fout.status_code == 200 and "Code: 2 tot 20 tekens" in fout.content.decode()
    assert not Aanbiedercategorie.objects.exists()
    antwoord = client.post(url, {"code": "wijkteam", "naam": "Lokaal wijkteam"})
    assert antwoord.status_code == 302
    pagina = client.get(url).content.decode()
    assert "Lokaal wijkteam" in pagina and "De regio gebruikt de standaardlijst" not in pagina
    client.force_login(route["gebruikers"]["contractmanager"])
    assert client.get(url).status_code == 403
    assert 'value="wijkteam">Lokaal wijkteam</option>' in client.get("/beheersing/normen/").content.decode()
