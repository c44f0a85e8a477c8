"""Registering a referral with results and a keuzebudget (SPEC §4.1–4.2)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db import transaction

from jeugdregie.accounts.policies import regio_id_van
from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log_persoonsgegevens
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.catalogus.models import Product
from jeugdregie.common import opmaak
from jeugdregie.common.domein import vraag
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.constants import BetrokkenheidBron
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.woonplaatsbeginsel import verantwoordelijke_gemeente
from jeugdregie.organisaties.constants import HUISARTSROUTE, VerwijzerType
from jeugdregie.organisaties.models import Aanbieder, Gemeente, Regelset, Regio, Verwijzer
from jeugdregie.organisaties.regelset import regels
from jeugdregie.organisaties.services import is_gecontracteerd
from jeugdregie.verwijzingen.besluiten import Keuzebudgetvraag, Lopendkeuzebudget
from jeugdregie.verwijzingen.constants import Foutcode, Gebeurtenissoort, VerwijzingStatus
from jeugdregie.verwijzingen.models import Keuzebudget, Resultaat, ToestemmingHuisartsroute, Verwijzing
from jeugdregie.verwijzingen.policies import (
    is_andere_aanbieder,
    is_gemeentelijk_besluit,
    is_gi,
    is_toegang_van_andere_gemeente,
    mag_afwijken_van_huisartsroute,
    mag_parallel_keuzebudget_geven,
    mag_verwijzing_registreren,
    verwijst_als_eigen_verwijzer,
    verwijst_namens_huisarts,
    verwijzing_geeft_zicht,
)
from jeugdregie.verwijzingen.services.doelgroep import controleer_doelgroep
from jeugdregie.verwijzingen.services.gebeurtenissen import registreer
from jeugdregie.verwijzingen.services.huisartsroute import (
    gebruik_toestemming,
    huisartsroutestand,
)
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze, bepaal_budget, standaardbedrag
from jeugdregie.verwijzingen.services.zicht import geef_zicht


def is_huisartsroute(verwijzer_type: str) -> bool:
    """R-T6: a huisarts, jeugdarts or medisch specialist (COD327 02, 03, 05), the referrers the
    Jeugdwet lets refer directly. Whether one of them uses the GP route in a region on a day is
    ``via_huisartsroute``."""
    return verwijzer_type in HUISARTSROUTE


def via_huisartsroute(verwijzer_type: str, versie: Regelset) -> bool:
    """R-T6 with R-R1: ``verwijzer_type`` refers by the GP route under the rule set ``versie``
    (its ``huisartsroute_verwijzers``): the GP route's levels, cap and second-referral rule apply.
    A legal referrer left out refers through the toegang, which sets the budget."""
    return verwijzer_type in versie.huisartsroutetypen


def _op_de_route(verwijzer_type: str, versies: Sequence[Regelset]) -> bool:
    """R-T6 with R-R1 and R-B9: the referrer is on the region's GP route under the version valid
    on the referral's date and under the one valid on the server's date, so a referral dated back
    (or ahead) into another version cannot choose the route a version of today no longer gives."""
    return all(via_huisartsroute(verwijzer_type, versie) for versie in versies)


def _controleer_verwijsroute(verwijzer_type: str, door, versies: Sequence[Regelset], gemeente: Gemeente) -> None:
    """R-R1: in a region whose GP route leaves this referrer out (on the referral's date or on the
    server's), only the toegang registers its referral (a referrer, or a provider in its name,
    cannot)."""
    if (
        is_huisartsroute(verwijzer_type)
        and not _op_de_route(verwijzer_type, versies)
        and not is_gemeentelijk_besluit(door)
    ):
        naam = VerwijzerType(verwijzer_type).label.lower()
        raise DomainError(
            Foutcode.VERWIJSROUTE,
            f"In regio {gemeente.regio.naam} verwijst een {naam} niet rechtstreeks met een keuzebudget, maar via "
            f"de gemeentelijke toegang: neem contact op met de toegang van de gemeente {gemeente.naam}, die het "
            "keuzebudget bepaalt.",
            field="verwijzer",
        )


def huisartsplafond_niveau(regio: Regio | int | None, op: date) -> int:
    """R-T6: the highest keuzebudget herstel of the GP route, ``huisartsroute_plafond_niveau`` (4 by
    default) of the region's rule set valid on ``op`` (R-R1; the caller names the date); without a
    region the default."""
    versie = Regelset() if regio is None else regels(regio, op)
    return versie.huisartsroute_plafond_niveau


def huisartsplafond(op: date, *, niveau: int, regio_id: int) -> Decimal | None:
    """R-T6: the amount of the GP route's cap (``niveau``, ``huisartsplafond_niveau``) in the
    region's keuzebudgets of the year of ``op`` (R-R1)."""
    return standaardbedrag(niveau, op=op, regio_id=regio_id)


