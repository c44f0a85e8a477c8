"""Line checks of a declaration (R-B1…R-B3, R-B8, in the iJw rule terms where the standard has
them). ``controleer`` raises ``Afwijzing`` with a stable code and a Dutch explanation of what to
fix. Everything is read from the intake's context, never from the database (benchmark W2)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from jeugdregie.catalogus.constants import Bekostiging, Eenheid, KeuzebudgetSoort
from jeugdregie.catalogus.models import Product
from jeugdregie.common import opmaak
from jeugdregie.common.errors import DomainError
from jeugdregie.common.money import euro
from jeugdregie.common.periods import maandeinde
from jeugdregie.organisaties.services import eerste_dag_zonder, vereist_inschrijving
from jeugdregie.taakgericht.variant import Stuk, eerste_taakgerichte_dag, niet_taakgericht_stuk
from jeugdregie.toewijzingen.constants import ToewijzingStatus
from jeugdregie.toewijzingen.services.levering import controleer_product_past

from ..constants import RETOURCODE, Afkeur, DebetCredit
from .context import Context, CreditDoel, Debet, ToewijzingRij
from .invoer import RegelInvoer

# Plain values, looked up once: an enum member costs a class lookup at every line (benchmark W2).
_DEBET = DebetCredit.DEBET.value
_ETMAAL = Eenheid.ETMAAL.value
_INGETROKKEN = ToewijzingStatus.INGETROKKEN.value
_DUURZAAM = KeuzebudgetSoort.DUURZAAM.value
_TAAKGERICHT, _OUTPUTGERICHT = Bekostiging.TAAKGERICHT.value, Bekostiging.OUTPUTGERICHT.value


class Afwijzing(Exception):
    def __init__(self, code: Afkeur, toelichting: str):
        super().__init__(toelichting)
        self.code = code
        self.toelichting = toelichting

    @property
    def retourcode(self) -> str:
        return RETOURCODE.get(self.code, "")


def _decimaal(waarde) -> Decimal:
    """A number from the input as ``Decimal``: a ``Decimal`` as it is, anything else by its text
    (a float as it prints, never its binary value); raises as ``Decimal`` does."""
    return waarde if type(waarde) is Decimal else Decimal(str(waarde))


def _volume(invoer: RegelInvoer) -> Decimal:
    try:
        volume = _decimaal(invoer.volume)
    except (InvalidOperation, ValueError):
        raise Afwijzing(Afkeur.VOLUME_ONGELDIG, "Het volume is geen getal.") from None
    if volume <= 0:
        raise Afwijzing(
            Afkeur.VOLUME_ONGELDIG,
            "Het volume moet groter zijn dan 0; gebruik voor een correctie een creditregel (indicatie C).",
        )
    return volume


def _periode(invoer: RegelInvoer, vandaag: date) -> None:
    if invoer.einddatum < invoer.begindatum:
        raise Afwijzing(Afkeur.PERIODE_ONGELDIG, "De einddatum ligt voor de begindatum.")
    if (invoer.begindatum.year, invoer.begindatum.month) != (invoer.einddatum.year, invoer.einddatum.month):
        raise Afwijzing(
            Afkeur.PERIODE_MEER_DAN_MAAND, "Een regel beslaat één kalendermaand: splits de regel per maand (TR387/388)."
        )
    if invoer.einddatum > vandaag:
        raise Afwijzing(
            Afkeur.PERIODE_TOEKOMST, f"De periode eindigt na vandaag ({vandaag:%d-%m-%Y}): declareer geleverde zorg."
        )


def _toewijzing(invoer: RegelInvoer, ctx: Context) -> ToewijzingRij:
    toewijzing = ctx.toewijzingen.get(invoer.toewijzing or 0)
    if toewijzing is None or toewijzing.aanbieder_id != ctx.aanbieder_id:
        raise Afwijzing(
            Afkeur.TOEWIJZING_ONBEKEND,
            f"Toewijzing {invoer.toewijzing} bestaat niet of is niet aan u toegewezen (TR338).",
        )
    if toewijzing.gemeente_id != ctx.gemeente_id:
        raise Afwijzing(
            Afkeur.GEMEENTE_ONJUIST,
            "Deze toewijzing hoort bij een andere gemeente: declareer haar in de declaratie voor die gemeente.",
        )
    if toewijzing.bsn != invoer.bsn.strip():
        raise Afwijzing(Afkeur.CLIENT_ONJUIST, "Het BSN hoort niet bij de cliënt van deze toewijzing (TR338).")
    if toewijzing.status == _INGETROKKEN:
        raise Afwijzing(Afkeur.TOEWIJZING_ONBEKEND, "Deze toewijzing is ingetrokken.")
    return toewijzing


def _binnen_toewijzing(invoer: RegelInvoer, toewijzing: ToewijzingRij) -> None:
    """TR307/TR308 against the allocation's own period. Not against the start or stop of care:
    start and stop messages never block payment (iJw OP364)."""
    begin, einde = toewijzing.begindatum, toewijzing.einddatum
    if not begin <= invoer.begindatum <= einde:
        raise Afwijzing(
            Afkeur.BEGIN_BUITEN_TOEWIJZING,
            f"De begindatum ligt buiten de toewijzing: {begin:%d-%m-%Y} tot en met {einde:%d-%m-%Y} (TR307).",
        )
    if invoer.einddatum > einde:
        raise Afwijzing(
            Afkeur.EINDE_BUITEN_TOEWIJZING,
            f"De einddatum ligt na het einde van de toewijzing ({einde:%d-%m-%Y}) (TR308).",
        )


def _hele_maand(invoer: RegelInvoer, toewijzing: ToewijzingRij, ctx: Context) -> None:
    """TR387/TR388 (R-B8): a line runs from the first to the last day of its calendar month,
    unless the allocation begins later or ends earlier in that month: then it begins on the
    allocation's begindatum or ends on its einddatum. For every product. The allocation's own
    dates count, not the start or stop of care (iJw OP364).

    R-R2: a task-based assignment of the line's municipality and product that begins or ends
    within the month is a boundary too (``taakgericht.variant.niet_taakgericht_stuk``): the line
    ends the day before its first task-based day, or begins the day after it ended, so every day
    that is not task-based can be declared. A line reaching a task-based day is left to
    ``_niet_taakgericht`` (DEC005, naming that day)."""
    maand = invoer.begindatum.replace(day=1)
    stuk = Stuk(
        max(maand, toewijzing.begindatum),
        min(maandeinde(maand.year, maand.month), toewijzing.einddatum),
    )
    product = ctx.producten.get(invoer.product.strip())
    if product is not None and ctx.opdrachtperioden:
        sleutel = (ctx.opdrachtperioden, toewijzing.gemeente_id, product.id)
        if eerste_taakgerichte_dag(*sleutel, invoer.begindatum, invoer.einddatum) is not None:
            return
        stuk = niet_taakgericht_stuk(*sleutel, stuk.begindatum, stuk.einddatum, invoer.begindatum)
    if invoer.begindatum != stuk.begindatum:
        if stuk.na is not None:
            raise Afwijzing(
                Afkeur.BEGIN_NIET_MAANDBEGIN,
                f"De periode moet beginnen op {stuk.begindatum:%d-%m-%Y}: de dag na het einde van de taakgerichte "
                f"opdracht '{stuk.na.naam}' (tot en met {stuk.na.einddatum:%d-%m-%Y}); vanaf die dag wordt "
                f"{product.code if product else ''} weer per regel gedeclareerd (TR387).",
            )
        raise Afwijzing(
            Afkeur.BEGIN_NIET_MAANDBEGIN,
            f"De periode moet beginnen op {stuk.begindatum:%d-%m-%Y}: de eerste dag van de maand, of de begindatum "
            "van de toewijzing als die later in de maand ligt (TR387). Declareer per maand één regel met het totaal.",
        )
    if invoer.einddatum != stuk.einddatum:
        if stuk.voor is not None:
            raise Afwijzing(
                Afkeur.EINDE_NIET_MAANDEINDE,
                f"De periode moet eindigen op {stuk.einddatum:%d-%m-%Y}: de dag vóór de taakgerichte opdracht "
                f"'{stuk.voor.naam}' begint ({stuk.voor.begindatum:%d-%m-%Y}); vanaf die dag wordt de zorg betaald "
                "uit het opdrachtbedrag (TR388).",
            )
        raise Afwijzing(
            Afkeur.EINDE_NIET_MAANDEINDE,
            f"De periode moet eindigen op {stuk.einddatum:%d-%m-%Y}: de laatste dag van de maand, of de einddatum van "
            "de toewijzing als die eerder in de maand ligt (TR388). Declareer per maand één regel met het totaal.",
        )


def _product(invoer: RegelInvoer, toewijzing: ToewijzingRij, ctx: Context) -> Product:
    product = ctx.producten.get(invoer.product.strip())
    if product is None:
        raise Afwijzing(Afkeur.PRODUCT_ONBEKEND, f"Product {invoer.product!r} staat niet in de catalogus.")
    if invoer.debet_credit == _DEBET:  # a credit takes back an approved debit of its product in full
        try:
            controleer_product_past(toewijzing, product)
        except DomainError as error:
            raise Afwijzing(Afkeur.PRODUCT_NIET_TOEGEWEZEN, error.message) from None
    if product.bekostiging == _TAAKGERICHT:
        raise Afwijzing(
            Afkeur.PRODUCT_NIET_TOEGEWEZEN,
            f"{product.code} wordt taakgericht bekostigd en niet per regel gedeclareerd: de gemeenten betalen de "
            "beschikbaarheid via de verdeling van de crisiskosten.",
        )
    if invoer.debet_credit == _DEBET:  # a credit takes back a debit approved before the assignment
        _niet_taakgericht(invoer, toewijzing, product, ctx)
    if invoer.eenheid.strip() != product.eenheid:
        raise Afwijzing(
            Afkeur.EENHEID_ONJUIST,
            f"{product.code} wordt gedeclareerd per {product.get_eenheid_display().lower()}, niet per "
            f"{invoer.eenheid!r} (TR341).",
        )
    if (
        toewijzing.keuzebudget_soort == _DUURZAAM
        and toewijzing.keuzebudget_begindatum is not None  # a keuzebudget has a start date
        and product.id in ctx.uitgesloten_bij_duurzaam(toewijzing.keuzebudget_begindatum.year, toewijzing.regio_id)
    ):
        raise Afwijzing(
            Afkeur.DUURZAAM_UITGESLOTEN,
            f"{product.code} mag niet ten laste van een duurzaam keuzebudget; vraag de toegang om een "
            "aanpassing als deze hulp nodig is.",
        )
    return product


def _niet_taakgericht(invoer: RegelInvoer, toewijzing: ToewijzingRij, product: Product, ctx: Context) -> None:
    """R-R2 (iJw OP261, IV096): care of a product that a task-based assignment covers for the
    allocation's municipality is paid from the assignment's lump sum, never per line — from the
    assignment's begindatum on. The same product for a municipality outside the assignment's
    sub-region is declared as always."""
    gevonden = eerste_taakgerichte_dag(
        ctx.opdrachtperioden, toewijzing.gemeente_id, product.id, invoer.begindatum, invoer.einddatum
    )
    if gevonden is not None:
        dag, opdracht = gevonden
        advies = (
            f"Declareer de zorg vóór die datum in een regel tot en met {dag - timedelta(days=1):%d-%m-%Y}."
            if dag > invoer.begindatum
            else "Declareer alleen zorg op dagen buiten de opdracht."
        )
        raise Afwijzing(
            Afkeur.PRODUCT_NIET_TOEGEWEZEN,
            f"{product.code} valt op {dag:%d-%m-%Y} voor deze gemeente onder de taakgerichte opdracht "
            f"'{opdracht.naam}' (vanaf {opdracht.begindatum:%d-%m-%Y}): die zorg wordt betaald uit het "
            f"opdrachtbedrag in maandtermijnen en niet per regel gedeclareerd. {advies}",
        )


def _eenmaal_per_traject(
    invoer: RegelInvoer, toewijzing: ToewijzingRij, product: Product, volume: Decimal, ctx: Context
) -> None:
    """R-R2, iJw OP261 outputgericht: the price covers the whole trajectory, so a product is
    declared once per allocation with volume 1, whatever the period; a credit of that line
    frees it for a corrected one."""
    if product.bekostiging != _OUTPUTGERICHT:
        return
    if volume != 1:
        raise Afwijzing(
            Afkeur.VOLUME_ONGELDIG,
            f"{product.code} is outputgericht: één traject tegen één prijs. Declareer volume 1, niet {volume}.",
        )
    if (toewijzing.pk, product.id) in ctx.trajecten:
        raise Afwijzing(
            Afkeur.DUBBEL_DEBET,
            f"{product.code} is outputgericht en voor deze toewijzing al gedeclareerd: een traject wordt één keer "
            "gedeclareerd. Crediteer eerst de eerdere regel als u wilt corrigeren.",
        )


def _gecontracteerd(invoer: RegelInvoer, toewijzing: ToewijzingRij, product: Product, ctx: Context) -> None:
    """R-T2/R-B8: paid only for a product the provider is contracted for on every day of the
    line, and registered on (R-S4) where it is an intensity or a tariff group — under a contract
    that covers the allocation's municipality (R-R3: regional, or local to that municipality)."""
    sleutel = (ctx.aanbieder_id, product.id, toewijzing.gemeente_id)
    dag = eerste_dag_zonder(ctx.contractperioden.get(sleutel, ()), invoer.begindatum, invoer.einddatum)
    if dag is not None:
        raise Afwijzing(
            Afkeur.GEEN_CONTRACT,
            f"U heeft op {dag:%d-%m-%Y} geen contract voor {product.code} ({product.naam}). Alleen "
            "gecontracteerde producten worden betaald; neem voor uw contract contact op met de regio.",
        )
    if not vereist_inschrijving(product):
        return
    dag = eerste_dag_zonder(ctx.inschrijfperioden.get(sleutel, ()), invoer.begindatum, invoer.einddatum)
    if dag is not None:
        raise Afwijzing(
            Afkeur.NIET_INGESCHREVEN,
            f"U bent op {dag:%d-%m-%Y} niet ingeschreven op {product.code} ({product.naam}). Declareer de "
            "tariefgroep of intensiteit waarop u bent ingeschreven, of vraag de regio de inschrijving vast te leggen.",
        )


