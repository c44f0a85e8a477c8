"""``manage.py ijw_demo``: a handful of real iJw messages for the embedded demo (issue 5), so the
message log, the toegang's worklist and the outbox have something to show. Never in production.

The demo provider (the region's first by AGB code, user ``aanbieder``) sends through ``ontvang``
as its technical user, to Zwolle: two JW315 requests (one stays open on the toegang's worklist,
the other is taken under investigation, honoured and accepted at screening through the real
services, so the outbox makes a JW319 and a JW301), a JW305 start of a ``toegewezen`` allocation,
a JW323 of three lines for a past month of a started keuzebudget (one amount wrong: the JW325
lists it), the same JW305 again (a replay, TR056) and a JW305 that fails its XSD (``geweigerd``).

Deterministic and idempotent: fixed identificaties, so a second run only replays; a subject once
chosen is read back from the log; the refused message is not sent again; decisions only move a
request forward. Messages are dated ``vandaag`` (TR135). A step without a suitable subject is
skipped with a message."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.catalogus.constants import Eenheid, IjwEenheid, KeuzebudgetSoort
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.common.periods import geldig_op_q
from jeugdregie.declaraties.constants import RegelStatus
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.ijw.constants import Berichtstatus, Berichttype, Richting
from jeugdregie.ijw.models import Bericht
from jeugdregie.ijw.policies import aanbiedermedewerkers, toegangsmedewerkers
from jeugdregie.ijw.services.archief import technische_gebruiker
from jeugdregie.ijw.services.ontvangen import Ontvangst, ontvang
from jeugdregie.ijw.services.uitbox import verzamel
from jeugdregie.ijw.xml.kop import Bouwer, als_bytes
from jeugdregie.ijw.xml.veilig import Berichtweigering
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.models import Aanbieder, ContractProduct, Gemeente
from jeugdregie.organisaties.services import dekt_gemeente_q
from jeugdregie.toewijzingen.constants import ScreeningUitkomst, ToewijzingSoort, ToewijzingStatus
from jeugdregie.toewijzingen.models import Levering, Toewijzing
from jeugdregie.toewijzingen.services import screen_verwijzing
from jeugdregie.verwijzingen.constants import VerwijzingStatus
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze
from jeugdregie.verzoeken.constants import ToewijzingsverzoekStatus
from jeugdregie.verzoeken.models import Toewijzingsverzoek
from jeugdregie.verzoeken.services import (
    heeft_onderhanden_verzoek,
    honoreer_met_verwijzing,
    zet_in_onderzoek,
)

V_OPEN, V_BESLUIT, START, DECLARATIE, FOUT = "DEMO-V1", "DEMO-V2", "DEMO-S1", "DEMO-D1", "DEMO-F1"
DECLARATIENUMMER = "DEMO1"  # XSD: letters and digits only
UUR = str(IjwEenheid.UUR)
# (first day, last day or None for the month's end, hours, amount off in cents): the third is wrong (TR346)
#: The JW323's lines: hours and an error in cents, each a whole month (TR387/TR388) of its own
#: hourly product (TR389: no two lines of one product overlap); the third has a wrong amount.
PRESTATIES = ((3, 0), (2, 0), (2, 1000))


def speel(*, vandaag: date | None = None) -> list[str]:
    """Send the demo messages, let the toegang decide, run the outbox; the Dutch summary lines."""
    if not getattr(settings, "DEMO_GEBRUIKERS_TOEGESTAAN", False):
        raise ImproperlyConfigured("iJw-demoberichten zijn in deze omgeving niet toegestaan.")
    vandaag = vandaag or timezone.localdate()
    aanbieder = Aanbieder.objects.filter(regio__code="ijsselland").order_by("agb_code").first()
    gemeente = Gemeente.objects.filter(cbs_code="0193").first()
    if aanbieder is None or gemeente is None:
        return ["Geen demoregio (aanbieder van IJsselland en gemeente Zwolle 0193): draai eerst genereer_regio."]
    door = technische_gebruiker(aanbieder)
    uit = [f"iJw-demo: {aanbieder.naam} (AGB {aanbieder.agb_code}) aan {gemeente.naam} ({gemeente.cbs_code})."]

    def stuur(omschrijving: str, data: bytes) -> Ontvangst | None:
        """Send one message; the summary line: status, retour type and its header codes."""
        try:
            ontvangst = ontvang(data, door=door)
        except Berichtweigering as fout:
            uit.append(f"- {omschrijving}: geweigerd, {fout.code} {fout.message}")
            return None
        b, retour = ontvangst.bericht, ontvangst.retour
        herhaald = " (herhaald: de eerdere retour)" if ontvangst.herhaald else ""
        afgekeurd = f", {len(b.fouten)} afgekeurd" if b.fouten else ""
        codes = f"{retour.berichttype} header {' '.join(b.retourcodes) or '-'}" if retour else "geen retour"
        uit.append(f"- {omschrijving}: {b.status}{herhaald}; {codes}{afgekeurd}")
        return ontvangst

    jeugdigen = _jeugdigen(aanbieder, gemeente, vandaag)
    for ident, rol in ((V_OPEN, "blijft open voor de toegang"), (V_BESLUIT, "de toegang besluit")):
        jeugdige = jeugdigen.pop(ident, None)
        if jeugdige is None:
            uit.append(f"- {ident} overgeslagen: geen jeugdige van {gemeente.naam} zonder lopend verzoek.")
            continue
        product = _uurproduct(aanbieder, vandaag, gemeente)
        if product is None:
            uit.append(f"- {ident} overgeslagen: {aanbieder.naam} heeft geen gecontracteerd uurproduct.")
            continue
        data = _jw315(aanbieder, gemeente, ident, vandaag, jeugdige, product)
        stuur(f"JW315 {ident} verzoek om toewijzing (jeugdige {jeugdige.pk}, {product.code}, {rol})", data)

    toewijzing = _toegewezen(aanbieder, gemeente, vandaag)
    start = None
    if toewijzing is None:
        uit.append(f"- {START} overgeslagen: geen toewijzing in status toegewezen van {aanbieder.naam}.")
    else:
        dag = min(vandaag, toewijzing.begindatum + timedelta(days=7))
        start = _jw305(aanbieder, toewijzing, START, vandaag, dag.isoformat())
        stuur(f"JW305 {START} start zorg (toewijzing {toewijzing.pk} per {dag:%d-%m-%Y})", start)

    keuze = _declaratiekeuze(aanbieder, gemeente, vandaag)
    if keuze is None:
        uit.append(f"- {DECLARATIE} overgeslagen: geen gestart keuzebudget met een vrije maand en genoeg budget.")
    else:
        tw, maand, product = keuze
        omschrijving = (
            f"JW323 {DECLARATIE} declaratie ({maand:%m-%Y}, toewijzing {tw.pk}, {product.code}, 3 prestaties)"
        )
        stuur(omschrijving, _jw323(tw, maand, product, vandaag))

    if start is not None:
        stuur(f"JW305 {START} nogmaals verstuurd", start)
    fout = f"JW305 {FOUT} start met begindatum 01-10-2026 (geen xs:date)"
    if _eerder(aanbieder, FOUT, geweigerd=True) is not None:
        uit.append(f"- {fout}: al eerder geweigerd, niet opnieuw verstuurd.")
    elif toewijzing is None:
        uit.append(f"- {fout}: overgeslagen, geen toewijzing om het bericht over te laten gaan.")
    else:
        stuur(fout, _jw305(aanbieder, toewijzing, FOUT, vandaag, "01-10-2026"))

    uit += _besluiten(aanbieder, gemeente, vandaag)
    nieuw = verzamel()  # the decisions' own after-commit run usually made them already
    uitgaand = Bericht.objects.filter(richting=Richting.UIT, aanbieder=aanbieder)
    per_type = [f"{t} {uitgaand.filter(berichttype=t).count()}" for t in (Berichttype.JW301, Berichttype.JW319)]
    uit.append(f"Uitbox: {len(nieuw)} nieuw in de inhaalronde; voor {aanbieder.naam}: {', '.join(per_type)}.")
    return uit


def _eerder(aanbieder: Aanbieder, ident: str, *, geweigerd: bool = False) -> Bericht | None:
    """The earlier delivery of a demo message (its identity, TR056), to keep the subject."""
    rijen = Bericht.objects.filter(richting=Richting.IN, afzender=aanbieder.agb_code, identificatie=ident)
    status = (
        rijen.filter(status=Berichtstatus.GEWEIGERD) if geweigerd else rijen.exclude(status=Berichtstatus.GEWEIGERD)
    )
    return status.order_by("id").first()


def _jeugdigen(aanbieder: Aanbieder, gemeente: Gemeente, vandaag: date) -> dict[str, Jeugdige]:
    """Per JW315 its young person: from the log, else a young person of the municipality (6–16)
    without any request of this provider and nothing onderhanden (TR374)."""
    gekozen = {}
    for ident in (V_OPEN, V_BESLUIT):
        eerder = _eerder(aanbieder, ident)
        if eerder is not None and eerder.jeugdige_id:
            gekozen[ident] = eerder.jeugdige
    kandidaten = (
        Jeugdige.objects.filter(
            woonplaatsen__gemeente=gemeente,
            woonplaatsen__einddatum__isnull=True,
            woonplaatsen__begindatum__lte=vandaag,
            geboortedatum__range=(vandaag - relativedelta(years=16), vandaag - relativedelta(years=6)),
            # issue 15: with an address, so the JW301 of the decision goes out (TR006)
            adressen__einddatum__isnull=True,
            adressen__begindatum__lte=vandaag,
        )
        .distinct()
        .exclude(pk__in=Toewijzingsverzoek.objects.filter(aanbieder=aanbieder).values("jeugdige"))
        .order_by("pk")[:20]
    )
    vrij = (j for j in kandidaten if not heeft_onderhanden_verzoek(jeugdige=j, aanbieder=aanbieder))
    for ident in (V_OPEN, V_BESLUIT):
        if ident not in gekozen:
            gekozen[ident] = next(vrij, None)
    return {k: v for k, v in gekozen.items() if v is not None}


def _gecontracteerd(aanbieder: Aanbieder, dag: date, gemeente: Gemeente):
    """The provider's contract lines valid on ``dag`` under contracts covering ``gemeente`` (R-R3)."""
    return ContractProduct.objects.filter(
        geldig_op_q(dag), geldig_op_q(dag, "contract__"), dekt_gemeente_q(gemeente), contract__aanbieder=aanbieder
    )