def eerdere_huisartsroute(jeugdige: Jeugdige, *, gemeente: Gemeente) -> bool:
    """R-T8/R-T10: a GP-route referral of the young person runs today or ended within the region's
    window, and no consent of ``gemeente``'s toegang for it is open (``huisartsroutestand``)."""
    return huisartsroutestand(jeugdige, gemeente=gemeente).geblokkeerd


def _verwijzer_type(door, verwijzer: Verwijzer | None, huisartsroute: str) -> VerwijzerType:
    if is_gemeentelijk_besluit(door):
        # The toegang registering a GP's referral (an honoured JW315 request) keeps the GP as
        # referrer (R-T6, R-T8): by the GP on record, else by the COD327 code of the request.
        if verwijzer is not None and is_huisartsroute(verwijzer.type):
            return VerwijzerType(verwijzer.type)
        if is_huisartsroute(huisartsroute):
            return VerwijzerType(huisartsroute)
        # R-T10 (000 §6): a court's or public prosecutor's referral, registered by the toegang on
        # its behalf, keeps that referrer (COD327 08): by the referrer on record or the request's code.
        if (
            verwijzer is not None and verwijzer.type == VerwijzerType.RECHTER
        ) or huisartsroute == VerwijzerType.RECHTER:
            return VerwijzerType.RECHTER
        return VerwijzerType.GEMEENTE
    if is_gi(door):
        return VerwijzerType.GI
    if verwijst_namens_huisarts(door) and verwijzer is not None and verwijzer.type in HUISARTSROUTE:
        return VerwijzerType(verwijzer.type)
    raise DomainError(
        Foutcode.ROL,
        "Verwijzen kan door de toegang, een GI, of een huisarts, jeugdarts of medisch specialist (ook via het verzoek "
        "van de aanbieder met de keuze van de verwijzer).",
        field="verwijzer",
    )


def huisartskeuzes(versie: Regelset) -> str:
    """R-T6: the GP route's own choices of a rule set, in words ("herstel 2 (basis-GGZ) of herstel 4
    (specialistische GGZ)" by default)."""
    if versie.huisartsniveaus == (2, 4):
        return "herstel 2 (basis-GGZ) of herstel 4 (specialistische GGZ)"
    return " of ".join(f"herstel {n}" for n in versie.huisartsniveaus)


def _controleer_budgetkeuze(
    verwijzer_type: VerwijzerType, keuze: BudgetKeuze, keuze_door_verwijzer: bool, *, versie: Regelset
) -> None:
    """R-T5..R-T7: the budget the referrer may choose, by the region's rule set valid on the
    referral's date (``versie``, read by the caller; R-R1): the GP route's levels and highest level,
    whether a GI refers with an offerte."""
    plafond = versie.huisartsroute_plafond_niveau
    if verwijzer_type == VerwijzerType.GI and versie.gi_altijd_offerte and not keuze.is_offerte:
        raise DomainError(
            Foutcode.GI_OFFERTE,
            "Een GI verwijst altijd met een offerte-keuzebudget, vastgesteld in overleg met toegang en aanbieder"
            ". Vul het offertebedrag in.",
            field="niveau",
        )
    if via_huisartsroute(verwijzer_type, versie):
        if keuze.is_offerte or keuze.soort != KeuzebudgetSoort.HERSTEL:
            raise DomainError(
                Foutcode.NIVEAU,
                "Via de huisarts kan alleen een standaard keuzebudget herstel. Past dat niet, neem dan contact op met "
                "de toegang: alleen de toegang kan afwijken.",
                field="niveau",
            )
        if keuze_door_verwijzer and keuze.niveau not in versie.huisartsniveaus:
            keuzes = huisartskeuzes(versie)
            raise DomainError(Foutcode.NIVEAU, f"De huisarts kiest keuzebudget {keuzes}.", field="niveau")
        assert keuze.niveau is not None  # not an offerte (refused above)
        if keuze.niveau > plafond and keuze_door_verwijzer:
            raise DomainError(
                Foutcode.NIVEAU,
                f"Via de huisartsroute is het keuzebudget in deze regio hooguit herstel {plafond}. Is meer nodig, "
                "neem dan contact op met de toegang.",
                field="niveau",
            )
        if keuze.niveau > plafond:
            raise DomainError(
                Foutcode.NIVEAU,
                f"Zonder keuze van de huisarts bepaalt de aanbieder het budget, maar hooguit keuzebudget "
                f"{plafond}. Is meer nodig, neem dan contact op met de toegang.",
                field="niveau",
            )