def _bedrag(invoer: RegelInvoer, toewijzing: ToewijzingRij, product: Product, volume: Decimal, ctx: Context) -> Decimal:
    tarief = ctx.tarief_op(product, invoer.begindatum, toewijzing.regio_id)  # R-R1: the region's tariff
    if tarief is None:
        raise Afwijzing(Afkeur.GEEN_TARIEF, f"Er is geen tarief voor {product.code} op {invoer.begindatum:%d-%m-%Y}.")
    verwacht = euro(volume * tarief.bedrag)
    try:
        bedrag = euro(_decimaal(invoer.bedrag))
    except (InvalidOperation, ValueError):
        bedrag = None
    if bedrag != verwacht:
        raise Afwijzing(
            Afkeur.BEDRAG_ONJUIST,
            f"Het bedrag moet volume × tarief zijn: {opmaak.getal(volume, 2)} × {opmaak.euro(tarief.bedrag)} = "
            f"{opmaak.euro(verwacht)} (TR346).",
        )
    return bedrag


def _volume_binnen_toewijzing(
    invoer: RegelInvoer, toewijzing: ToewijzingRij, product: Product, volume: Decimal, ctx: Context
) -> None:
    """TR321/TR322: nights cannot exceed the days of the period, nor the days of the allocation;
    R-B7: the lines of an allocation with an allocated volume (crisisopvolging) stay within it, in
    units as well as in euros (a tariff that rose in the period cannot buy more hours)."""
    if toewijzing.volume is not None:
        eerder = ctx.volumes.get((toewijzing.pk, product.id), Decimal("0"))
        if eerder + volume > toewijzing.volume:
            raise Afwijzing(
                Afkeur.VOLUME_OVERSCHREDEN,
                f"Samen met eerder goedgekeurde regels ({eerder}) gaat dit boven het toegewezen volume van "
                f"{toewijzing.volume}. Vraag de toegang om meer als dat nodig is.",
            )
    if product.eenheid != _ETMAAL:
        return
    dagen = (invoer.einddatum - invoer.begindatum).days + 1
    if volume > dagen:
        raise Afwijzing(
            Afkeur.VOLUME_OVERSCHREDEN, f"{volume} etmalen in een periode van {dagen} dagen kan niet (TR321)."
        )
    eerder = ctx.etmalen.get((toewijzing.pk, product.id), Decimal("0"))
    toegewezen = (toewijzing.einddatum - toewijzing.begindatum).days + 1
    if eerder + volume > toegewezen:
        raise Afwijzing(
            Afkeur.VOLUME_OVERSCHREDEN,
            f"Samen met eerder goedgekeurde regels ({eerder}) gaat dit boven de {toegewezen} toegewezen "
            "etmalen (TR322).",
        )


