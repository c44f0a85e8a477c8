"""Organisations (issue 2 §3): region, municipalities, providers and contracts, referrers.

Periods are inclusive (common/periods.py). Identifiers are checked by ``validators.py`` in the
services; the model ``clean`` methods call the same checks so the admin gives the same message.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, validate_comma_separated_integer_list
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy

from jeugdregie.catalogus.constants import Onderdeel
from jeugdregie.common.errors import DomainError
from jeugdregie.common.periods import geldig_op_q
from jeugdregie.common.tijd import vandaag

from .constants import VERWIJZERS_ZONDER_AGB, AanbiederCategorie, VerwijzerType
from .querysets import AanbiederQuerySet, RegioQuerySet, RegioZelfQuerySet, WachttijdQuerySet
from .validators import controleer_agb_code, controleer_cbs_code


def _als_validation_error(check, value, field):
    try:
        check(value)
    except DomainError as error:
        raise ValidationError({field: error.message}) from None


class Regio(models.Model):
    """A youth-care region. Its rule parameters are versioned per date in ``Regelset`` (R-R1)."""

    code = models.SlugField(max_length=40, unique=True)
    naam = models.CharField(max_length=100, unique=True)

    objects = RegioZelfQuerySet.as_manager()

    class Meta:
        ordering = ["naam"]
        verbose_name = "regio"
        verbose_name_plural = "regio's"

    def __str__(self) -> str:
        return self.naam


#: The day the Jeugdwet took effect: the first version of every region's rule set holds from then.
JEUGDWET = date(2015, 1, 1)

#: The rule parameters of a ``Regelset`` (R-R1), in the order of the screens.
PARAMETERS = (
    "solidariteitssleutel",
    "declaratietermijn_dagen",
    "declaratievertraging_venster_dagen",
    "declaratievertraging_min_regels",
    "huisartsroute_venster_maanden",
    "huisartsroute_plafond_niveau",
    "verlenging_duurzaam_signaal_weken",
    "aanpassing_signaal_weken",
    "achtwekenpunt_signaal_weken",
    "crisisopvolging_termijn_werkdagen",
    "crisis_beoordeling_norm_uren",
    "doelgroep_grond_vanaf_leeftijd",
    "verblijf_einde_signaal_weken",
    "leeftijdsgrens_signaal_maanden",
    "bed_norm_uren",
    "wachttijd_geldigheid_dagen",
    "crisismelding_terugmelden_uren",
    "toekomstplan_vanaf_leeftijd",
    "wonen_grens_leeftijd",
    "gezinsvorm_verlenging_tot_leeftijd",
    "verlengde_jeugdhulp_tot_leeftijd",
    "matching_norm_dagen",
    "matching_norm_respijtzorg_dagen",
    "casusregie_actief",
    "waakvlam_controle_maanden",
    "hulp_slaat_niet_aan_maanden",
    "wonen_max_maanden",
    "huisartsroute_niveaus",
    "huisartsroute_verwijzers",
    "gi_altijd_offerte",
)


class Regelset(models.Model):
    """R-R1: one version of a region's rule parameters, valid from ``geldig_vanaf`` until the day
    before the next version's start (the last version: open-ended). Rules read the version valid
    on the date they are about through ``regelset.regels``; versions are added through
    ``regelset.stel_regelset_vast`` only, never changed in the past."""

    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="regelsets")
    geldig_vanaf = models.DateField("geldig vanaf", help_text="De eerste dag waarop deze versie geldt.")
    solidariteitssleutel = models.CharField(
        max_length=20,
        default="jeugdigen",
        help_text="Verdeelsleutel voor taakgerichte crisisbekostiging (R-B4): jeugdigen of inwoners.",
    )
    declaratietermijn_dagen = models.PositiveSmallIntegerField(
        "declaratietermijn (dagen)",
        default=91,
        help_text="Dagen na het einde van een toewijzing waarin nog gedeclareerd kan worden; daarna valt de "
        "rest van het budget vrij (R-B7).",
    )
    declaratievertraging_venster_dagen = models.PositiveSmallIntegerField(
        "venster declaratievertraging (dagen)",
        default=182,
        help_text="De declaratievertraging van een aanbieder (R-A3) is de mediaan van de dagen tussen het einde van "
        "een goedgekeurde regel en de indiening, over de regels ingediend in dit aantal dagen tot vandaag.",
    )
    declaratievertraging_min_regels = models.PositiveSmallIntegerField(
        "minimum regels declaratievertraging",
        default=10,
        help_text="Heeft een aanbieder in het venster minder goedgekeurde regels, dan geldt de vertraging van de "
        "hele regio (R-A3).",
    )
    huisartsroute_venster_maanden = models.PositiveSmallIntegerField(
        "venster tweede huisartsverwijzing (maanden)",
        default=12,
        help_text="Een verwijzing via de huisartsroute die loopt of korter dan dit aantal maanden geleden eindigde, "
        "maakt een volgende huisartsverwijzing een tweede verwijzing of verlenging: die kan alleen na contact met "
        "de toegang (R-T8, R-T10). Standaard 12: de standaard keuzebudgetten rekenen met hulp ‘gedurende een jaar’.",
    )
    huisartsroute_plafond_niveau = models.PositiveSmallIntegerField(
        "hoogste keuzebudget via de huisartsroute (niveau)",
        default=4,
        validators=[MinValueValidator(1)],
        help_text="Via de huisarts, jeugdarts of medisch specialist is het keuzebudget een standaard keuzebudget "
        "herstel tot en met dit niveau; daarboven kan alleen de toegang, met een vastgelegde motivering (R-T6). "
        "Van 1 tot en met het hoogste niveau van de keuzebudgetten van de regio. Standaard 4.",
    )

    crisismelding_terugmelden_uren = models.PositiveSmallIntegerField(
        "crisismelding: opgegeven meldtijd hooguit (uren terug)",
        default=72,
        help_text="Hoeveel uur voor de registratie de door de crisisdienst opgegeven tijd van de melding mag liggen "
        "(R-C3, R-C5). Die tijd is informatie; de profijtsleutel telt de melding in de periode waarin de server "
        "haar ontving. Standaard 72: een melding van een weekendnacht, geregistreerd na een lang weekend.",
    )
    wachttijd_geldigheid_dagen = models.PositiveSmallIntegerField(
        "geldigheid wachttijdmelding (dagen)",
        default=90,
        help_text="Dagen dat een door de aanbieder gemelde wachttijd geldt; een oudere melding telt in de "
        "keuzelijst als verouderd (R-S6).",
    )
    verlenging_duurzaam_signaal_weken = models.PositiveSmallIntegerField(
        "signaal verlenging duurzaam budget (weken)",
        default=8,
        help_text="Een duurzaam keuzebudget is een bedrag per jaar (R-T9): zoveel weken voor het einde staat een "
        "lopend duurzaam budget zonder verlenging op de werkvoorraad van de toegang. Standaard 8, als het "
        "8-wekenpunt van een aanpassingsaanvraag (R-A3).",
    )

    aanpassing_signaal_weken = models.PositiveSmallIntegerField(
        "8-wekenpunt aanpassingsaanvraag (weken)",
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text="Een aanpassingsaanvraag hoort zoveel weken voor het verwachte einde van het keuzebudget (in geld "
        "of in tijd) binnen te zijn; later ingediend telt ze als te laat en staat het budget op de werkvoorraad "
        "(R-A3, R-T4). Standaard 8.",
    )
    achtwekenpunt_signaal_weken = models.PositiveSmallIntegerField(
        "signaal 8-wekenpunt op de werkvoorraad (weken vooraf)",
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text="Een gestart keuzebudget staat zoveel weken voor zijn 8-wekenpunt (of als dat al voorbij is) op "
        "de werkvoorraad van de aanbieder, zodat de aanpassingsaanvraag op tijd binnen is (R-A3). Standaard 4.",
    )
    crisisopvolging_termijn_werkdagen = models.PositiveSmallIntegerField(
        "aanvraagtermijn crisisopvolging (werkdagen)",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Binnen zoveel werkdagen na de start van de crisisopvolging vraagt de aanbieder de toewijzing aan; "
        "later telt de aanvraag als te laat (R-C2). Feestdagen zijn geen werkdagen. Standaard 3.",
    )
    crisis_beoordeling_norm_uren = models.PositiveSmallIntegerField(
        "beoordelingsnorm crisismelding (uren)",
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text="De crisisdienst beoordeelt een crisismelding binnen zoveel uur na de melding; een melding die "
        "langer open staat, staat als verstreken op haar werkvoorraad (R-C3). Standaard 4.",
    )
    doelgroep_grond_vanaf_leeftijd = models.PositiveSmallIntegerField(
        "grond voor jeugdhulp vanaf (leeftijd)",
        default=18,
        validators=[MinValueValidator(12), MaxValueValidator(23)],
        help_text="Is de jeugdige op de startdatum van de hulp deze leeftijd of ouder, dan vraagt de verwijzing een "
        "grond: verlengde jeugdhulp of toestemming van de gemeente (R-T3). De bovengrens is de leeftijd van de "
        "verlengde jeugdhulp hieronder. Standaard 18.",
    )

    verblijf_einde_signaal_weken = models.PositiveSmallIntegerField(
        "signaal einde Verblijf zonder vervolg (weken)",
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text="Verblijf dat binnen zoveel weken eindigt zonder geregelde vervolgzorg staat op de werkvoorraad "
        "van de toegang, zodat het vervolg op tijd geregeld wordt (R-W9). Standaard 8.",
    )
    leeftijdsgrens_signaal_maanden = models.PositiveSmallIntegerField(
        "signaal leeftijdsgrens Wonen/Verblijf (maanden vooraf)",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text="Lopend Wonen/Verblijf staat zoveel maanden voordat de jeugdige een leeftijdsgrens bereikt "
        "(toekomstplan, einde Wonen, verlenging gezinsvorm, verlengde jeugdhulp) op de werkvoorraad van de "
        "toegang (R-W7). Standaard 3.",
    )
    bed_norm_uren = models.PositiveSmallIntegerField(
        "normtijd verblijfsbed (uren)",
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(168)],
        help_text="Een verblijfsbed dat echt nodig is, hoort binnen zoveel uur na de aanvraag geplaatst te zijn; "
        "later staat het verzoek op de werkvoorraad van de toegang (R-W6). Standaard 24.",
    )
    # Wonen/Verblijf (seed 001 §4.2.2.4): age limits (R-W7, R-W11) and matching norms (R-W5)
    toekomstplan_vanaf_leeftijd = models.PositiveSmallIntegerField(
        "toekomstplan vanaf (leeftijd)",
        default=16,
        help_text="Vanaf deze leeftijd vraagt een zorgtoewijzing Wonen/Verblijf een toekomstplan (R-W7; seed: "
        "‘het toekomstplan voor 16-, 17-jarigen’).",
    )
    wonen_grens_leeftijd = models.PositiveSmallIntegerField(
        "grens Wonen/Verblijf (leeftijd)",
        default=18,
        help_text="Bij deze leeftijd eindigt elke woonvorm; daarna alleen met een door de toegang vastgelegde grond "
        "(R-W7, R-W11).",
    )
    gezinsvorm_verlenging_tot_leeftijd = models.PositiveSmallIntegerField(
        "verlenging pleegzorg en gezinshuis tot (leeftijd)",
        default=21,
        help_text="Tot deze leeftijd kunnen pleegzorg en gezinshuis verlengd worden op grond van de landelijke "
        "afspraken; daarna als verlengde jeugdhulp (R-W7). Signaal in de werkvoorraad.",
    )
    verlengde_jeugdhulp_tot_leeftijd = models.PositiveSmallIntegerField(
        "verlengde jeugdhulp tot (leeftijd)",
        default=23,
        help_text="Verlengde jeugdhulp loopt uiterlijk tot de dag voor deze verjaardag, voor elke woonvorm en alleen "
        "met een grond die de toegang vastlegt (R-W11); vanaf deze leeftijd is er geen jeugdhulp meer (R-T3).",
    )
    matching_norm_dagen = models.PositiveSmallIntegerField(
        "matchingsnorm (dagen)",
        default=91,
        validators=[MinValueValidator(1)],
        help_text="Een matching Wonen/Verblijf hoort binnen dit aantal dagen af te ronden (R-W5: ‘binnen 3 maanden’).",
    )
    matching_norm_respijtzorg_dagen = models.PositiveSmallIntegerField(
        "matchingsnorm respijtzorg (dagen)",
        default=14,
        validators=[MinValueValidator(1)],
        help_text="De matchingsnorm voor respijtzorg (R-W5: ‘veel korter’; aanname 14 dagen, docs/adr/0005).",
    )

    # R-R3 (issue 22 §4): casusregie in four steps with a named casusregisseur, per region
    casusregie_actief = models.BooleanField(
        "casusregie in vier stappen",
        default=False,
        help_text="Aan: de toegang opent casusregie met een vaste casusregisseur (vraaganalyse, resultaat, "
        "middelen, toetsing) en de casusregisseur schaalt af of houdt een waakvlam. Uit: de regio werkt "
        "zonder casusregie in het systeem.",
    )
    waakvlam_controle_maanden = models.PositiveSmallIntegerField(
        "waakvlam: controle na (maanden)",
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text="Een casus op waakvlam controleert de casusregisseur elke zoveel maanden; de volgende controle "
        "rekent met de regelset die geldt op de dag van de controle. Standaard 6.",
    )
    huisartsroute_niveaus = models.CharField(
        "keuzebudgets die de huisarts kiest (niveaus herstel)",
        max_length=40,
        default="2,4",
        validators=[validate_comma_separated_integer_list],
        help_text="De standaard keuzebudgets herstel die een huisarts, jeugdarts of medisch specialist zelf kiest, "
        "gescheiden door komma's (R-T6); boven het hoogste keuzebudget via de huisartsroute weigert de regel ze "
        "toch. Standaard 2,4 (basis-GGZ en specialistische GGZ).",
    )
    huisartsroute_verwijzers = models.CharField(
        "verwijzers via de huisartsroute (COD327)",
        max_length=20,
        blank=True,
        default="02,03,05",
        validators=[validate_comma_separated_integer_list],
        help_text="Wie in deze regio rechtstreeks met een standaard keuzebudget verwijst (R-T6): 02 huisarts, 03 "
        "jeugdarts, 05 medisch specialist, gescheiden door komma's. Een verwijzer die hier niet staat, verwijst via "
        "de gemeentelijke toegang: de toegang bepaalt het keuzebudget en de regels van de huisartsroute gelden niet. "
        "Leeg: geen huisartsroute. Standaard 02,03,05.",
    )
    gi_altijd_offerte = models.BooleanField(
        "GI verwijst met een offerte-keuzebudget",
        default=True,
        help_text="Een gecertificeerde instelling verwijst altijd met een offerte-keuzebudget, vastgesteld in overleg "
        "met toegang en aanbieder (R-T7). Uit: de GI kiest ook een standaard keuzebudget.",
    )
    hulp_slaat_niet_aan_maanden = models.PositiveSmallIntegerField(
        "aanpassing 'hulp slaat niet aan': tot (maanden na de start)",
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text="Een aanbieder vraagt een aanpassing om reden 'hulp slaat niet aan' uiterlijk zoveel maanden na "
        "de eerste start van de hulp (R-A4); de regelset die geldt op die start. Standaard 6.",
    )
    wonen_max_maanden = models.PositiveSmallIntegerField(
        "maximale duur zorgtoewijzing Wonen/Verblijf (maanden)",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text="Een zorgtoewijzing Wonen/Verblijf duurt hooguit zoveel maanden en wordt daarna verlengd "
        "(R-W3); de regelset die geldt op de begindatum. Standaard 12.",
    )

    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vastgesteld_op = models.DateTimeField(
        "vastgesteld op", help_text="Moment van vaststelling (de server bepaalt dat)."
    )

    class Meta:
        ordering = ["regio_id", "-geldig_vanaf"]
        verbose_name = "regelset"
        verbose_name_plural = "regelsets"
        constraints = [models.UniqueConstraint(fields=["regio", "geldig_vanaf"], name="regelset_uniek")]

    def __str__(self) -> str:
        return f"Regelset {self.regio_id} vanaf {self.geldig_vanaf:%d-%m-%Y}"

    @property
    def huisartsniveaus(self) -> tuple[int, ...]:
        """R-T6: the levels of ``huisartsroute_niveaus`` as numbers, lowest first."""
        return tuple(sorted({int(n) for n in self.huisartsroute_niveaus.split(",") if n.strip()}))

    @property
    def huisartsroutetypen(self) -> frozenset[str]:
        """R-T6 with R-R1: the referrer types (COD327 codes) that refer by the GP route in this
        version; the others refer through the toegang."""
        return frozenset(f"{int(n):02d}" for n in self.huisartsroute_verwijzers.split(",") if n.strip())

    def waarden(self) -> dict[str, object]:
        """The rule parameters of this version, by field name."""
        return {naam: getattr(self, naam) for naam in PARAMETERS}

    def clean(self) -> None:
        """The service's checks as a form's ValidationError (``stel_regelset_vast`` runs them too)."""
        from .validators import controleer_declaratietermijn, controleer_leeftijdsgrenzen

        _als_validation_error(controleer_declaratietermijn, self.declaratietermijn_dagen, "declaratietermijn_dagen")
        try:
            controleer_leeftijdsgrenzen(self)
        except DomainError as error:
            raise ValidationError({error.field: error.message}) from None


class Subregio(models.Model):
    """A group of a region's municipalities that buys part of its care itself (issue 22 §5): in
    Rijnmond the MVS municipalities (Maassluis, Vlaardingen, Schiedam), which buy all specialist
    care themselves (seed 004 §1.3). The rest of the region's contracts cover them as usual."""

    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="subregio_s")
    code = models.SlugField(max_length=40)
    naam = models.CharField(max_length=100)

    objects = RegioQuerySet.as_manager()

    class Meta:
        ordering = ["regio_id", "naam"]
        verbose_name = "subregio"
        verbose_name_plural = "subregio's"
        constraints = [models.UniqueConstraint(fields=["regio", "code"], name="subregio_uniek")]

    def __str__(self) -> str:
        return self.naam