def _controleer_tweede_huisartsroute(
    jeugdige: Jeugdige, route: bool, is_verlenging: bool, *, gemeente: Gemeente
) -> ToestemmingHuisartsroute | None:
    """R-T8/R-T10: a second referral, while a GP-route trajectory runs or ended within the region's
    window (on the server's date), and every extension via the GP route need contact with the
    toegang of ``gemeente`` (the municipality that pays): its recorded consent for that trajectory
    (returned, for the referral to spend) or a refusal that tells the GP to contact it. An
    extension obeys the same consent rule as a second referral: no consent applies without a
    running or recent trajectory, so an old unused one lifts nothing."""
    if not route:  # not a GP-route referral (R-R1: the region's GP route, ``via_huisartsroute``)
        return None
    stand = huisartsroutestand(jeugdige, gemeente=gemeente)
    if stand.traject is None and not is_verlenging:
        return None
    if stand.toestemming is not None:
        return stand.toestemming
    raise DomainError(
        Foutcode.TWEEDE_HUISARTSROUTE,
        "Deze jeugdige heeft een lopend of recent traject via de huisartsroute. Een tweede verwijzing of een "
        f"verlenging via de huisarts kan niet zonder contact met de gemeentelijke toegang: neem contact op met de "
        f"toegang van de gemeente {gemeente.naam}. Legt de toegang haar toestemming vast, dan kunt u daarna "
        "opnieuw verwijzen.",
        field="verwijzer",
    )


def _toegang_wijkt_af(
    fout: DomainError, *, door, verwijzer_type: VerwijzerType, motivering: str, op: date, plafond: int, regio_id: int
) -> str:
    """A GP-route rule (R-T6, R-T8; ``plafond`` the cap valid on ``op``) refused. Only the toegang
    can deviate ("alleen de toegang kan afwijken"; "niet zonder contact met de gemeentelijke
    toegang"), and only with a recorded motivation: returns it, or raises the rule's code with what
    the toegang must do."""
    if not mag_afwijken_van_huisartsroute(door) or verwijzer_type not in HUISARTSROUTE:
        raise fout
    motivering = motivering.strip()
    if motivering:
        return motivering
    if fout.code == Foutcode.TWEEDE_HUISARTSROUTE:
        uitleg = (
            "Deze jeugdige heeft een lopend of recent traject via de huisartsroute: een tweede verwijzing of een "
            "verlenging via de huisarts kan alleen met de toegang. Had u contact, leg dan uw toestemming vast op de "
            "pagina van de jeugdige."
        )
    else:
        bedrag = huisartsplafond(op, niveau=plafond, regio_id=regio_id)
        hoeveel = f" ({opmaak.euro(bedrag)})" if bedrag is not None else ""
        uitleg = (
            f"Via de huisartsroute is het keuzebudget hooguit herstel {plafond}{hoeveel}; een ander budget "
            "kan alleen de toegang kiezen."
        )
    raise DomainError(
        fout.code, f"{uitleg} Wijkt u af, leg dan de motivering vast.", field="motivering_afwijking"
    ) from None


def _controleer_parallel(jeugdige: Jeugdige, begindatum: date, einddatum: date, door) -> None:
    """R-A4/R-T5: no two keuzebudgets in parallel without the toegang's decision."""
    if mag_parallel_keuzebudget_geven(door):
        return
    lopend = lopende_keuzebudgetten(jeugdige, begindatum, einddatum)
    if lopend:
        raise DomainError(
            Foutcode.PARALLEL_BUDGET,
            "Deze jeugdige heeft al een lopend keuzebudget. Een tweede keuzebudget naast het eerste kan alleen met "
            "toestemming van de toegang (aanpassingsaanvraag ‘Meerdere aanbieders’).",
            field="jeugdige",
        )


