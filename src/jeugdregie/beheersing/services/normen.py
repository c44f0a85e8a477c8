"""Norms (R-K2): set by the contract manager, versioned per period, and the judgement of a value
against them in both modes of SPEC §11.4, a traffic light and a score (0–100).

* Absolute: the value should lie within [ondergrens, bovengrens] (either end may be open).
  Outside is red; inside but within ``tolerantie`` of a bound is orange ("about to drop below",
  SPEC §11.2); otherwise green. Score: 50 at the bound, rising to 100 inside and falling to 0
  outside over one tolerance (without one: half the band, so its middle scores 100, or 10% of
  a single bound).
* Relative: the value's percentile position among the providers of the same category in that
  period, in the indicator's direction (``hoger``: higher ranks better, ``lager``: lower,
  ``band``: closer to the category median). Below ``percentiel`` is red, less than
  ``tolerantie`` points above it orange. Score: the position itself.
* No value: "geen gegevens", never zero. No norm and no ``standaardnorm``: "geen norm".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from statistics import median

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.categorieen import categorieen

from ..constants import ALLE, Richting
from ..grafieken import met_eenheid, nl_getal, normtekst
from ..indicatoren.basis import Indicator
from ..indicatoren.register import REGISTER
from ..models import Norm, Normsoort
from ..policies import mag_normen_vaststellen


class NormFout(models.TextChoices):
    GEEN_CONTRACTMANAGER = "NRM01", gettext_lazy("Alleen de contractmanager stelt normen vast")  # R-K2
    ONBEKENDE_INDICATOR = "NRM02", gettext_lazy("Onbekende indicator")  # R-K2
    ONDERGRENS_BOVEN_BOVENGRENS = "NRM03", gettext_lazy("Ondergrens boven bovengrens")  # R-K2
    PERCENTIEL_BUITEN_BEREIK = "NRM04", gettext_lazy("Percentiel buiten 0–100")  # R-K2
    GEEN_GRENS = "NRM05", gettext_lazy("Geen grens ingevuld")  # R-K2
    NEGATIEVE_TOLERANTIE = "NRM06", gettext_lazy("Negatieve tolerantie")  # R-K2
    ONBEKENDE_CATEGORIE = "NRM07", gettext_lazy("Onbekende aanbiedercategorie")  # R-K2 with R-R1


class Licht(models.TextChoices):
    GROEN = "groen", gettext_lazy("Groen")
    ORANJE = "oranje", gettext_lazy("Oranje")
    ROOD = "rood", gettext_lazy("Rood")
    GEEN = "geen", gettext_lazy("Geen oordeel")


# Traffic lights are never told by colour alone (issue 6 §8): a symbol and a word with each.
SYMBOOL = {Licht.GROEN: "✓", Licht.ORANJE: "!", Licht.ROOD: "✕", Licht.GEEN: "–"}
ERNST = {Licht.GEEN: 0, Licht.GROEN: 1, Licht.ORANJE: 2, Licht.ROOD: 3}


@dataclass(frozen=True)
class Beoordeling:
    licht: Licht
    score: int | None
    tekst: str

    @property
    def symbool(self) -> str:
        return SYMBOOL[self.licht]

    @property
    def label(self) -> str:
        return str(self.licht.label)


def stel_norm_vast(
    *,
    door,
    indicator: str,
    soort: str,
    geldig_vanaf: date,
    categorie: str = ALLE,
    ondergrens: Decimal | None = None,
    bovengrens: Decimal | None = None,
    percentiel: Decimal | None = None,
    tolerantie: Decimal | None = None,
    toelichting: str = "",
) -> Norm:
    """R-K2: a new version of a norm; earlier versions stay, so earlier periods keep theirs."""
    if not mag_normen_vaststellen(door):
        raise DomainError(NormFout.GEEN_CONTRACTMANAGER, _("Alleen de contractmanager kan normen vaststellen."))
    if indicator not in REGISTER:
        raise DomainError(
            NormFout.ONBEKENDE_INDICATOR,
            _("Onbekende indicator ‘%(code)s’: kies een indicator uit de lijst.") % {"code": indicator},
            field="indicator",
        )
    categorie = categorie or ALLE
    # R-R1: the region's own list, on the norm's start or today if it started before (a norm holds
    # for the providers in the category now; a category that starts later takes a norm from its start)
    lijstdag = max(geldig_vanaf, vandaag()) if isinstance(geldig_vanaf, date) else None
    if categorie != ALLE and categorie not in categorieen(door.regio_id, lijstdag):
        raise DomainError(
            NormFout.ONBEKENDE_CATEGORIE,
            _("Onbekende aanbiedercategorie ‘%(code)s’ in uw regio: kies een categorie uit de lijst.")
            % {"code": categorie},
            field="categorie",
        )
    tolerantie = tolerantie or Decimal("0")
    if tolerantie < 0:
        raise DomainError(
            NormFout.NEGATIEVE_TOLERANTIE,
            _("De tolerantie kan niet negatief zijn: vul 0 of meer in."),
            field="tolerantie",
        )
    if soort == Normsoort.RELATIEF:
        if percentiel is None or not 0 <= percentiel <= 100:
            raise DomainError(
                NormFout.PERCENTIEL_BUITEN_BEREIK,
                _("Het percentiel moet tussen 0 en 100 liggen: vul bijvoorbeeld 25 in."),
                field="percentiel",
            )
        ondergrens = bovengrens = None
    else:
        if ondergrens is None and bovengrens is None:
            raise DomainError(
                NormFout.GEEN_GRENS, _("Vul een ondergrens, een bovengrens of allebei in."), field="ondergrens"
            )
        if ondergrens is not None and bovengrens is not None and ondergrens > bovengrens:
            raise DomainError(
                NormFout.ONDERGRENS_BOVEN_BOVENGRENS,
                _(
                    "De ondergrens (%(onder)s) ligt boven de bovengrens (%(boven)s): maak de ondergrens kleiner of de "
                    "bovengrens groter."
                )
                % {"onder": nl_getal(ondergrens, 2), "boven": nl_getal(bovengrens, 2)},
                field="ondergrens",
            )
        percentiel = None
    with transaction.atomic():
        norm = Norm.objects.create(
            regio_id=door.regio_id,
            indicator=indicator,
            categorie=categorie,
            soort=soort,
            ondergrens=ondergrens,
            bovengrens=bovengrens,
            percentiel=percentiel,
            tolerantie=tolerantie,
            geldig_vanaf=geldig_vanaf,
            toelichting=toelichting,
            vastgesteld_door=door,
            vastgesteld_op=timezone.now(),
        )
        # R-P5: every change to norms is audit-logged (the row names the norm, no personal data)
        log(
            actie=Actie.AANMAKEN,
            objecttype=Norm._meta.label,
            object_id=norm.pk,
            door=door,
            details=f"norm vastgesteld: indicator={indicator}, categorie={categorie}, soort={soort}, "
            f"geldig vanaf {geldig_vanaf:%Y-%m-%d}",
        )
        return norm


def geldende_normen(*, regio_id: int, categorie: str, periode: date) -> dict[str, Norm]:
    """Per indicator code the norm of the period starting on ``periode``: the latest version with
    ``geldig_vanaf`` ≤ ``periode``, the category's own line before the general one (R-K2)."""
    normen: dict[str, Norm] = {}
    for norm in Norm.objects.filter(regio_id=regio_id, categorie__in={categorie, ALLE}, geldig_vanaf__lte=periode):
        huidig = normen.get(norm.indicator)
        if huidig is None or (norm.categorie, norm.geldig_vanaf, norm.vastgesteld_op, norm.pk) > (
            huidig.categorie,
            huidig.geldig_vanaf,
            huidig.vastgesteld_op,
            huidig.pk,
        ):
            normen[norm.indicator] = norm
    return normen


