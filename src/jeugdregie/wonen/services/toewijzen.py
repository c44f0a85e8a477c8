"""Wonen/Verblijf zorgtoewijzing (SPEC §4.3, R-W1…R-W3, R-W7, R-W8, R-W10, R-W11)."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log_persoonsgegevens
from jeugdregie.catalogus.constants import GEZINSVORMEN, Onderdeel, Woonvorm
from jeugdregie.catalogus.models import Product
from jeugdregie.common.domein import publiceer
from jeugdregie.common.errors import DomainError
from jeugdregie.common.periods import leeftijd_op
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.constants import BetrokkenheidBron
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.woonplaatsbeginsel import verantwoordelijke_gemeente
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.organisaties.models import Aanbieder, Gemeente, Regelset, Regio, Verwijzer
from jeugdregie.organisaties.regelset import regels
from jeugdregie.toewijzingen.besluiten import BedragGewijzigd, Toegewezen
from jeugdregie.toewijzingen.constants import Plaatsing, ToewijzingSoort, ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.policies import mag_wonen_toewijzen
from jeugdregie.toewijzingen.services.bedrag import etmalen_bedrag
from jeugdregie.toewijzingen.services.bevoegdheid import vereis_toegang_van
from jeugdregie.verwijzingen.constants import Foutcode as RouteFoutcode
from jeugdregie.verwijzingen.constants import Gebeurtenissoort, Grond18Plus, VerwijzingStatus
from jeugdregie.verwijzingen.models import Resultaat, Verwijzing
from jeugdregie.verwijzingen.services.doelgroep import controleer_doelgroep
from jeugdregie.verwijzingen.services.gebeurtenissen import registreer
from jeugdregie.verwijzingen.services.verwijzen import controleer_contract
from jeugdregie.verwijzingen.services.zicht import geef_zicht

from ..constants import INTENSITEITEN_PER_WOONVORM, Foutcode
from ..leeftijdsgrenzen import verjaardag


def _fout(message: str, field: str) -> DomainError:
    return DomainError(Foutcode.WONEN, message, field=field)


def standaard_woonvorm(product: Product | None) -> Woonvorm:
    """The form proposed for an intensity when the toegang names none (R-W10): the product's own
    form in the catalogue, else a leefgroep. This is also how the form was derived before R-W10
    (migration ``toewijzingen`` 0017 sets existing allocations the same way)."""
    return Woonvorm((product.woonvorm if product else "") or Woonvorm.LEEFGROEP)


def kies_woonvorm(product: Product, woonvorm: Woonvorm | str | None) -> Woonvorm:
    """R-W10: the form the toegang chose, checked against the intensity (``INTENSITEITEN_PER_WOONVORM``)."""
    if not woonvorm:
        return standaard_woonvorm(product)
    try:
        vorm = Woonvorm(woonvorm)
    except ValueError:
        raise _fout(f"Onbekende woonvorm {woonvorm!r}: kies een van de vormen uit de lijst.", "woonvorm") from None
    if product.intensiteit not in INTENSITEITEN_PER_WOONVORM[vorm]:
        passend = [v.label for v in Woonvorm if product.intensiteit in INTENSITEITEN_PER_WOONVORM[v]]
        raise _fout(
            f"{vorm.label} past niet bij intensiteit {product.intensiteit} ({product.naam}). "
            f"Kies bij deze intensiteit: {', '.join(str(p).lower() for p in passend)}; of kies een andere intensiteit.",
            "woonvorm",
        )
    return vorm


def _controleer_leeftijd(
    jeugdige: Jeugdige,
    woonvorm: Woonvorm,
    begindatum: date,
    einddatum: date,
    grond_18plus: str,
    toekomstplan: bool,
    regelset: Regelset,
) -> None:
    """R-W7/R-W11, with the age limits of the region's rule set valid on the allocation's start
    (``regelset``, R-R1; seed 001 §4.2.2.4 "Beëindiging Wonen").

    Every form ends at 18 (``wonen_grens_leeftijd``). After that it runs on only by the toegang's
    decision with a recorded ground (``grond_18plus``; this service is the toegang's alone, R-W1):
    pleegzorg and gezinshuis to 21 under the national agreement and from 21 as verlengde
    jeugdhulp; the leefgroep, respijtzorg and the other forms as verlengde jeugdhulp "in overleg
    met de gemeentelijke toegang" (R-W11; Beschermd Wonen or the Wmo comes first). Never on or
    after the 23rd birthday (``verlengde_jeugdhulp_tot_leeftijd``), for any form. A future plan
    from 16 (``toekomstplan_vanaf_leeftijd``)."""
    controleer_doelgroep(
        geboortedatum=jeugdige.geboortedatum, op=begindatum, grond=grond_18plus, door_toegang=True, regelset=regelset
    )
    if grond_18plus and grond_18plus not in Grond18Plus.values:
        raise _fout(
            f"Onbekende grond voor hulp na 18 jaar {grond_18plus!r}: kies "
            f"{' of '.join(str(label).lower() for label in Grond18Plus.labels)}.",
            "grond_18plus",
        )
    vorm = woonvorm.label.lower()
    tot = regelset.verlengde_jeugdhulp_tot_leeftijd
    einde_verlengd = verjaardag(jeugdige.geboortedatum, tot)
    if einddatum >= einde_verlengd:
        raise _fout(
            f"De jeugdige wordt {tot} op {einde_verlengd:%d-%m-%Y}: ook als verlengde jeugdhulp kan {vorm} niet "
            f"langer doorlopen. Kies een einddatum tot en met {einde_verlengd - timedelta(days=1):%d-%m-%Y} en "
            "regel het vervolg buiten de jeugdhulp (Wmo, Beschermd Wonen).",
            "einddatum",
        )
    grens = regelset.wonen_grens_leeftijd
    einde_wonen = verjaardag(jeugdige.geboortedatum, grens)
    if einddatum >= einde_wonen and not grond_18plus:
        if woonvorm in GEZINSVORMEN:
            verlenging = (
                f"Pleegzorg en een gezinshuis kunnen doorlopen tot {regelset.gezinsvorm_verlenging_tot_leeftijd} jaar "
                f"(landelijke afspraken) en daarna als verlengde jeugdhulp tot {tot} jaar"
            )
        else:
            verlenging = (
                f"Na {grens} jaar kan {vorm} alleen doorlopen als verlengde jeugdhulp tot {tot} jaar, in overleg met "
                "de toegang (hulp vanuit Beschermd Wonen of de Wmo gaat voor)"
            )
        raise _fout(
            f"De jeugdige wordt {grens} op {einde_wonen:%d-%m-%Y}: {vorm} eindigt dan. {verlenging}. Leg als toegang "
            "de grond voor hulp na 18 jaar vast of kies een einddatum tot en met "
            f"{einde_wonen - timedelta(days=1):%d-%m-%Y}.",
            "grond_18plus",
        )
    vanaf = regelset.toekomstplan_vanaf_leeftijd
    if leeftijd_op(jeugdige.geboortedatum, begindatum) >= vanaf and not toekomstplan:
        raise _fout(f"Vanaf {vanaf} jaar is een toekomstplan vereist. Leg vast dat het er is.", "toekomstplan")


def _controleer_stapeling(jeugdige, aanbieder, product, begindatum: date, einddatum: date) -> None:
    """iJw TR302 (issue 15 §3): one product for one client at one provider never twice in the
    same period. A second allocation of the same intensity overlapping a current one is a real
    overlap (the child lives in one place): extend or change the current one instead."""
    lopend = (
        Toewijzing.objects.filter(
            jeugdige=jeugdige,
            aanbieder=aanbieder,
            product=product,
            status__in=[ToewijzingStatus.TOEGEWEZEN, ToewijzingStatus.GESTART],
            begindatum__lte=einddatum,
            einddatum__gte=begindatum,
        )
        .order_by("begindatum")
        .first()
    )
    if lopend is not None:
        raise _fout(
            f"Deze jeugdige heeft bij deze aanbieder al een zorgtoewijzing {product.code} van "
            f"{lopend.begindatum:%d-%m-%Y} tot en met {lopend.einddatum:%d-%m-%Y}. Twee toewijzingen van hetzelfde "
            "product mogen elkaar volgens de iJw-standaard niet overlappen: laat de nieuwe na de lopende "
            "beginnen of wijzig de lopende toewijzing.",
            "begindatum",
        )


@transaction.atomic
def wijs_wonen_toe(
    *,
    jeugdige: Jeugdige,
    aanbieder: Aanbieder,
    product: Product,
    begindatum: date,
    einddatum: date,
    ambulant_onvoldoende: bool,
    resultaten: list[str],
    door,
    woonvorm: Woonvorm | str | None = None,
    plaatsing: Plaatsing = Plaatsing.VRIJWILLIG,
    gi: Verwijzer | None = None,
    maatregel: str = "",
    machtiging_van: date | None = None,
    machtiging_tot: date | None = None,
    grond_18plus: str = "",
    toekomstplan: bool = False,
    context: Toegangscontext | None = None,
) -> Toewijzing:
    """A Wonen/Verblijf zorgtoewijzing by the toegang (R-W1): one of the ten intensities and at
    most one year (R-W3); forced placements need a GI, a measure and a court authorisation (R-W2).
    The form (R-W10) is chosen separately from the intensity and must fit it; without one the
    product's default form is recorded (``standaard_woonvorm``)."""
    # R-D3: care with verblijf stays with the municipality of the address before the stay
    woonplaats = verantwoordelijke_gemeente(jeugdige, begindatum, nieuw_verblijf=True)
    if woonplaats.gemeente_id is None:
        raise _fout("Van deze jeugdige is op de begindatum geen woonplaats bekend.", "jeugdige")
    if not mag_wonen_toewijzen(door):
        raise DomainError(
            RouteFoutcode.ROL,
            "Wonen/Verblijf vraagt een zorgtoewijzing van de toegang; andere verwijzers "
            "kunnen die alleen aanvragen bij de toegang.",
            field="door",
        )
    vereis_toegang_van(woonplaats.gemeente_id, door)
    if product.onderdeel != Onderdeel.WONEN_VERBLIJF or product.intensiteit is None:
        raise _fout("Kies een van de tien Wonen/Verblijf-intensiteiten.", "product")
    if not ambulant_onvoldoende:
        raise _fout("Leg eerst vast dat ambulante hulp alleen niet volstaat.", "ambulant_onvoldoende")
    if einddatum < begindatum:
        raise DomainError(
            RouteFoutcode.PERIODE,
            f"De einddatum {einddatum:%d-%m-%Y} ligt voor de begindatum {begindatum:%d-%m-%Y}.",
            field="einddatum",
        )
    # R-W3 with R-R1: the longest allocation of the region's rule set valid on the day it starts
    regio = Regio.objects.get(gemeenten=woonplaats.gemeente_id)
    versie = regels(regio, begindatum)
    uiterst = begindatum + relativedelta(months=versie.wonen_max_maanden) - timedelta(days=1)
    if einddatum > uiterst:
        duur = "een jaar" if versie.wonen_max_maanden == 12 else f"{versie.wonen_max_maanden} maanden"
        raise _fout(
            f"Een zorgtoewijzing Wonen/Verblijf duurt maximaal {duur}: tot en met {uiterst:%d-%m-%Y}.", "einddatum"
        )
    if plaatsing == Plaatsing.GEDWONGEN:
        if gi is None or gi.type != VerwijzerType.GI or not maatregel or not (machtiging_van and machtiging_tot):
            raise _fout(
                "Een gedwongen plaatsing vraagt een bepaling van de GI, een OTS- of voogdijmaatregel en de "
                "machtiging uithuisplaatsing met data.",
                "plaatsing",
            )
        if not machtiging_van <= begindatum <= machtiging_tot:
            raise _fout("De plaatsing moet binnen de machtiging uithuisplaatsing beginnen.", "machtiging_van")
    woonvorm = kies_woonvorm(product, woonvorm)
    _controleer_leeftijd(jeugdige, woonvorm, begindatum, einddatum, grond_18plus, toekomstplan, versie)
    controleer_contract(aanbieder, begindatum, product, Gemeente.objects.get(pk=woonplaats.gemeente_id))  # R-R3
    _controleer_stapeling(jeugdige, aanbieder, product, begindatum, einddatum)
    resultaten = [r.strip() for r in resultaten if r and r.strip()]
    if not resultaten:
        raise DomainError(RouteFoutcode.GEEN_RESULTAAT, "Leg ten minste één resultaat vast.", field="resultaten")

    verwijzing = Verwijzing.objects.create(
        jeugdige=jeugdige,
        gemeente_id=woonplaats.gemeente_id,
        aanbieder=aanbieder,
        product_indicatie=product,
        verwijzer_type=VerwijzerType.GI if gi else VerwijzerType.GEMEENTE,
        verwijzer=gi,
        datum=begindatum,
        status=VerwijzingStatus.GEACCEPTEERD,
        grond_18plus=grond_18plus,
        aangemaakt_door=door,
    )
    Resultaat.objects.bulk_create(Resultaat(verwijzing=verwijzing, omschrijving=r) for r in resultaten)
    toewijzing = Toewijzing.objects.create(
        verwijzing=verwijzing,
        jeugdige=jeugdige,
        gemeente_id=woonplaats.gemeente_id,
        aanbieder=aanbieder,
        soort=ToewijzingSoort.WONEN_VERBLIJF,
        product=product,
        begindatum=begindatum,
        einddatum=einddatum,
        woonvorm=woonvorm,
        ambulant_onvoldoende=True,
        plaatsing=plaatsing,
        maatregel=maatregel,
        machtiging_van=machtiging_van,
        machtiging_tot=machtiging_tot,
        toekomstplan=toekomstplan,
    )
    geef_zicht(
        jeugdige=jeugdige,
        aanbieder=aanbieder,
        verwijzer=gi,
        bron_aanbieder=BetrokkenheidBron.TOEWIJZING,
        begindatum=begindatum,
    )
    bedrag = etmalen_bedrag(product, begindatum, einddatum, regio_id=regio.pk)
    publiceer(Toegewezen(toewijzing_id=toewijzing.pk, bedrag=bedrag, op=vandaag()))
    registreer(
        toewijzing,
        Gebeurtenissoort.ZORGTOEWIJZING_WONEN,
        door=door,
        product=product.code,
        plaatsing=str(plaatsing),
        woonvorm=str(woonvorm),
    )
    log_persoonsgegevens(actie=Actie.AANMAKEN, obj=toewijzing, jeugdige=jeugdige, door=door, context=context)
    return toewijzing


def _controleer_intensiteitswijziging(
    oud: Toewijzing,
    product: Product,
    ingangsdatum: date,
    toestemming_verwijzer: bool,
    met_verhuizing: bool,
    woonvorm: Woonvorm | str | None,
) -> Woonvorm:
    """The checks of ``wijzig_intensiteit`` before anything changes; returns the new living form."""
    if oud.soort != ToewijzingSoort.WONEN_VERBLIJF or oud.status not in (
        ToewijzingStatus.TOEGEWEZEN,
        ToewijzingStatus.GESTART,
    ):
        raise _fout("Alleen een lopende zorgtoewijzing Wonen/Verblijf kan van intensiteit wisselen.", "toewijzing")
    if product.onderdeel != Onderdeel.WONEN_VERBLIJF or product.intensiteit is None or product.pk == oud.product_id:
        raise _fout("Kies een andere Wonen/Verblijf-intensiteit.", "product")
    if not oud.begindatum < ingangsdatum <= oud.einddatum:
        raise DomainError(
            RouteFoutcode.PERIODE,
            f"De nieuwe intensiteit moet ingaan na de begindatum van de zorgtoewijzing en uiterlijk op de einddatum: "
            f"van {oud.begindatum + timedelta(days=1):%d-%m-%Y} tot en met {oud.einddatum:%d-%m-%Y} (OP257). Is de "
            "intensiteit vanaf het begin onjuist, trek de toewijzing dan in en wijs opnieuw toe.",
            field="ingangsdatum",
        )
    if not toestemming_verwijzer:
        raise _fout(
            "Een wijziging van intensiteit vraagt altijd de toestemming van de verwijzer.",
            "toestemming_verwijzer",
        )
    # R-W10: the form stays unless the toegang names another (or it does not fit the new intensity)
    oude_vorm = Woonvorm(oud.woonvorm or standaard_woonvorm(oud.product))
    if not woonvorm and product.intensiteit in INTENSITEITEN_PER_WOONVORM[oude_vorm]:
        woonvorm = oude_vorm
    nieuwe_vorm = kies_woonvorm(product, woonvorm)
    if {oude_vorm, nieuwe_vorm} & GEZINSVORMEN and not met_verhuizing:
        raise _fout(
            "Bij pleegzorg en een gezinshuis betekent een andere intensiteit een verhuizing; dat wordt "
            "ontraden. Bevestig de verhuizing als die toch nodig is.",
            "met_verhuizing",
        )
    return nieuwe_vorm


@transaction.atomic
def wijzig_intensiteit(
    *,
    toewijzing: Toewijzing,
    product: Product,
    ingangsdatum: date,
    door,
    toestemming_verwijzer: bool,
    met_verhuizing: bool = False,
    woonvorm: Woonvorm | str | None = None,
    context: Toegangscontext | None = None,
) -> Toewijzing:
    """A dated change of intensity (R-W8, iJw OP257, SPEC R-B8). Returns the NEW allocation.

    R-W8: always the referrer's consent; to or from pleegzorg/gezinshuis it means a move
    (discouraged, so it must be confirmed explicitly). R-W10: ``woonvorm`` names the new form;
    without it the form stays when it fits the new intensity, else the intensity's default form.

    OP257: another product is not an edit of the allocation but an end plus a new allocation.
    The old allocation ends the day before ``ingangsdatum`` (its commitment shrinks to tariff ×
    etmalen of the shortened period, ``BedragGewijzigd``; the ledger refuses when more is already
    approved, and then nothing changes); a new allocation on the same referral (same young
    person, municipality, provider, placement, results) holds the new product from
    ``ingangsdatum`` to the old end date and commits its own tariff × etmalen (``Toegewezen``).
    So each night belongs to exactly one allocation and one intensity, and both can be declared.

    Start of care: the new allocation starts as ``toegewezen`` even when care had started on the
    old one. In iJw the provider sends a start (JW305) for the new ToewijzingNummer and a stop
    (JW307) for the old one; those messages never block payment (OP364), so the new nights can
    be declared before the start arrives. The old allocation keeps its status and start."""
    oud = (
        Toewijzing.objects.select_for_update()
        .select_related("aanbieder", "jeugdige", "verwijzing")
        .get(pk=toewijzing.pk)
    )
    vereis_toegang_van(oud.gemeente_id, door)
    woonvorm = _controleer_intensiteitswijziging(
        oud, product, ingangsdatum, toestemming_verwijzer, met_verhuizing, woonvorm
    )
    einde = oud.einddatum
    regio = Regio.objects.get(gemeenten=oud.gemeente_id)
    versie = regels(regio, ingangsdatum)  # R-R1: the rule set valid on the day the new allocation starts
    _controleer_leeftijd(
        oud.jeugdige, woonvorm, ingangsdatum, einde, oud.verwijzing.grond_18plus, oud.toekomstplan, versie
    )
    controleer_contract(oud.aanbieder, ingangsdatum, product, oud.gemeente)
    op = vandaag()

    oud.einddatum = ingangsdatum - timedelta(days=1)
    oud.save(update_fields=["einddatum"])
    assert oud.product is not None  # a Wonen allocation names its product
    ingekort = etmalen_bedrag(oud.product, oud.begindatum, oud.einddatum, regio_id=regio.pk)
    try:
        publiceer(
            BedragGewijzigd(
                toewijzing_id=oud.pk, bedrag=ingekort, op=op, einddatum=oud.einddatum, vorige_einddatum=einde
            )
        )
    except DomainError as fout:  # the ledger's R-B7 invariant; the whole change is undone
        raise _fout(
            f"De intensiteit kan niet per {ingangsdatum:%d-%m-%Y} wijzigen: {fout.message}", "ingangsdatum"
        ) from fout
    nieuw = Toewijzing.objects.create(
        verwijzing=oud.verwijzing,
        jeugdige=oud.jeugdige,
        gemeente_id=oud.gemeente_id,
        aanbieder=oud.aanbieder,
        soort=ToewijzingSoort.WONEN_VERBLIJF,
        product=product,
        begindatum=ingangsdatum,
        einddatum=einde,
        woonvorm=woonvorm,
        ambulant_onvoldoende=oud.ambulant_onvoldoende,
        plaatsing=oud.plaatsing,
        maatregel=oud.maatregel,
        machtiging_van=oud.machtiging_van,
        machtiging_tot=oud.machtiging_tot,
        toekomstplan=oud.toekomstplan,
    )
    publiceer(
        Toegewezen(
            toewijzing_id=nieuw.pk,
            bedrag=etmalen_bedrag(product, ingangsdatum, einde, regio_id=regio.pk),
            op=op,
        )
    )
    registreer(
        oud,
        Gebeurtenissoort.INTENSITEIT_GEWIJZIGD,
        door=door,
        van=oud.product_id,
        naar=product.pk,
        ingangsdatum=ingangsdatum.isoformat(),
        nieuwe_toewijzing=nieuw.pk,
        verhuizing=met_verhuizing,
    )
    # the new allocation's event (OP257); not an outbox cause itself: the old allocation's
    # ``intensiteit_gewijzigd`` sends both in one JW301
    registreer(
        nieuw, Gebeurtenissoort.INTENSITEIT_TOEGEWEZEN, door=door, product=product.code, vorige_toewijzing=oud.pk
    )
    log_persoonsgegevens(actie=Actie.AANMAKEN, obj=nieuw, jeugdige=oud.jeugdige, door=door, context=context)
    return nieuw