class Gemeente(models.Model):
    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="gemeenten")
    subregio = models.ForeignKey(
        Subregio,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gemeenten",
        help_text="Leeg: de gemeente koopt alles met de regio in. Gevuld: de subregio die een deel zelf inkoopt.",
    )
    cbs_code = models.CharField("CBS-code", max_length=4, unique=True)
    naam = models.CharField(max_length=100)
    inwoners = models.PositiveIntegerField()
    jeugdigen = models.PositiveIntegerField("jeugdige inwoners (< 18)")
    iban = models.CharField("IBAN", max_length=34, blank=True, help_text="Rekening waarvan betaald wordt (SEPA).")

    objects = RegioQuerySet.as_manager()

    class Meta:
        ordering = ["naam"]
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        _als_validation_error(controleer_cbs_code, self.cbs_code, "cbs_code")
        if self.subregio_id and self.regio_id and self.subregio.regio_id != self.regio_id:
            raise ValidationError({"subregio": "Kies een subregio van de regio van de gemeente."})


class Aanbiedercategorie(models.Model):
    """R-R1: a version of one category in a region's own list of provider categories, the
    comparable groups of providers (SPEC §11.2) for its scorecards, norms and signals. A row holds
    from ``geldig_vanaf`` until the next row of the same code; a category exists from its first
    row on. A region without rows uses the standard list (``AanbiederCategorie``) on every date;
    its functioneel beheerder adds or renames categories from a date on
    (``categorieen.stel_categorie_vast``), after which the region's rows are its whole list. The
    standard codes keep their meaning (``crisis``: the crisis service, R-C1)."""

    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="aanbiedercategorieen")
    code = models.SlugField(max_length=20)
    naam = models.CharField(max_length=100)
    geldig_vanaf = models.DateField(default=JEUGDWET, help_text="Eerste dag waarop deze naam geldt (R-R1).")
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vastgesteld_op = models.DateTimeField(auto_now=True)

    objects = RegioQuerySet.as_manager()

    class Meta:
        ordering = ["regio", "naam", "geldig_vanaf"]
        verbose_name = "aanbiedercategorie"
        verbose_name_plural = "aanbiedercategorieën"
        constraints = [
            models.UniqueConstraint(fields=["regio", "code", "geldig_vanaf"], name="aanbiedercategorie_versie_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})"


def categorienaam_expressie(op: date | None = None) -> Coalesce:
    """The name of a provider's category in its region's list on ``op`` (default today), for
    ``annotate`` (one query for a whole list): the region's version valid that day, else the
    standard name, else the code."""
    dag = op or vandaag()
    eigen = Aanbiedercategorie.objects.filter(
        regio_id=models.OuterRef("regio_id"), code=models.OuterRef("categorie"), geldig_vanaf__lte=dag
    ).order_by("-geldig_vanaf")
    standaard = models.Case(
        *(models.When(categorie=code, then=models.Value(str(label))) for code, label in AanbiederCategorie.choices),
        default=models.F("categorie"),
        output_field=models.CharField(),
    )
    return Coalesce(models.Subquery(eigen.values("naam")[:1]), standaard)


def lijst_op(versies: Iterable[tuple[str, str, date]], op: date) -> dict[str, str]:
    """The list of categories, code → name in name order, that the versions ``(code, naam,
    geldig_vanaf)`` give on ``op``: per code its latest version from ``op`` or before; a code whose
    first version starts later is not on the list yet. The one definition of a dated list."""
    geldend: dict[str, tuple[date, str]] = {}
    for code, naam, vanaf in versies:
        if vanaf <= op and (code not in geldend or geldend[code][0] < vanaf):
            geldend[code] = (vanaf, naam)
    return dict(sorted(((c, n) for c, (_v, n) in geldend.items()), key=lambda paar: (paar[1].lower(), paar[0])))


def categorieen(regio_id: int | None, op: date | None = None) -> dict[str, str]:
    """R-R1: the region's provider categories on ``op`` (default today), code → name, in name
    order: its own versions valid that day (``Aanbiedercategorie``), else — a region without rows
    of its own — the standard list. Read here and by ``categorieen.py``."""
    versies = list(Aanbiedercategorie.objects.filter(regio_id=regio_id).values_list("code", "naam", "geldig_vanaf"))
    if versies:
        return lijst_op(versies, op or vandaag())
    return {code: str(label) for code, label in AanbiederCategorie.choices}


def onbekende_categorie(code: str, lijst: dict[str, str]) -> str:
    """The Dutch message for a category outside the region's list (ORG022)."""
    return (
        f"Onbekende aanbiedercategorie {code!r} in deze regio: kies uit {', '.join(lijst.values())}, of laat de "
        "functioneel beheerder de categorie toevoegen."
    )


class Aanbieder(models.Model):
    agb_code = models.CharField("AGB-code", max_length=8, unique=True)
    naam = models.CharField(max_length=150)
    categorie = models.CharField(
        max_length=20,
        help_text="Een categorie uit de lijst van de regio (R-R1); zonder eigen lijst de standaardlijst.",
    )
    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="aanbieders")
    iban = models.CharField("IBAN", max_length=34, blank=True, help_text="Rekening waarop betaald wordt (SEPA).")

    objects = AanbiederQuerySet.as_manager()

    class Meta:
        ordering = ["naam"]
        verbose_name = "aanbieder"
        verbose_name_plural = "aanbieders"

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        _als_validation_error(controleer_agb_code, self.agb_code, "agb_code")
        if self.regio_id and self.categorie:
            lijst = categorieen(self.regio_id)
            if self.categorie not in lijst:
                raise ValidationError({"categorie": onbekende_categorie(self.categorie, lijst)})

    @property
    def categorienaam(self) -> str:
        """The category's name in the region's list (R-R1): annotated by a list
        (``categorie_naam=categorienaam_expressie()``) or looked up."""
        if "categorie_naam" in self.__dict__:
            return self.__dict__["categorie_naam"]
        eigen = (
            Aanbiedercategorie.objects.filter(regio_id=self.regio_id, code=self.categorie, geldig_vanaf__lte=vandaag())
            .order_by("-geldig_vanaf")
            .values_list("naam", flat=True)
            .first()
        )
        return eigen or str(dict(AanbiederCategorie.choices).get(self.categorie, self.categorie))

    def contract_op(self, dag: date) -> Contract | None:
        """The first contract valid on ``dag`` (tests, admin). Whether the provider is contracted
        for a municipality and product is ``organisaties.services.is_gecontracteerd`` (R-T2, R-R3)."""
        return self.contracten.filter(geldig_op_q(dag)).first()


class Contract(models.Model):
    """A provider's contract; the basis of a claim to payment (R-T2). R-R3: regional (``gemeente``
    empty: it covers every municipality of ``regio``) or local (one municipality of ``regio``,
    which alone may allocate and pay under it). Which contracts cover a municipality is decided
    in one place: ``organisaties.services.dekt_gemeente_q``."""

    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT, related_name="contracten")
    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="contracten")
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lokale_contracten",
        verbose_name="gemeente (lokaal contract)",
        help_text="Leeg: een regionaal contract voor alle gemeenten van de regio. Gevuld: een lokaal contract "
        "van alleen deze gemeente (R-R3).",
    )
    nummer = models.CharField(max_length=30, unique=True)
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)

    objects = RegioQuerySet.as_manager()

    class Meta:
        ordering = ["aanbieder__naam", "begindatum"]
        verbose_name = "contract"
        verbose_name_plural = "contracten"

    def __str__(self) -> str:
        return f"{self.nummer} ({self.aanbieder})"

    def clean(self) -> None:
        """R-R3 (the admin's form): a local contract's municipality lies in the contract's region."""
        if self.gemeente_id and self.regio_id and self.gemeente.regio_id != self.regio_id:
            raise ValidationError(
                {
                    "gemeente": "Een lokaal contract is van een gemeente in de regio van het contract. Kies een "
                    "gemeente uit die regio, of laat de gemeente leeg voor een regionaal contract."
                }
            )

    @property
    def niveau(self) -> str:
        """R-R3: "lokaal" (one municipality) or "regionaal"."""
        return "lokaal" if self.gemeente_id else "regionaal"

    def product_toegestaan(self, product, dag: date) -> bool:
        return self.producten.filter(geldig_op_q(dag), product=product).exists()