def _uurproduct(aanbieder: Aanbieder, dag: date, gemeente: Gemeente) -> Product | None:
    """A contracted ambulant hourly product of the provider for ``gemeente`` (category 45 first)."""
    codes = _gecontracteerd(aanbieder, dag, gemeente).filter(product__eenheid=Eenheid.UUR, product__actief=True)
    codes = codes.values_list("product__code", flat=True)
    code = min(codes, key=lambda c: (not c.startswith("45"), c), default=None)
    product = Product.objects.filter(code=code).first() if code else None
    return product if product is not None and product.ijw_productcategorie else None


def _toegewezen(aanbieder: Aanbieder, gemeente: Gemeente, vandaag: date) -> Toewijzing | None:
    eerder = _eerder(aanbieder, START)
    if eerder is not None and eerder.toewijzing_id:
        return eerder.toewijzing
    rijen = Toewijzing.objects.filter(
        aanbieder=aanbieder,
        soort=ToewijzingSoort.KEUZEBUDGET,
        status=ToewijzingStatus.TOEGEWEZEN,
        begindatum__lte=vandaag,
        einddatum__gte=vandaag,
    ).order_by("-begindatum", "pk")
    return rijen.filter(gemeente=gemeente).first() or rijen.first()


def _declaratiekeuze(aanbieder: Aanbieder, gemeente: Gemeente, vandaag: date):
    """(allocation, month, product) for the JW323: the log's, else a started keuzebudget of the
    municipality with a whole past month in its period and care without approved lines (TR389),
    an hourly product with a tariff, and budget left for the two good lines (TR369)."""
    eerder = _eerder(aanbieder, DECLARATIE)
    if eerder is not None and eerder.declaratie_id:
        regel = Declaratieregel.objects.filter(declaratie_id=eerder.declaratie_id).order_by("volgnummer").first()
        assert regel is not None and regel.toewijzing is not None  # the logged JW323 has lines on an allocation
        product = regel.product or Product.objects.filter(code=_uurcode(regel.toewijzing, regel.begindatum)).first()
        return regel.toewijzing, regel.begindatum.replace(day=1), product
    kandidaten = Toewijzing.objects.filter(
        aanbieder=aanbieder,
        gemeente=gemeente,
        soort=ToewijzingSoort.KEUZEBUDGET,
        status=ToewijzingStatus.GESTART,
        einddatum__gte=vandaag - relativedelta(months=6),
    ).select_related("jeugdige", "keuzebudget")
    for tw in kandidaten.order_by("-begindatum", "pk")[:30]:
        eerste = max(tw.begindatum, tw.startdatum_zorg or tw.begindatum)
        maand = vandaag.replace(day=1) - relativedelta(months=1)
        while maand >= eerste.replace(day=1) and maand > vandaag - relativedelta(months=6):
            einde = maand + relativedelta(months=1, days=-1)
            goed = maand >= eerste and einde <= tw.einddatum and einde < vandaag
            bezet = Declaratieregel.objects.filter(
                toewijzing=tw, status=RegelStatus.GOEDGEKEURD, begindatum__lte=einde, einddatum__gte=maand
            ).exists()
            product = Product.objects.filter(code=_uurcode(tw, maand)).first() if goed and not bezet else None
            tarief = product.tarief_op(maand, gemeente.regio_id) if product else None
            if (
                product is not None
                and tarief is not None
                and _rest(tw)
                >= 7 * max(_uurtarief(p, maand, gemeente.regio_id) for p in _producten(tw, maand, product))
            ):
                return tw, maand, product
            maand -= relativedelta(months=1)
    return None


