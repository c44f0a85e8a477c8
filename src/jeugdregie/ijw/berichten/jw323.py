"""Inbound JW323 declaratie, answered with JW325 (issue 5 §2, R-M1; IV087, IV088).

A JW323 can be large, so it is streamed (``inkomend.data`` with iterparse, each Prestatie cleared
once read; the receiver validated the XSD while streaming) into ``RegelInvoer`` rows. Then:

- level 2, in-message rules (header-only JW325 with 0001, nothing stored): CS002 BSN, TR358
  total = Σ debet − Σ credit, TR101 no Client or ProductReferentie twice, TR315/TR316/CD060
  VorigReferentieNummer (unique, not a debit of this message, present iff credit), TR416 no
  second debit for the same allocation, product and ProductPeriode, CS325 amount 0 is D, CD087
  ProductTarief present iff Eenheid ≠ 83, CS339 Eenheid 83: amount = volume, CS337 ProductPeriode
  in one month, CS340 DeclaratiePeriode one whole month, CS100 dates from 2021, TR137/TR134 no
  end before begin or after the Dagtekening, TR335 not older than 5 years, RS032 no time zone;
- level 3: TR333 DeclaratieNummer unique for the provider (9333 on DeclaratieAntwoord, nothing
  stored); then every line by the one declarations service (``verwerk_declaraties``, R-B2): valid
  lines approved and kept, rejected ones listed in the JW325 with their WJ001 code.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jeugdregie.catalogus.constants import IJW_EENHEID_VOOR
from jeugdregie.common.errors import DomainError
from jeugdregie.declaraties.constants import DeclaratieBron, Foutcode
from jeugdregie.declaraties.models import Declaratie
from jeugdregie.declaraties.services.intake import Aanvraag, neem_declaraties_in
from jeugdregie.declaraties.services.invoer import RegelInvoer

from ..constants import Berichttype
from ..xml.kop import Bouwer
from ..xml.veilig import stroom
from . import jw325
from .basis import Inhoudsfout, Inkomend, Uitkomst
from .lezen import bsn as controleer_bsn
from .lezen import euro

_B = Bouwer(Berichttype.JW323)
M = {naam: _B.m(naam) for naam in ("Prestatie", "Bsn", "Client", "DeclaratieNummer", "DeclaratiePeriode")}
M.update({naam: _B.m(naam) for naam in ("DeclaratieDagtekening", "TotaalIngediendBedrag")})
EUROS = "83"
# WJ756 Eenheid -> the unit of the declarations service (the catalog's mapping, reversed); codes
# without a catalog unit get their name, so the service rejects them with 9341 (TR341).
EENHEID = {str(ijw): str(eenheid) for eenheid, ijw in IJW_EENHEID_VOOR.items()}
EENHEID.update({"01": "minuut", "16": "dagdeel", "82": "stuks", "84": "stuks"})
VROEGST = date(2021, 1, 1)
MAX_MELDINGEN = 10  # level-2 findings reported to the sender at once
WEIGERING = {str(Foutcode.NUMMER_HERGEBRUIKT): "9333"}  # TR333


class _Lezer:
    """Reads the message once, keeping per line its ``RegelInvoer`` and the values to echo."""

    def __init__(self, inkomend: Inkomend):
        self.inkomend = inkomend
        self.meldingen: list[tuple[str, str]] = []
        self.regels: list[RegelInvoer] = []
        self.echo: list[tuple] = []  # per line what JW325 echoes and RegelInvoer does not hold
        self.nummer = ""
        self.dagtekening = inkomend.kop.dagtekening
        self._oudste: date | None = None  # TR335: five years before DeclaratieDagtekening
        self._datums: dict[str, date] = {}
        self.totaal = 0
        self.som = 0
        self._bsn = ""
        self._bsns: set[str] = set()
        self._referenties: set[str] = set()
        self._vorige: set[str] = set()
        self._debets: set[tuple] = set()

    def fout(self, regel: str, tekst: str) -> None:
        if len(self.meldingen) < MAX_MELDINGEN:
            self.meldingen.append((regel, tekst))

    def datum(self, tekst: str, waar: str) -> date:
        """A date (the few distinct ones of a message parsed once); ``waar``: what it belongs to."""
        waarde = self._datums.get(tekst)
        if waarde is not None:
            return waarde
        try:
            waarde = date.fromisoformat(tekst.strip())
        except ValueError:
            self.fout("RS032", f"{waar}: datum '{tekst}' zonder tijdzone invullen, als JJJJ-MM-DD.")
            return VROEGST
        if waarde < VROEGST:
            self.fout("CS100", f"{waar}: de datum ligt voor 01-01-2021; declareer alleen zorg vanaf 2021.")
        else:
            self._datums[tekst] = waarde
        return waarde

    def lees(self) -> None:
        for _event, el in stroom(self.inkomend.data, tag=list(M.values()), events=("end",)):
            tag = el.tag
            if tag == M["Prestatie"]:
                self.prestatie(el)
            elif tag == M["Bsn"]:
                self.client(el.text or "")
            elif tag == M["DeclaratieNummer"]:
                self.nummer = (el.text or "").strip()
            elif tag == M["DeclaratiePeriode"]:
                self.declaratieperiode(el[0].text, el[1].text)
            elif tag == M["DeclaratieDagtekening"]:
                self.declaratiedagtekening(el.text or "")
            elif tag == M["TotaalIngediendBedrag"]:
                self.totaal = self.totaalbedrag(el[0].text, el[1].text.strip())
            if tag in (M["Prestatie"], M["Client"]):
                el.clear(keep_tail=False)
                while el.getprevious() is not None:
                    del el.getparent()[0]
        if self.som != self.totaal:
            self.fout(
                "TR358",
                f"TotaalIngediendBedrag is {_euro_tekst(self.totaal)}, maar de prestaties tellen op tot "
                f"{_euro_tekst(self.som)} (debet opgeteld, credit afgetrokken). Maak het totaal gelijk aan de som.",
            )

    def totaalbedrag(self, waarde: str, debet_credit: str) -> int:
        centen = int(waarde)
        if centen == 0 and debet_credit == "C":
            self.fout("CS325", "TotaalIngediendBedrag: een bedrag van 0 heeft DebetCredit D, niet C.")
        return -centen if debet_credit == "C" else centen

    def declaratieperiode(self, begin_tekst: str, eind_tekst: str) -> None:
        begin = self.datum(begin_tekst, "DeclaratiePeriode")
        einde = self.datum(eind_tekst, "DeclaratiePeriode")
        volgende = date(begin.year + begin.month // 12, begin.month % 12 + 1, 1)
        if begin.day != 1 or (volgende - einde).days != 1:
            self.fout("CS340", "DeclaratiePeriode moet precies één hele kalendermaand zijn (de 1e t/m de laatste dag).")

    def declaratiedagtekening(self, tekst: str) -> None:
        dag = self.datum(tekst, "DeclaratieDagtekening")
        if self.dagtekening and dag > self.dagtekening:
            self.fout("TR134", "DeclaratieDagtekening ligt na de Dagtekening van het bericht.")
        self._oudste = date(dag.year - 5, dag.month, min(dag.day, 28))

    def client(self, waarde: str) -> None:
        try:
            self._bsn = controleer_bsn(waarde.strip())
        except Inhoudsfout as fout:
            self.fout(fout.regel, fout.toelichting)
            self._bsn = waarde.strip()
        if self._bsn in self._bsns:
            self.fout(
                "TR101", "Een cliënt (bsn) staat twee keer in het bericht; zet al zijn prestaties onder één Client."
            )
        self._bsns.add(self._bsn)

    def prestatie(self, el) -> None:
        # The XSD fixes the order: ProductReferentie, ToewijzingNummer, ProductCategorie, ProductCode,
        # ProductPeriode, GeleverdVolume, Eenheid, [ProductTarief], IngediendBedrag. Per line only
        # what is needed is built: this loop runs 29k times for a month of a large provider.
        ref_el, periode, bedrag_el = el[0], el[4], el[-1]
        referentie = ref_el[0].text.strip()
        vorig = ref_el[1].text.strip() if len(ref_el) > 1 else ""
        begin_tekst, eind_tekst = periode[0].text, periode[1].text
        begin, einde = self.datum(begin_tekst, referentie), self.datum(eind_tekst, referentie)
        volume, eenheid = el[5].text.strip(), el[6].text.strip()
        tarief = el[7].text.strip() if len(el) == 9 else None
        centen, debet_credit = int(bedrag_el[0].text), bedrag_el[1].text.strip()
        toewijzing, categorie, code = int(el[1].text), el[2].text.strip(), el[3].text.strip()
        self.som += -centen if debet_credit == "C" else centen
        self.controleer(referentie, vorig, debet_credit, begin, einde)
        if centen == 0 and debet_credit == "C":
            self.fout("CS325", f"Prestatie {referentie}: een bedrag van 0 heeft DebetCredit D, niet C.")
        if (tarief is None) != (eenheid == EUROS):
            self.fout("CD087", f"Prestatie {referentie}: ProductTarief vullen, behalve bij Eenheid 83 (euro's).")
        if eenheid == EUROS and centen != int(volume):
            self.fout("CS339", f"Prestatie {referentie}: bij Eenheid 83 (euro's) is IngediendBedrag = GeleverdVolume.")
        if debet_credit == "D":
            # TR416 as the standard's stylesheet judges it: within one Client (the same line for
            # another client is that line's own fault, refused per line: TR304/8187)
            sleutel = (self._bsn, toewijzing, categorie, code, begin, einde)
            if sleutel in self._debets:
                self.fout(
                    "TR416",
                    f"Prestatie {referentie}: er staat al een debetprestatie voor deze toewijzing, dit product en "
                    "deze ProductPeriode in het bericht; voeg ze samen tot één prestatie.",
                )
            self._debets.add(sleutel)
        self.regels.append(
            RegelInvoer(
                referentie=referentie,
                bsn=self._bsn,
                toewijzing=toewijzing,
                product=code,
                begindatum=begin,
                einddatum=einde,
                volume=Decimal(int(volume)),
                eenheid=EENHEID.get(eenheid, eenheid),
                bedrag=Decimal(centen).scaleb(-2),  # eurocents -> euros, exactly two decimals
                debet_credit=debet_credit,
                credit_referentie=vorig,
            )
        )
        self.echo.append((categorie, begin_tekst.strip(), eind_tekst.strip(), volume, eenheid, tarief, centen))

    def prestatie_voor(self, volgnummer: int) -> jw325.Prestatie:
        """Line ``volgnummer`` (1-based, as the declarations service numbers them) as received."""
        regel = self.regels[volgnummer - 1]
        categorie, begin, einde, volume, eenheid, tarief, centen = self.echo[volgnummer - 1]
        return jw325.Prestatie(
            regel.bsn,
            regel.referentie,
            regel.credit_referentie,
            str(regel.toewijzing),
            categorie,
            regel.product,
            begin,
            einde,
            volume,
            eenheid,
            tarief,
            centen,
            regel.debet_credit,
        )

    def controleer(self, referentie: str, vorig: str, debet_credit: str, begin: date, einde: date) -> None:
        waar = f"Prestatie {referentie}"
        if referentie in self._referenties or referentie in self._vorige:
            regel = "TR101" if referentie in self._referenties else "TR316"
            self.fout(
                regel,
                f"{waar}: dit ReferentieNummer komt al eerder in het bericht voor; geef elke prestatie een eigen "
                "ReferentieNummer en crediteer geen debet uit hetzelfde bericht.",
            )
        self._referenties.add(referentie)
        if (debet_credit == "C") != bool(vorig):
            self.fout("CD060", f"{waar}: VorigReferentieNummer vullen bij een creditprestatie (C), anders leeg laten.")
        if vorig:
            if vorig in self._vorige:
                self.fout(
                    "TR315", f"{waar}: VorigReferentieNummer {vorig} wordt al door een andere prestatie gebruikt."
                )
            if vorig in self._referenties:
                self.fout(
                    "TR316", f"{waar}: een debet uit hetzelfde bericht mag niet in dat bericht gecrediteerd worden."
                )
            self._vorige.add(vorig)
        if einde < begin or (begin.year, begin.month) != (einde.year, einde.month):
            self.fout(
                "CS337",
                f"{waar}: de ProductPeriode eindigt niet in dezelfde kalendermaand als zij begint, of eindigt voor "
                "de begindatum. Splits de prestatie per maand.",
            )
        if self.dagtekening and einde > self.dagtekening:
            self.fout("TR137", f"{waar}: de ProductPeriode eindigt na de Dagtekening van het bericht.")
        if self._oudste and einde < self._oudste:
            self.fout("TR335", f"{waar}: de ProductPeriode eindigt meer dan 5 jaar voor de DeclaratieDagtekening.")


def _euro_tekst(centen: int) -> str:
    return f"€ {euro(abs(centen))}{' credit' if centen < 0 else ''}"


def _nummer_gebruikt(inkomend: Inkomend, lezer: _Lezer) -> Uitkomst:
    return jw325.geweigerd(
        inkomend,
        nummer=lezer.nummer,
        ingediend=lezer.totaal,
        code=WEIGERING[str(Foutcode.NUMMER_HERGEBRUIKT)],
        toelichting=f"DeclaratieNummer {lezer.nummer} is al eerder gebruikt (TR333). Geef elke declaratie een nieuw "
        "nummer; corrigeer een eerdere declaratie met creditprestaties.",
    )


def verwerk(inkomend: Inkomend) -> Uitkomst:
    """Read the JW323, apply the in-message rules, have the declarations service judge every line,
    and answer with the JW325 (the receiver keeps the approved lines; a refusal rolls back)."""
    lezer = _Lezer(inkomend)
    lezer.lees()
    if lezer.meldingen:
        return jw325.alleen_header(inkomend, lezer.meldingen)
    if Declaratie.objects.filter(aanbieder=inkomend.aanbieder, nummer=lezer.nummer).exists():
        return _nummer_gebruikt(inkomend, lezer)
    aanvraag = Aanvraag(
        aanbieder=inkomend.aanbieder,
        gemeente=inkomend.gemeente,
        nummer=lezer.nummer,
        regels=lezer.regels,
        door=inkomend.door,
        ingediend_op=inkomend.ontvangen_op,
        bron=DeclaratieBron.JW323,
    )
    [resultaat] = neem_declaraties_in([aanvraag])
    if isinstance(resultaat, DomainError):
        code = WEIGERING.get(resultaat.code)
        if code is None:
            return jw325.alleen_header(inkomend, [(resultaat.code, resultaat.message)])
        return jw325.geweigerd(
            inkomend, nummer=lezer.nummer, ingediend=lezer.totaal, code=code, toelichting=resultaat.message
        )
    if not resultaat.nieuw:  # made meanwhile by a concurrent intake
        return _nummer_gebruikt(inkomend, lezer)
    return jw325.beoordeeld(
        inkomend,
        nummer=lezer.nummer,
        ingediend=lezer.totaal,
        afgewezen=[(lezer.prestatie_voor(a.volgnummer), a.afkeur, a.toelichting) for a in resultaat.afgewezen],
        declaratie_id=resultaat.declaratie.pk,
    )
