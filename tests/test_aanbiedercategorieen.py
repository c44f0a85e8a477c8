"""R-R1 (issue 22 §1: "provider categories" in a region's rule set): a region's own list of
provider categories, the groups its scorecards, norms and signals compare within. Without its own
list a region uses the standard one; its functioneel beheerder adds or renames categories, which
changes that region and no other. Providers and norms take a category of their region's list."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jeugdregie.accounts.constants import Rol
from jeugdregie.audit.models import AuditRegel
from jeugdregie.beheersing.services.normen import stel_norm_vast
from jeugdregie.common.errors import DomainError
from jeugdregie.organisaties.categorieen import categorieen, stel_categorie_vast
from jeugdregie.organisaties.constants import AanbiederCategorie
from jeugdregie.organisaties.models import Aanbieder, Aanbiedercategorie, Regio, categorienaam_expressie
from jeugdregie.organisaties.services import registreer_aanbieder

from .factories import AanbiederFactory, GebruikerFactory, RegioFactory
from .klok import op_de_dag

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


# R-R1: the list is dated like every part of the rule set — a change holds from its start on and
# nowhere else; the past is never rewritten.

VANDAAG = date(2026, 12, 7)


def test_hernoemen_vanaf_een_datum_laat_de_dagen_ervoor_zoals_ze_waren(route):
    """R-R1: renaming 'ggz' from 1 March 2027 keeps 'Jeugd-GGZ' today and on every earlier day
    (the list, the provider's name looked up and annotated on the day); from 1 March the new name;
    the change is audit-logged with its start."""
    regio = route["zwolle"].regio
    aanbieder = AanbiederFactory(regio=regio, categorie="ggz")
    maart = date(2027, 3, 1)
    with op_de_dag(VANDAAG):
        versie = stel_categorie_vast(
            regio=regio,
            code="ggz",
            naam="Specialistische GGZ",
            geldig_vanaf=maart,
            door=route["gebruikers"]["beheerder"],
        )
        assert categorieen(regio.pk) == STANDAARD
        assert Aanbieder.objects.get(pk=aanbieder.pk).categorienaam == "Jeugd-GGZ"
    for dag, naam in (
        (date(2019, 5, 1), "Jeugd-GGZ"),
        (date(2027, 2, 28), "Jeugd-GGZ"),
        (maart, "Specialistische GGZ"),
    ):
        assert categorieen(regio.pk, dag)["ggz"] == naam
        geannoteerd = Aanbieder.objects.annotate(categorie_naam=categorienaam_expressie(dag)).get(pk=aanbieder.pk)
        assert geannoteerd.categorienaam == naam
    with op_de_dag(maart):
        assert Aanbieder.objects.get(pk=aanbieder.pk).categorienaam == "Specialistische GGZ"
    regel = AuditRegel.objects.get(objecttype="organisaties.Aanbiedercategorie", object_id=str(versie.pk))
    assert "geldig_vanaf=2027-03-01" in regel.details


def test_nieuwe_categorie_bestaat_pas_vanaf_haar_begin(route):
    """R-R1 with R-K2: a category added from 1 March 2027 is not on the list before: a provider
    cannot be registered in it today (ORG022), a norm from today is refused (NRM07); a norm from
    its start is accepted and named; on 1 March the provider can be registered."""
    regio = route["zwolle"].regio
    maart = date(2027, 3, 1)
    with op_de_dag(VANDAAG):
        stel_categorie_vast(
            regio=regio,
            code="wijkteam",
            naam="Lokaal wijkteam",
            geldig_vanaf=maart,
            door=route["gebruikers"]["beheerder"],
        )
        assert "wijkteam" not in categorieen(regio.pk)
        with pytest.raises(DomainError) as fout:
            registreer_aanbieder(regio=regio, agb_code="98123456", naam="Wijkteam Oost", categorie="wijkteam")
        assert fout.value.code == "ORG022"
        norm = dict(door=route["gebruikers"]["contractmanager"], indicator="KWA01", soort="absoluut")
        with pytest.raises(DomainError) as fout:
            stel_norm_vast(**norm, geldig_vanaf=VANDAAG, categorie="wijkteam", ondergrens=Decimal("60"))
        assert fout.value.code == "NRM07"
        vastgesteld = stel_norm_vast(**norm, geldig_vanaf=maart, categorie="wijkteam", ondergrens=Decimal("60"))
        assert vastgesteld.categorienaam == "Lokaal wijkteam"
    with op_de_dag(maart):
        aanbieder = registreer_aanbieder(regio=regio, agb_code="98123456", naam="Wijkteam Oost", categorie="wijkteam")
        assert aanbieder.categorienaam == "Lokaal wijkteam"


def test_eerste_wijziging_laat_het_verleden_de_standaardlijst(route):
    """R-R1: the first change makes the standard list the region's own from the Jeugdwet's start,
    so yesterday's list is still the standard one and today's has the new category."""
    regio = route["zwolle"].regio
    with op_de_dag(VANDAAG):
        stel_categorie_vast(regio=regio, code="wijkteam", naam="Lokaal wijkteam", door=route["gebruikers"]["beheerder"])
    assert categorieen(regio.pk, date(2026, 12, 6)) == STANDAARD
    assert categorieen(regio.pk, VANDAAG) == {**STANDAARD, "wijkteam": "Lokaal wijkteam"}


def test_wijziging_in_het_verleden_geweigerd_en_niets_gewijzigd(route):
    """R-R1, R-B9: a start before today is refused with the field and the first allowed date
    (ORG023); nothing is written."""
    voor = _stand()
    with op_de_dag(VANDAAG), pytest.raises(DomainError, match="Kies 07-12-2026 of een latere datum") as fout:
        stel_categorie_vast(
            regio=route["zwolle"].regio,
            code="ggz",
            naam="Specialistische GGZ",
            geldig_vanaf=date(2026, 12, 6),
            door=route["gebruikers"]["beheerder"],
        )
    assert (fout.value.code, fout.value.field) == ("ORG023", "geldig_vanaf")
    assert _stand() == voor


def test_naam_mag_ook_later_niet_dubbel_zijn(route):
    """R-R1: a name is unique on every day: a new category named like a rename planned for later
    is refused, naming the date the two would clash (ORG023); nothing is written."""
    regio = route["zwolle"].regio
    beheerder = route["gebruikers"]["beheerder"]
    with op_de_dag(VANDAAG):
        stel_categorie_vast(
            regio=regio, code="ggz", naam="Zorg dichtbij", geldig_vanaf=date(2027, 6, 1), door=beheerder
        )
        voor = _stand()
        with pytest.raises(DomainError, match="heeft de categorie 'ggz' al vanaf 01-06-2027") as fout:
            stel_categorie_vast(
                regio=regio, code="wijkteam", naam="Zorg Dichtbij", geldig_vanaf=date(2027, 1, 1), door=beheerder
            )
        assert (fout.value.code, fout.value.field) == ("ORG023", "naam")
        assert _stand() == voor


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    wijzigingen=st.lists(
        st.tuples(
            st.sampled_from(["ggz", "crisis", "wijkteam", "gezinshuis-plus"]),
            st.sampled_from(["Jeugd-GGZ", "Wijkteam", "Crisis", "Zorg A", "Zorg B", "Gezinshuis"]),
            st.integers(min_value=0, max_value=400),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_een_wijziging_geldt_vanaf_haar_begin_en_nergens_anders(route, wijzigingen):
    """R-R1 as a property: after any sequence of additions and renames (refused ones included),
    each accepted change alters the list on no day before its start and in no other region, and
    holds from its start until the next version of its code; a refused one alters nothing; on
    every day the list's names are distinct."""
    regio = route["zwolle"].regio
    rijnmond = Regio.objects.get_or_create(code="rijnmond", defaults={"naam": "Rijnmond"})[0]
    beheerder = route["gebruikers"]["beheerder"]
    dagen = [
        date(2015, 1, 1),
        date(2026, 12, 6),
        *(date.fromordinal(VANDAAG.toordinal() + d) for d in (0, 30, 200, 401)),
    ]
    with transaction.atomic(), op_de_dag(VANDAAG):
        for code, naam, verschuiving in wijzigingen:
            vanaf = date.fromordinal(VANDAAG.toordinal() + verschuiving)
            voor = {dag: categorieen(regio.pk, dag) for dag in dagen}
            try:
                stel_categorie_vast(regio=regio, code=code, naam=naam, geldig_vanaf=vanaf, door=beheerder)
            except DomainError as fout:
                assert fout.code == "ORG023"
                assert {dag: categorieen(regio.pk, dag) for dag in dagen} == voor
                continue
            volgende = min(  # the next version of the same code, planned before, ends this one
                Aanbiedercategorie.objects.filter(regio=regio, code=code, geldig_vanaf__gt=vanaf).values_list(
                    "geldig_vanaf", flat=True
                ),
                default=date.max,
            )
            for dag in dagen:
                na = categorieen(regio.pk, dag)
                if dag < vanaf:
                    assert na == voor[dag]
                elif dag < volgende:
                    assert na[code] == naam
                assert len({n.lower() for n in na.values()}) == len(na)
            assert categorieen(rijnmond.pk, vanaf) == STANDAARD
        transaction.set_rollback(True)


def test_scherm_plant_een_naam_vanaf_een_datum_en_toont_de_versies(client, route):
    """R-R1: on the screen the beheerder renames a category from a later date: today's list keeps
    the name, the versions table shows the planned one; a date in the past comes back on the form's
    date field."""
    client.force_login(route["gebruikers"]["beheerder"])
    url = "/organisaties/regelset/aanbiedercategorieen/"
    with op_de_dag(VANDAAG):
        fout = client.post(url, {"code": "ggz", "naam": "Specialistische GGZ", "geldig_vanaf": "2026-12-01"})
        assert fout.status_code == 200 and "ligt in het verleden" in fout.content.decode()
        antwoord = client.post(url, {"code": "ggz", "naam": "Specialistische GGZ", "geldig_vanaf": "2027-03-01"})
        assert antwoord.status_code == 302
        pagina = client.get(url).content.decode()
    vandaag_lijst = pagina.split('id="aanbiedercategorieen"')[1].split("</table>")[0]
    versies = pagina.split('id="categorieversies"')[1].split("</table>")[0]
    assert "Jeugd-GGZ" in vandaag_lijst and "Specialistische GGZ" not in vandaag_lijst
    assert "Specialistische GGZ</td><td>01-03-2027 (gepland)" in versies