def _een_etmaal_per_dag(invoer: RegelInvoer, toewijzing: ToewijzingRij, volume: Decimal, ctx: Context) -> None:
    """R-B8/R-B3: an allocation is paid at most one etmaal a day, over all its etmaal products:
    after an intensity change a night is not paid at both intensities (TR321/TR322 count per
    product). Lines name a number of nights in a period, not the nights; they fit when no window
    of days around this line holds more nights of lines inside it than it has days (Hall's
    condition for intervals). Lines lie within one month, so the month's lines are enough."""
    maand = invoer.begindatum.replace(day=1)
    laatste = maandeinde(maand.year, maand.month)
    eerder = [d for d in ctx.nachten.get(toewijzing.pk, ()) if d.einddatum >= maand and d.begindatum <= laatste]
    if not eerder:
        return
    begins = {invoer.begindatum, *(d.begindatum for d in eerder if d.begindatum <= invoer.begindatum)}
    eindes = {invoer.einddatum, *(d.einddatum for d in eerder if d.einddatum >= invoer.einddatum)}
    for van in begins:
        for tot in eindes:
            binnen = [d for d in eerder if van <= d.begindatum and d.einddatum <= tot]
            dagen = (tot - van).days + 1
            if binnen and volume + sum(d.volume for d in binnen) > dagen:
                raise Afwijzing(
                    Afkeur.ETMAAL_AL_BETAALD,
                    f"Van {van:%d-%m-%Y} tot en met {tot:%d-%m-%Y} ({dagen} dagen) zijn op deze toewijzing al "
                    f"{sum(d.volume for d in binnen)} etmalen goedgekeurd (regel "
                    f"{', '.join(sorted(d.referentie for d in binnen))}); met deze {volume} wordt een dag meer dan "
                    "één etmaal betaald, ook als de intensiteit wijzigde. Crediteer eerst de eerdere regel "
                    "als u wilt corrigeren.",
                )