def _uurtarief(product: Product, maand: date, regio_id: int) -> Decimal:
    """The tariff in the region (R-R1) of a product ``_producten`` chose (each has one that month)."""
    tarief = product.tarief_op(maand, regio_id)
    assert tarief is not None  # _producten keeps only products with a tariff
    return tarief.bedrag


def _uurcode(tw: Toewijzing, maand: date) -> str:
    """The hourly product the provider delivered on this allocation (else its contract's)."""
    geleverd = Levering.objects.filter(toewijzing=tw, product__eenheid=Eenheid.UUR).order_by("-maand")
    code = geleverd.values_list("product__code", flat=True).first()
    if code is None:
        product = _uurproduct(tw.aanbieder, maand, tw.gemeente)
        code = product.code if product else ""
    return code


def _rest(tw: Toewijzing) -> Decimal:
    """What is left of the keuzebudget in the R-B5 ledger (the whole budget before any line)."""
    stand = Budgetstand.objects.filter(toewijzing=tw).first()
    if stand is None:
        assert tw.keuzebudget is not None  # a keuzebudget allocation
        return tw.keuzebudget.bedrag
    return stand.beschikbaar


def _besluiten(aanbieder: Aanbieder, gemeente: Gemeente, vandaag: date) -> list[str]:
    """The toegang takes request DEMO-V2 under investigation (JW319), honours it with a referral
    (herstel 2) and the provider accepts at screening (the allocation: JW301). Only forward."""
    verzoek = Toewijzingsverzoek.objects.filter(aanbieder=aanbieder, referentie_aanbieder=f"{V_BESLUIT}-1").first()
    toegang = toegangsmedewerkers(gemeente).order_by("username").first()
    if verzoek is None or toegang is None:
        return ["- Besluiten overgeslagen: geen verzoek DEMO-V2 of geen toegangsmedewerker van de gemeente."]
    screener = (
        aanbiedermedewerkers(aanbieder).exclude(username__startswith="ijw-").order_by("username").first()
    ) or technische_gebruiker(aanbieder)
    gedaan = []
    try:
        if verzoek.status == ToewijzingsverzoekStatus.OPEN:
            verzoek = zet_in_onderzoek(verzoek=verzoek, door=toegang)
            gedaan.append(f"in onderzoek door {toegang.username}")
        if verzoek.status == ToewijzingsverzoekStatus.IN_ONDERZOEK:
            honoreer_met_verwijzing(
                verzoek=verzoek,
                resultaten=["De jeugdige gaat weer met plezier naar school."],
                budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2),
                datum=vandaag,
                door=toegang,
            )
            verzoek.refresh_from_db()
            gedaan.append("gehonoreerd met verwijzing (herstel 2)")
        verwijzing = verzoek.verwijzing
        if verwijzing is not None and verwijzing.status == VerwijzingStatus.TE_SCREENEN:
            screen_verwijzing(verwijzing=verwijzing, uitkomst=ScreeningUitkomst.GEACCEPTEERD, door=screener)
            gedaan.append(f"geaccepteerd bij screening door {screener.username}")
    except DomainError as fout:
        gedaan.append(f"gestopt: {fout.message} ({fout.code})")
    return [f"- Besluit op {V_BESLUIT}: {', '.join(gedaan) or 'al genomen'}."]


