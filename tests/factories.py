"""factory_boy factories per app, with traits for the roles."""

from datetime import date

import factory

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.models import Gebruiker
from jeugdregie.jeugdigen.bsn import bsn_reeks
from jeugdregie.jeugdigen.constants import AdresSoort, BetrokkenheidBron, Geslacht
from jeugdregie.jeugdigen.models import Adres, Betrokkenheid, Jeugdige, Woonplaats
from jeugdregie.organisaties.constants import AanbiederCategorie, VerwijzerType
from jeugdregie.organisaties.models import Aanbieder, Gemeente, Regio, Verwijzer

_bsns = bsn_reeks(10_000_000)


class RegioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regio
        django_get_or_create = ("code",)

    code = "ijsselland"
    naam = "IJsselland"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """R-R1: a new region gets its first rule-set version; rule parameters given as keyword
        arguments (``declaratievertraging_min_regels=2``) go into that version."""
        from jeugdregie.organisaties.models import PARAMETERS
        from jeugdregie.organisaties.regelset import zorg_voor_regelset

        from .builders.regelset import zet_regels

        waarden = {naam: kwargs.pop(naam) for naam in list(kwargs) if naam in PARAMETERS}
        regio = super()._create(model_class, *args, **kwargs)
        zorg_voor_regelset(regio)
        if waarden:
            zet_regels(regio, **waarden)
        return regio


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("cbs_code",)

    regio = factory.SubFactory(RegioFactory)
    cbs_code = "0193"
    naam = "Zwolle"
    inwoners = 129840
    jeugdigen = 26617


class AanbiederFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanbieder

    regio = factory.SubFactory(RegioFactory)
    agb_code = factory.Sequence(lambda n: f"98{n + 500000:06d}")
    naam = factory.Sequence(lambda n: f"Aanbieder {n}")
    categorie = AanbiederCategorie.JEUGD_EN_OPVOEDHULP


class VerwijzerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verwijzer

    regio = factory.SubFactory(RegioFactory)
    type = VerwijzerType.HUISARTS
    naam = factory.Sequence(lambda n: f"Huisartsenpraktijk {n}")
    agb_code = factory.Sequence(lambda n: f"01{n + 500000:06d}")

    class Params:
        gi = factory.Trait(type=VerwijzerType.GI, naam=factory.Sequence(lambda n: f"GI {n}"))


class JeugdigeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jeugdige
        skip_postgeneration_save = True

    bsn = factory.LazyFunction(lambda: next(_bsns))
    voornamen = "Sem"
    achternaam = factory.Sequence(lambda n: f"Jansen{n}")
    geboortedatum = date(2012, 5, 17)
    geslacht = Geslacht.MAN
    woonplaats = factory.RelatedFactory(
        "tests.factories.WoonplaatsFactory",
        factory_related_name="jeugdige",
        gemeente=factory.SelfAttribute("..gemeente"),
    )
    # issue 15: a JW301 needs an address or phone (TR006); JeugdigeFactory(adres=None) has none
    adres = factory.RelatedFactory("tests.factories.AdresFactory", factory_related_name="jeugdige")

    class Params:
        gemeente = factory.SubFactory(GemeenteFactory)


class AdresFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adres

    jeugdige = factory.SubFactory(JeugdigeFactory, adres=None)
    soort = AdresSoort.WOONADRES
    straatnaam = "Assendorperstraat"
    huisnummer = factory.Sequence(lambda n: 1 + n % 200)
    postcode = "8012DH"
    plaatsnaam = "Zwolle"
    begindatum = date(2012, 5, 17)


class WoonplaatsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Woonplaats

    jeugdige = factory.SubFactory(JeugdigeFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    begindatum = date(2012, 5, 17)


class BetrokkenheidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Betrokkenheid

    jeugdige = factory.SubFactory(JeugdigeFactory)
    bron = BetrokkenheidBron.TOEWIJZING
    begindatum = date(2025, 1, 1)


class GebruikerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gebruiker
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-1")
    rol = Rol.TOEGANG
    gemeente = factory.SubFactory(GemeenteFactory)

    class Params:
        aanbieder_rol = factory.Trait(rol=Rol.AANBIEDER, gemeente=None, aanbieder=factory.SubFactory(AanbiederFactory))
        verwijzer_rol = factory.Trait(rol=Rol.VERWIJZER, gemeente=None, verwijzer=factory.SubFactory(VerwijzerFactory))
        gi_rol = factory.Trait(rol=Rol.GI, gemeente=None, verwijzer=factory.SubFactory(VerwijzerFactory, gi=True))
        financieel_rol = factory.Trait(rol=Rol.FINANCIEEL)
        regio_rol = factory.Trait(gemeente=None, regio=factory.SubFactory(RegioFactory))

    @factory.post_generation
    def opslaan(obj, create, extracted, **kwargs):
        if create:
            obj.save()