def lopende_keuzebudgetten(
    jeugdige: Jeugdige,
    begindatum: date,
    einddatum: date,
    *,
    aanbieder: Aanbieder | None = None,
    behalve: Verwijzing | None = None,
) -> list[Lopendkeuzebudget]:
    """The young person's keuzebudget allocations that run in the period (at ``aanbieder`` when
    given, never those of ``behalve``), earliest first: asked of the allocation stage
    (``besluiten.Keuzebudgetvraag``), which builds on this one."""
    vraag_ = Keuzebudgetvraag(
        jeugdige_id=jeugdige.pk,
        begindatum=begindatum,
        einddatum=einddatum,
        aanbieder_id=aanbieder.pk if aanbieder is not None else None,
        behalve_verwijzing_id=behalve.pk if behalve is not None else None,
    )
    return sorted((b for antwoord in vraag(vraag_) for b in antwoord), key=lambda b: b.begindatum)


def vergrendel(jeugdige: Jeugdige) -> None:
    """The young person's row lock: two decisions that each check "no other keuzebudget at this
    provider" and then write one run one after the other (PostgreSQL; SQLite writes serially)."""
    Jeugdige.objects.select_for_update().filter(pk=jeugdige.pk).exists()


def controleer_een_budget_bij_aanbieder(
    jeugdige: Jeugdige,
    aanbieder: Aanbieder,
    begindatum: date,
    einddatum: date,
    *,
    behalve: Verwijzing | None = None,
    te_screenen: bool = True,
) -> None:
    """R-A4/R-T5 with iJw TR302 (issue 15 §3): at one provider a young person has one keuzebudget
    at a time, for every referrer including the toegang. A second one overlapping a running
    allocation (or, at registration, a referral still to be screened) is a real overlap: the
    budget covers all ambulant care there, and the JW301 sends it without a Product, which may
    overlap nothing. A different amount or period is an adjustment of the running budget (SPEC
    §6); a second provider gets its own (R-A4 reason 4). A stopped allocation no longer counts
    (care ended). The caller holds the young person's row lock (``vergrendel``)."""
    wachtende = Verwijzing.objects.filter(
        jeugdige=jeugdige,
        aanbieder=aanbieder,
        status=VerwijzingStatus.TE_SCREENEN,
        keuzebudget__begindatum__lte=einddatum,
        keuzebudget__einddatum__gte=begindatum,
    )
    if behalve is not None:
        wachtende = wachtende.exclude(pk=behalve.pk)
    lopende = lopende_keuzebudgetten(jeugdige, begindatum, einddatum, aanbieder=aanbieder, behalve=behalve)
    lopend = lopende[0] if lopende else None
    if lopend is not None:
        raise DomainError(
            Foutcode.BUDGET_BIJ_AANBIEDER,
            f"Deze jeugdige heeft bij {aanbieder.naam} al een keuzebudget van {lopend.begindatum:%d-%m-%Y} tot en met "
            f"{lopend.einddatum:%d-%m-%Y}. Bij één aanbieder loopt één keuzebudget tegelijk: vraag een aanpassing "
            "van dat budget aan, of laat het nieuwe budget na het lopende beginnen.",
            field="aanbieder",
        )
    if te_screenen and wachtende.exists():
        raise DomainError(
            Foutcode.BUDGET_BIJ_AANBIEDER,
            f"Er ligt al een verwijzing met keuzebudget voor deze jeugdige bij {aanbieder.naam} die nog gescreend "
            "moet worden. Bij één aanbieder loopt één keuzebudget tegelijk: wacht de screening af of trek die "
            "verwijzing eerst in.",
            field="aanbieder",
        )


def controleer_contract(
    aanbieder: Aanbieder, datum: date, product: Product | None, gemeente: Gemeente | None = None
) -> None:
    """R-T2/R-S5: only contracted providers, for what is referred; R-R3: under a contract that
    covers ``gemeente`` (regional, or local to it). ``gemeente`` None only where the
    municipality is not known yet (the checks before the young person is looked up, R-P4)."""
    if not is_gecontracteerd(aanbieder=aanbieder, dag=datum, gemeente=gemeente, product=product):
        voor = f" voor gemeente {gemeente.naam}" if gemeente is not None else ""
        raise DomainError(
            Foutcode.GEEN_CONTRACT,
            f"{aanbieder.naam} heeft op {datum:%d-%m-%Y} geen contract voor deze hulp{voor}. Kies een "
            "gecontracteerde aanbieder uit de keuzelijst.",
            field="aanbieder",
        )