class ContractProduct(models.Model):
    """A product the provider may deliver under the contract, for an inclusive period."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="producten")
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, related_name="+")
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["product__code"]
        verbose_name = "gecontracteerd product"
        verbose_name_plural = "gecontracteerde producten"
        constraints = [
            models.UniqueConstraint(fields=["contract", "product", "begindatum"], name="contractproduct_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.product_id} in {self.contract_id}"


class Inschrijving(models.Model):
    """Registration on a Wonen intensity or a tariff group: "ingeschreven betekent ook leveren"
    (acceptatieplicht, R-S4). Points at the product of that intensity or tariff group."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="inschrijvingen")
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, related_name="+")
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["product__code"]
        verbose_name = "inschrijving"
        verbose_name_plural = "inschrijvingen"
        constraints = [models.UniqueConstraint(fields=["contract", "product", "begindatum"], name="inschrijving_uniek")]

    def __str__(self) -> str:
        return f"inschrijving {self.product_id} in {self.contract_id}"


class Inkoopniveau(models.Model):
    """R-R3: the level at which a region buys a product — per municipality (``lokaal``) or for the
    region (``regionaal``) — from ``geldig_vanaf`` until the next version of that product. A
    contract line for the product must then be of a contract of that level. A product without a
    version may be bought at either level (IJsselland: everything regional)."""

    LOKAAL = "lokaal"
    REGIONAAL = "regionaal"
    NIVEAUS = [(LOKAAL, gettext_lazy("Per gemeente (lokaal)")), (REGIONAAL, gettext_lazy("Regionaal"))]

    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="inkoopniveaus")
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, related_name="+")
    niveau = models.CharField(max_length=10, choices=NIVEAUS)
    geldig_vanaf = models.DateField("geldig vanaf")
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vastgesteld_op = models.DateTimeField(auto_now_add=True)

    objects = RegioQuerySet.as_manager()

    class Meta:
        ordering = ["regio", "product__code", "geldig_vanaf"]
        verbose_name = "inkoopniveau"
        verbose_name_plural = "inkoopniveaus"
        constraints = [models.UniqueConstraint(fields=["regio", "product", "geldig_vanaf"], name="inkoopniveau_uniek")]

    def __str__(self) -> str:
        return f"{self.product_id} {self.niveau} vanaf {self.geldig_vanaf:%d-%m-%Y}"