def geldende_norm(indicator: str, *, regio_id: int, categorie: str, periode: date) -> Norm | None:
    return geldende_normen(regio_id=regio_id, categorie=categorie, periode=periode).get(indicator)


def absolute_grenzen(indicator: Indicator, norm: Norm | None) -> tuple[Decimal | None, Decimal | None] | None:
    """The band to shade in a chart: the absolute norm, or the indicator's ``standaardnorm``."""
    if norm is None:
        return indicator.standaardnorm
    if norm.soort == Normsoort.RELATIEF:
        return None
    return (norm.ondergrens, norm.bovengrens)


def omschrijving(indicator: Indicator, norm: Norm | None) -> str:
    if norm is None:
        if indicator.standaardnorm is None:
            return _("geen norm")
        return _("%(norm)s (standaardnorm)") % {"norm": normtekst(indicator.standaardnorm, indicator.eenheid)}
    if norm.soort == Normsoort.RELATIEF:
        tekst = _("niet onder percentiel %(p)s van de categorie") % {"p": nl_getal(norm.percentiel)}
        if norm.tolerantie:
            tekst += _(", oranje tot %(t)s punten erboven") % {"t": nl_getal(norm.tolerantie)}
        return tekst
    tekst = normtekst((norm.ondergrens, norm.bovengrens), indicator.eenheid)
    if norm.tolerantie:
        tekst += _(", oranje binnen %(t)s van de grens") % {"t": met_eenheid(norm.tolerantie, indicator.eenheid)}
    return tekst