def controleer_ingediende_verwijzing(
    *,
    aanbieder: Aanbieder,
    resultaten: Sequence[str],
    budget: BudgetKeuze,
    datum: date,
    door,
    verwijzer: Verwijzer | None = None,
    keuze_door_verwijzer: bool = True,
    product_indicatie: Product | None = None,
    huisartsroute: str = "",
) -> None:
    """R-P4: the rules that depend only on what a party submits, checked before the young person
    is looked up. A provider, GI or referrer then gets its errors whether or not the BSN is known,
    and the rules that do depend on the register answer it no differently from an unknown BSN.
    Writes nothing; ``registreer_verwijzing`` checks all of it again."""
    if verwijst_als_eigen_verwijzer(door):
        verwijzer = door.verwijzer
    verwijzer_type = _verwijzer_type(door, verwijzer, huisartsroute)
    if not [r for r in resultaten if r and r.strip()]:
        raise DomainError(
            Foutcode.GEEN_RESULTAAT,
            "Leg ten minste één concreet resultaat vast dat de hulp moet bereiken.",
            field="resultaten",
        )
    if is_andere_aanbieder(door, aanbieder):
        raise DomainError(Foutcode.ROL, "Een aanbieder dient alleen verzoeken voor zichzelf in.", field="aanbieder")
    # R-R1: the cap of the registrant's region on the referral's date (the child's municipality, whose
    # region ``registreer_verwijzing`` reads, is not looked up yet)
    regio_id = regio_id_van(door)
    versie = Regelset() if regio_id is None else regels(regio_id, datum)
    _controleer_budgetkeuze(verwijzer_type, budget, keuze_door_verwijzer, versie=versie)
    assert regio_id is not None  # providers, GIs and GPs belong to an organisation in a region
    bepaal_budget(budget, begindatum=datum, regio_id=regio_id)
    controleer_contract(aanbieder, datum, product_indicatie)