# --- the messages (schema-valid iJw 3.2; client data as Jeugdregie holds it) ---------------------


def _start(soort: Berichttype, aanbieder: Aanbieder, ontvanger: str, ident: str, dag: date):
    b = Bouwer(soort)
    root = b.root()
    b.header(root, afzender=aanbieder.agb_code, ontvanger=ontvanger, identificatie=ident, dagtekening=dag)
    return b, root


def _client(b: Bouwer, root, jeugdige: Jeugdige, *, voornamen: bool = False):
    client = b.sub(root, b.m("Client"))
    b.sub(client, b.m("Bsn"), jeugdige.bsn)
    b.sub(b.sub(client, b.m("Geboortedatum")), b.b("Datum"), jeugdige.geboortedatum.isoformat())
    b.sub(client, b.m("Geslacht"), jeugdige.geslacht)
    naam = b.sub(client, b.m("Naam"))
    b.sub(b.sub(naam, b.b("Geslachtsnaam")), b.b("Achternaam"), jeugdige.achternaam)
    if voornamen and jeugdige.voornamen:
        b.sub(naam, b.b("Voornamen"), jeugdige.voornamen)
    return client


def _jw315(aanbieder, gemeente, ident: str, dag: date, jeugdige: Jeugdige, product: Product) -> bytes:
    b, root = _start(Berichttype.JW315, aanbieder, gemeente.cbs_code, ident, dag)
    client = _client(b, root, jeugdige, voornamen=True)
    el = b.sub(b.sub(client, b.m("AangevraagdeProducten")), b.m("AangevraagdProduct"))
    b.sub(el, b.m("ReferentieAanbieder"), f"{ident}-1")
    prod = b.sub(el, b.m("Product"))
    b.sub(prod, b.b("Categorie"), product.ijw_productcategorie)
    b.sub(prod, b.b("Code"), product.code)
    b.sub(el, b.m("ToewijzingIngangsdatum"), dag.isoformat())
    b.sub(el, b.m("ToewijzingEinddatum"), (dag + relativedelta(months=6, days=-1)).isoformat())
    omvang = b.sub(el, b.m("Omvang"))
    for naam, waarde in (("Volume", "2"), ("Eenheid", UUR), ("Frequentie", "2")):  # 2 hours a week
        b.sub(omvang, b.b(naam), waarde)
    verwijzer = b.sub(el, b.m("Verwijzer"))
    b.sub(verwijzer, b.b("Type"), "01")  # the municipality (COD327)
    b.sub(verwijzer, b.b("Naam"), f"Toegang {gemeente.naam}"[:64])
    return als_bytes(root)