def _geen_dubbel_debet(invoer: RegelInvoer, toewijzing: ToewijzingRij, product: Product, ctx: Context) -> None:
    for debet in ctx.debets.get((toewijzing.pk, product.id), ()):
        if debet.begindatum <= invoer.einddatum and debet.einddatum >= invoer.begindatum:
            raise Afwijzing(
                Afkeur.DUBBEL_DEBET,
                f"Deze periode is al gedeclareerd in regel {debet.referentie}. Crediteer die eerst als u wilt "
                "corrigeren (TR389).",
            )


def credit_debet(invoer: RegelInvoer, ctx: Context) -> CreditDoel:
    """TR323/TR390: a credit refers to an earlier approved debit of this provider, once, in full."""
    debet = ctx.credit_doelen.get(invoer.credit_referentie.strip())
    if debet is None:
        raise Afwijzing(
            Afkeur.CREDIT_ZONDER_DEBET,
            f"Er is geen goedgekeurde debetregel met referentie {invoer.credit_referentie!r} om te crediteren (TR323).",
        )
    if debet.gecrediteerd:
        raise Afwijzing(Afkeur.DUBBEL_CREDIT, f"Regel {debet.referentie} is al gecrediteerd (TR390).")
    if (invoer.toewijzing, invoer.product.strip()) != (debet.toewijzing_id, debet.product_code) or (
        euro(_decimaal(invoer.bedrag)) != debet.bedrag
    ):
        raise Afwijzing(
            Afkeur.CREDIT_ZONDER_DEBET,
            f"Een creditregel neemt de debetregel {debet.referentie} volledig terug: zelfde toewijzing, product en "
            f"bedrag ({opmaak.euro(debet.bedrag)}).",
        )
    return debet