@transaction.atomic
def registreer_verwijzing(
    *,
    jeugdige: Jeugdige,
    aanbieder: Aanbieder,
    resultaten: Sequence[str],
    budget: BudgetKeuze,
    datum: date,
    door,
    verwijzer: Verwijzer | None = None,
    keuze_door_verwijzer: bool = True,
    product_indicatie: Product | None = None,
    grond_18plus: str = "",
    is_verlenging: bool = False,
    huisartsroute: str = "",
    motivering_afwijking: str = "",
    vorige_keuzebudget: Keuzebudget | None = None,
    context: Toegangscontext | None = None,
) -> Verwijzing:
    """A referral: results + keuzebudget for a chosen provider (R-T1…R-T8). Checks everything
    before anything is written; the chosen provider then screens it (R-S1).

    A GP's referral the toegang registers (``verwijzer`` a GP on record, or ``huisartsroute`` the
    COD327 code of the request it honours) keeps the GP as referrer, and the GP-route rules
    apply: the toegang may go past R-T6 or R-T8 only with ``motivering_afwijking``, recorded on
    the referral. A provider registers none itself (R-P4): its submission goes to the toegang
    (``aanmelden.meld_aan``), which honours it with this function. ``vorige_keuzebudget``: the
    duurzaam budget of the previous year this one renews (R-T9, ``toewijzingen.services.verlengen``)."""
    if not mag_verwijzing_registreren(door):
        raise DomainError(
            Foutcode.ROL,
            "Een aanbieder registreert zelf geen verwijzing: dien de verwijzing van de huisarts in via het "
            "verwijsformulier; de toegang beslist erover.",
            field="door",
        )
    if verwijst_als_eigen_verwijzer(door):
        verwijzer = door.verwijzer
    verwijzer_type = _verwijzer_type(door, verwijzer, huisartsroute)
    resultaten = [r.strip() for r in resultaten if r and r.strip()]
    if not resultaten:
        raise DomainError(
            Foutcode.GEEN_RESULTAAT,
            "Leg ten minste één concreet resultaat vast dat de hulp moet bereiken.",
            field="resultaten",
        )
    # R-D3: the woonplaatsbeginsel, during a stay the municipality of the address before it
    verantwoordelijk = verantwoordelijke_gemeente(jeugdige, datum)
    if verantwoordelijk.gemeente_id is None:
        raise DomainError(
            Foutcode.ROL, "Van deze jeugdige is op de verwijsdatum geen woonplaats bekend.", field="jeugdige"
        )
    gemeente = Gemeente.objects.select_related("regio").get(pk=verantwoordelijk.gemeente_id)
    if is_toegang_van_andere_gemeente(door, gemeente.pk):
        raise DomainError(
            Foutcode.ROL, "U kunt alleen verwijzen voor inwoners van uw eigen gemeente.", field="jeugdige"
        )
    afwijking = ""
    versie = regels(gemeente.regio_id, datum)  # R-R1: the rule set valid on the referral's date
    plafond = versie.huisartsroute_plafond_niveau
    versies = (versie, regels(gemeente.regio_id, vandaag()))  # R-B9: the referral's date and the server's
    _controleer_verwijsroute(verwijzer_type, door, versies, gemeente)
    route = _op_de_route(verwijzer_type, versies)
    try:
        _controleer_budgetkeuze(verwijzer_type, budget, keuze_door_verwijzer, versie=versie)
    except DomainError as fout:
        afwijking = _toegang_wijkt_af(
            fout,
            door=door,
            verwijzer_type=verwijzer_type,
            motivering=motivering_afwijking,
            op=datum,
            plafond=plafond,
            regio_id=gemeente.regio_id,
        )
    bedrag, einddatum = bepaal_budget(budget, begindatum=datum, regio_id=gemeente.regio_id)
    controleer_doelgroep(
        geboortedatum=jeugdige.geboortedatum,
        op=datum,
        grond=grond_18plus,
        door_toegang=is_gemeentelijk_besluit(door),
        regelset=regels(gemeente.regio_id, datum),  # R-R1: the rule set valid on the start date (R-T3)
    )
    toestemming = None
    try:
        toestemming = _controleer_tweede_huisartsroute(jeugdige, route, is_verlenging, gemeente=gemeente)
    except DomainError as fout:
        afwijking = _toegang_wijkt_af(
            fout,
            door=door,
            verwijzer_type=verwijzer_type,
            motivering=motivering_afwijking,
            op=datum,
            plafond=plafond,
            regio_id=gemeente.regio_id,
        )
    _controleer_parallel(jeugdige, datum, einddatum, door)
    vergrendel(jeugdige)
    controleer_een_budget_bij_aanbieder(jeugdige, aanbieder, datum, einddatum)
    controleer_contract(aanbieder, datum, product_indicatie, gemeente)  # R-R3: the municipality's contracts

    verwijzing = Verwijzing.objects.create(
        jeugdige=jeugdige,
        gemeente=gemeente,
        verwijzer_type=verwijzer_type,
        verwijzer=verwijzer,
        aanbieder=aanbieder,
        product_indicatie=product_indicatie,
        datum=datum,
        grond_18plus=grond_18plus,
        is_verlenging=is_verlenging,
        via_huisartsroute=route,
        motivering_afwijking=afwijking,
        aangemaakt_door=door,
    )
    if toestemming is not None:  # R-T10: the toegang's consent allowed this one referral
        gebruik_toestemming(toestemming, verwijzing)
    Resultaat.objects.bulk_create(Resultaat(verwijzing=verwijzing, omschrijving=r) for r in resultaten)
    Keuzebudget.objects.create(
        verwijzing=verwijzing,
        soort=budget.soort,
        niveau=budget.niveau,
        is_offerte=budget.is_offerte,
        bedrag=bedrag,
        begindatum=datum,
        einddatum=einddatum,
        vorige=vorige_keuzebudget,
    )
    if verwijzing_geeft_zicht(door):  # R-P4: only the toegang's referral grants sight at once
        geef_zicht(
            jeugdige=jeugdige,
            aanbieder=aanbieder,
            verwijzer=verwijzer,
            bron_aanbieder=BetrokkenheidBron.VERWIJZING,
            begindatum=datum,
        )
    registreer(
        verwijzing,
        Gebeurtenissoort.VERWIJZING_GEREGISTREERD,
        door=door,
        aanbieder_id=aanbieder.pk,
        verwijzer_type=str(verwijzer_type),
        niveau=budget.niveau,
        offerte=budget.is_offerte,
        afwijking_huisartsroute=bool(afwijking),
        toestemming_huisartsroute_id=toestemming.pk if toestemming is not None else None,
    )
    log_persoonsgegevens(actie=Actie.AANMAKEN, obj=verwijzing, jeugdige=jeugdige, door=door, context=context)
    return verwijzing