def _jw305(aanbieder: Aanbieder, tw: Toewijzing, ident: str, dag: date, begindatum: str) -> bytes:
    """A start of ``tw``; ``begindatum`` as text, so the refused demo can send it wrong (XSD)."""
    b, root = _start(Berichttype.JW305, aanbieder, tw.gemeente.cbs_code, ident, dag)
    client = _client(b, root, tw.jeugdige)
    el = b.sub(b.sub(client, b.m("StartProducten")), b.m("StartProduct"))
    b.sub(el, b.m("ToewijzingNummer"), tw.pk)
    b.sub(el, b.m("Begindatum"), begindatum)
    b.sub(el, b.m("StatusAanlevering"), "1")
    return als_bytes(root)


def _producten(tw: Toewijzing, maand: date, product: Product) -> list[Product]:
    """The allocation's hourly product and two more the provider is contracted for that month."""
    codes = (
        _gecontracteerd(tw.aanbieder, maand, tw.gemeente)
        .filter(product__eenheid=Eenheid.UUR, product__actief=True, product__code__startswith="45")
        .exclude(product__code=product.code)
    )
    anderen = Product.objects.filter(code__in=codes.values_list("product__code", flat=True)).order_by("code")
    regio_id = tw.gemeente.regio_id
    return [product, *[p for p in anderen if p.tarief_op(maand, regio_id) is not None][: len(PRESTATIES) - 1]]