def controleer(invoer: RegelInvoer, ctx: Context) -> tuple[ToewijzingRij, Product, Decimal, Decimal]:
    """Every check of one line except the budget (the intake checks that against the locked
    ledger). Returns (allocation, product, volume, amount)."""
    referentie = invoer.referentie.strip()
    if not referentie or referentie in ctx.referenties:
        raise Afwijzing(Afkeur.REFERENTIE_DUBBEL, f"Referentie {referentie!r} is leeg of al aangeleverd (TR314).")
    volume = _volume(invoer)
    _periode(invoer, ctx.vandaag)
    toewijzing = _toewijzing(invoer, ctx)
    _binnen_toewijzing(invoer, toewijzing)
    debet = invoer.debet_credit == _DEBET
    if debet:  # a credit repeats its debit, which passed these checks
        _hele_maand(invoer, toewijzing, ctx)
    product = _product(invoer, toewijzing, ctx)
    if debet:
        _gecontracteerd(invoer, toewijzing, product, ctx)
    bedrag = _bedrag(invoer, toewijzing, product, volume, ctx)
    if debet:
        _geen_dubbel_debet(invoer, toewijzing, product, ctx)
        _eenmaal_per_traject(invoer, toewijzing, product, volume, ctx)
        _volume_binnen_toewijzing(invoer, toewijzing, product, volume, ctx)
        if product.eenheid == _ETMAAL:
            _een_etmaal_per_dag(invoer, toewijzing, volume, ctx)
    return toewijzing, product, volume, bedrag