class Verwijzer(models.Model):
    """A referring organisation: GP practice, youth doctor, medical specialist, or GI."""

    type = models.CharField(max_length=2, choices=VerwijzerType.choices)
    naam = models.CharField(max_length=150)
    agb_code = models.CharField("AGB-code", max_length=8, blank=True)
    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="verwijzers")

    objects = RegioQuerySet.as_manager()

    class Meta:
        ordering = ["naam"]
        verbose_name = "verwijzer"
        verbose_name_plural = "verwijzers"
        constraints = [
            models.UniqueConstraint(fields=["agb_code"], condition=~models.Q(agb_code=""), name="verwijzer_agb_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_type_display()})"

    @property
    def is_gi(self) -> bool:
        return self.type == VerwijzerType.GI

    def clean(self) -> None:
        if self.type not in VERWIJZERS_ZONDER_AGB or self.agb_code:
            _als_validation_error(controleer_agb_code, self.agb_code, "agb_code")


class Wachttijdmelding(models.Model):
    """R-S6: the expected waiting time a provider reports for one product category (the catalogue part,
    ``catalogus.Onderdeel``, as the rollup's category dimension),
    dated by the server. Each report is a row; the current value is the latest report."""

    #: The largest number of weeks the field takes (a typing error guard, not a rule: ten years).
    MAX_WEKEN = 520

    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT, related_name="wachttijdmeldingen")
    productcategorie = models.CharField(
        max_length=20, choices=Onderdeel.choices, help_text="Productcategorie: het onderdeel van de catalogus."
    )
    weken = models.PositiveSmallIntegerField("wachttijd (weken)")
    gemeld_op = models.DateField(help_text="Datum van de melding (de server bepaalt die).")
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = WachttijdQuerySet.as_manager()

    class Meta:
        ordering = ["aanbieder__naam", "productcategorie", "-gemeld_op", "-id"]
        verbose_name = "wachttijdmelding"
        verbose_name_plural = "wachttijdmeldingen"
        indexes = [models.Index(fields=["aanbieder", "productcategorie", "-gemeld_op"], name="wachttijd_actueel")]

    def __str__(self) -> str:
        return f"{self.aanbieder}: {self.get_productcategorie_display()} {self.weken} weken ({self.gemeld_op:%d-%m-%Y})"