def beoordeel(
    indicator: Indicator,
    waarde: Decimal | None,
    *,
    norm: Norm | None,
    categorie_waarden: list[Decimal | None] | None = None,
) -> Beoordeling:
    """R-K2/R-K3: the traffic light and score of one value under its norm."""
    if waarde is None:
        return Beoordeling(Licht.GEEN, None, _("geen gegevens"))
    if norm is not None and norm.soort == Normsoort.RELATIEF:
        return _relatief(indicator, waarde, norm, [w for w in categorie_waarden or [] if w is not None])
    grenzen = absolute_grenzen(indicator, norm)
    if not grenzen or grenzen == (None, None):
        return Beoordeling(Licht.GEEN, None, _("geen norm"))
    return _absoluut(waarde, grenzen, norm.tolerantie if norm else Decimal("0"))


def _absoluut(waarde: Decimal, grenzen: tuple[Decimal | None, Decimal | None], tolerantie: Decimal) -> Beoordeling:
    onder, boven = grenzen
    # The score's scale: one tolerance; without one, half the band (its middle scores 100) or 10%
    # of the bound (at least 1).
    halve_band = (boven - onder) / 2 if onder is not None and boven is not None else Decimal(0)
    grens = onder if onder is not None else boven
    assert grens is not None  # grenzen is never (None, None) here (beoordeel)
    schaal = tolerantie or halve_band or max(abs(grens) / 10, Decimal(1))
    if onder is not None and waarde < onder:
        return Beoordeling(Licht.ROOD, _score(onder - waarde, schaal, buiten=True), _("Rood: onder de norm"))
    if boven is not None and waarde > boven:
        return Beoordeling(Licht.ROOD, _score(waarde - boven, schaal, buiten=True), _("Rood: boven de norm"))
    marges = []
    if onder is not None:
        marges.append(waarde - onder)
    if boven is not None:
        marges.append(boven - waarde)
    marge = min(marges)
    score = _score(marge, schaal, buiten=False)
    if tolerantie and marge < tolerantie:
        return Beoordeling(Licht.ORANJE, score, _("Oranje: binnen de norm, dicht bij de grens"))
    return Beoordeling(Licht.GROEN, score, _("Groen: binnen de norm"))


def _score(afstand: Decimal, schaal: Decimal, *, buiten: bool) -> int:
    """50 at the bound; towards 100 inside and 0 outside over one ``schaal``."""
    deel = min(Decimal(1), afstand / schaal)
    return int((50 - 50 * deel if buiten else 50 + 50 * deel).to_integral_value())