def neem_op(ctx: Context, invoer: RegelInvoer, toewijzing: ToewijzingRij, product: Product, volume: Decimal) -> None:
    """Remember an approved line, so the next lines of this intake see it."""
    ctx.referenties.add(invoer.referentie.strip())
    if invoer.debet_credit == _DEBET:
        sleutel = (toewijzing.pk, product.id)
        debet = Debet(invoer.referentie.strip(), invoer.begindatum, invoer.einddatum, volume)
        ctx.debets[sleutel].append(debet)
        if toewijzing.volume is not None:
            ctx.volumes[sleutel] = ctx.volumes.get(sleutel, Decimal("0")) + volume
        if product.bekostiging == _OUTPUTGERICHT:
            ctx.trajecten.add(sleutel)
        if product.eenheid == _ETMAAL:
            ctx.etmalen[sleutel] = ctx.etmalen.get(sleutel, Decimal("0")) + volume
            ctx.nachten[toewijzing.pk].append(debet)


def neem_credit_op(ctx: Context, doel: CreditDoel, product: Product) -> None:
    doel.gecrediteerd = True
    sleutel = (doel.toewijzing_id, product.id)
    debets = ctx.debets.get(sleutel, [])
    debets[:] = [d for d in debets if d.referentie != doel.referentie]
    if sleutel in ctx.volumes:
        ctx.volumes[sleutel] -= doel.volume
    ctx.trajecten.discard(sleutel)  # R-R2 outputgericht: the trajectory may be declared again
    if product.eenheid == _ETMAAL:
        ctx.etmalen[sleutel] = ctx.etmalen.get(sleutel, Decimal("0")) - doel.volume
        nachten = ctx.nachten.get(doel.toewijzing_id, [])
        nachten[:] = [d for d in nachten if d.referentie != doel.referentie]