def _jw323(tw: Toewijzing, maand: date, product: Product, dag: date) -> bytes:
    laatste = calendar.monthrange(maand.year, maand.month)[1]
    begin, einde = max(maand, tw.begindatum), min(maand.replace(day=laatste), tw.einddatum)
    regels = [
        (p, begin, einde, uren, int(_uurtarief(p, maand, tw.gemeente.regio_id) * 100), fout)
        for p, (uren, fout) in zip(_producten(tw, maand, product), PRESTATIES, strict=False)
    ]
    totaal = sum(uren * tarief + fout for *_, uren, tarief, fout in regels)
    b, root = _start(Berichttype.JW323, tw.aanbieder, tw.gemeente.cbs_code, DECLARATIE, dag)
    declaratie = b.sub(root, b.m("Declaratie"))
    b.sub(declaratie, b.m("DeclaratieNummer"), DECLARATIENUMMER)
    periode = b.sub(declaratie, b.m("DeclaratiePeriode"))
    b.sub(periode, b.b("Begindatum"), maand.isoformat())
    b.sub(periode, b.b("Einddatum"), maand.replace(day=laatste).isoformat())
    b.sub(declaratie, b.m("DeclaratieDagtekening"), dag.isoformat())
    som = b.sub(declaratie, b.m("TotaalIngediendBedrag"))
    b.sub(som, b.b("TotaalBedrag"), totaal)
    b.sub(som, b.b("DebetCredit"), "D")
    client = b.sub(b.sub(declaratie, b.m("Clienten")), b.m("Client"))
    b.sub(client, b.m("Bsn"), tw.jeugdige.bsn)
    prestaties = b.sub(client, b.m("Prestaties"))
    for nummer, (product, begin, einde, uren, tarief, fout) in enumerate(regels, start=1):
        el = b.sub(prestaties, b.m("Prestatie"))
        b.sub(b.sub(el, b.m("ProductReferentie")), b.b("ReferentieNummer"), f"DEMO-{tw.pk}-{maand:%Y%m}-{nummer}")
        b.sub(el, b.m("ToewijzingNummer"), tw.pk)
        b.sub(el, b.m("ProductCategorie"), product.ijw_productcategorie)
        b.sub(el, b.m("ProductCode"), product.code)
        pp = b.sub(el, b.m("ProductPeriode"))
        b.sub(pp, b.b("Begindatum"), begin.isoformat())
        b.sub(pp, b.b("Einddatum"), einde.isoformat())
        b.sub(el, b.m("GeleverdVolume"), uren)
        b.sub(el, b.m("Eenheid"), UUR)
        b.sub(el, b.m("ProductTarief"), tarief)
        bedrag = b.sub(el, b.m("IngediendBedrag"))
        b.sub(bedrag, b.b("Bedrag"), uren * tarief + fout)
        b.sub(bedrag, b.b("DebetCredit"), "D")
    return als_bytes(root)