def percentielpositie(richting: str, waarde: Decimal, waarden: list[Decimal]) -> Decimal:
    """The share (0–100) of the category that does worse, counting ties half (mid-rank)."""
    if richting == Richting.BAND:
        midden = median(waarden)
        waarde, waarden, richting = abs(waarde - midden), [abs(w - midden) for w in waarden], Richting.LAGER_BETER
    slechter = sum(1 for w in waarden if (w < waarde if richting == Richting.HOGER_BETER else w > waarde))
    gelijk = sum(1 for w in waarden if w == waarde)
    return Decimal(100) * (slechter + Decimal(gelijk) / 2) / len(waarden)


def _relatief(indicator: Indicator, waarde: Decimal, norm: Norm, waarden: list[Decimal]) -> Beoordeling:
    if not waarden:
        return Beoordeling(Licht.GEEN, None, _("geen vergelijkingsgegevens in de categorie"))
    assert norm.percentiel is not None  # a relative norm names its percentile (Norm.clean)
    positie = percentielpositie(indicator.richting, waarde, waarden)
    score = int(positie.to_integral_value())
    context = {"positie": nl_getal(positie), "p": nl_getal(norm.percentiel), "n": len(waarden)}
    if positie < norm.percentiel:
        tekst = _("Rood: percentiel %(positie)s, onder percentiel %(p)s van de categorie (%(n)s aanbieders)")
        return Beoordeling(Licht.ROOD, score, tekst % context)
    if positie < norm.percentiel + norm.tolerantie:
        tekst = _("Oranje: percentiel %(positie)s, dicht bij percentiel %(p)s van de categorie (%(n)s aanbieders)")
        return Beoordeling(Licht.ORANJE, score, tekst % context)
    tekst = _("Groen: percentiel %(positie)s, niet onder percentiel %(p)s van de categorie (%(n)s aanbieders)")
    return Beoordeling(Licht.GROEN, score, tekst % context)


def samenvatting(beoordelingen: list[Beoordeling]) -> Beoordeling:
    """A pillar at one glance (R-K3): the worst light among its indicators, the mean score."""
    met_oordeel = [b for b in beoordelingen if b.licht != Licht.GEEN]
    if not met_oordeel:
        return Beoordeling(Licht.GEEN, None, _("geen gegevens"))
    slechtste = max(met_oordeel, key=lambda b: ERNST[b.licht])
    scores = [b.score for b in met_oordeel if b.score is not None]
    score = round(sum(scores) / len(scores)) if scores else None
    aantal = sum(1 for b in met_oordeel if b.licht == slechtste.licht)
    tekst = _("%(licht)s: %(aantal)s van %(totaal)s indicatoren") % {
        "licht": slechtste.label,
        "aantal": aantal,
        "totaal": len(met_oordeel),
    }
    return Beoordeling(slechtste.licht, score, tekst)


@dataclass(frozen=True)
class Normregel:
    indicator: Indicator
    categorie: str
    norm: Norm | None
    tekst: str


def huidige_normen(*, regio_id: int, peildatum: date) -> list[Normregel]:
    """The norms in force on ``peildatum`` per indicator and category line (R-K2 overview); an
    indicator without any norm shows its ``standaardnorm`` or "geen norm"."""
    laatste: dict[tuple[str, str], Norm] = {}
    for norm in Norm.objects.filter(regio_id=regio_id, geldig_vanaf__lte=peildatum).select_related("vastgesteld_door"):
        sleutel = (norm.indicator, norm.categorie)
        if sleutel not in laatste:  # Meta.ordering: newest version first
            laatste[sleutel] = norm
    regels = []
    for indicator in REGISTER.values():
        eigen = sorted((n for (code, _c), n in laatste.items() if code == indicator.code), key=lambda n: n.categorie)
        if not any(n.categorie == ALLE for n in eigen):
            regels.append(Normregel(indicator, ALLE, None, omschrijving(indicator, None)))
        regels += [Normregel(indicator, n.categorie, n, omschrijving(indicator, n)) for n in eigen]
    return regels
