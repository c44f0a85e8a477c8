#!/usr/bin/env python
"""Benchmark W1 of issue 5 §10: intake of JW323 declarations. Prints figures; asserts nothing.

    .venv/bin/python bench/ijw_w1.py                 # 2k, 29k and 870k lines
    .venv/bin/python bench/ijw_w1.py 2k 29k          # a subset

On a temporary SQLite database (migrated, catalog loaded) one child process loads, per size, a
provider with allocations (a keuzebudget, TG3 hours, twelve months of care up to last month) and
writes its JW323 files: ``2k`` and ``29k`` one message each, ``870k`` a zip of thirty messages of
29k lines (each under the 32 MiB message limit, as providers upload batches). About 2% of the
lines are wrong (amount, unknown allocation, unknown product, over budget), so each JW325 lists
rejected Prestaties. Then per size a fresh child process measures, per message:

1. plain parse: ``etree.iterparse`` over the same bytes, no schema, clearing as it goes (the
   streaming parse the receiver uses);
2. schema validation: ``valideer_stroom`` (streaming, the receiver's own check), and its ratio to 1
   (target ≤ 1.5×);
3. full intake: ``ontvang`` end to end (size check, header, XSD, in-message rules, every line by
   the declarations service, storing, the JW325), and its ratio to 1 (target ≤ 10×);
   Parse and validation of a single message are the best of three runs (the machine is shared);
   the intake runs once (a second run would be a replay). Also timed on its own, once: the content
   check with the standard's stylesheet (``inhoud.controleer_declaratie``, blocks judged in
   threads); the rest of the intake (the difference) is compared with the whole-document parse
   too: what the intake costs beyond the standard's check.
4. peak memory: the child's RSS high-water mark (``ru_maxrss``; target < 300 MB), next to its RSS
   after start-up (Django and the libraries);
5. whole-document parse (issue 18 §3): ``etree.fromstring`` of the same bytes, no schema, the
   whole tree built at once (the cheapest parse of a message held in memory), and the intake's
   ratio to it (target ≤ 8×). Timed after the peak of 4 is read, so its tree does not count in
   the intake's memory; its own peak is printed next to it.
Each child prints an ``eerlijkheid:`` block: what each figure does and does not count.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GROOTTES = {"2k": (2_000, 1), "29k": (29_000, 1), "870k": (870_000, 30)}
MAANDEN = 12


def _kind(env: dict, *args: str) -> None:
    resultaat = subprocess.run([PYTHON, __file__, *args], cwd=REPO, env=env)
    if resultaat.returncode != 0:
        raise SystemExit(f"{' '.join(args)} faalde (status {resultaat.returncode})")


def main(groottes: list[str]) -> None:
    map_ = Path(tempfile.mkdtemp(prefix="jeugdregie-bench-w1-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{map_ / 'w1.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "jeugdregie.config.settings.dev",
        "PYTHONPATH": f"{REPO / 'src'}:{REPO}",
    }
    begin = time.perf_counter()
    for args in (("migrate", "--noinput"), ("laad_catalogus",)):
        subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=True)
    print(f"database en catalogus: {time.perf_counter() - begin:,.0f} s ({map_})", flush=True)
    _kind(env, "laad", str(map_), *groottes)
    for grootte in groottes:
        _kind(env, "meet", str(map_), grootte)
    print("\nW1 samenvatting (SQLite, één proces per grootte)")
    print(
        f"{'regels':>8} {'berichten':>9} {'MB':>6} {'stroom s':>8} {'geheel s':>8} {'XSD s':>7} {'XSD/stroom':>10} "
        f"{'intake s':>8} {'/stroom':>8} {'/geheel':>8} {'XSLT s':>7} {'rest/geheel':>11} {'regels/s':>9} "
        f"{'piek MB':>8}"
    )
    for grootte in groottes:
        r = json.loads((map_ / f"{grootte}.json").read_text())
        print(
            f"{r['regels']:>8,} {r['berichten']:>9} {r['mb']:>6.1f} {r['parse']:>8.2f} {r['geheel']:>8.2f} "
            f"{r['xsd']:>7.2f} {r['xsd'] / r['parse']:>9.2f}× {r['intake']:>8.2f} {r['intake'] / r['parse']:>7.2f}× "
            f"{r['intake'] / r['geheel']:>7.2f}× {r['inhoud']:>7.2f} "
            f"{(r['intake'] - r['inhoud']) / r['geheel']:>10.2f}× {r['regels'] / r['intake']:>9,.0f} "
            f"{r['piek_mb']:>8.0f}"
        )
    print(
        "doelen: XSD ≤ 1,5× stroomparse; intake ≤ 10× stroomparse (iterparse) en ≤ 8× geheel-documentparse "
        "(fromstring); piekgeheugen < 300 MB. XSLT: de inhoudscontrole van de standaard (apart gemeten); "
        "rest/geheel: de intake zonder haar, tegen de geheel-documentparse"
    )


# --- child processes --------------------------------------------------------------------------------


def _django() -> None:
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False  # as in production: no query log in memory


def _maanden():
    from dateutil.relativedelta import relativedelta

    from jeugdregie.common.tijd import vandaag

    deze = vandaag().replace(day=1)
    return [deze - relativedelta(months=k) for k in range(MAANDEN, 0, -1)]


def laad(map_: Path, groottes: list[str]) -> None:
    """Providers, allocations and the JW323 files of every size."""
    _django()
    for nummer, grootte in enumerate(groottes, start=1):
        regels, berichten = GROOTTES[grootte]
        begin = time.perf_counter()
        aanbieder = laad_aanbieder(grootte, nummer, regels, _maanden())
        mb = schrijf_berichten(map_, grootte, aanbieder, regels, berichten, _maanden())
        print(f"{grootte}: gegevens en {berichten} JW323 ({mb:,.1f} MB) in {time.perf_counter() - begin:,.0f} s")


def _berichten(map_: Path, grootte: str):
    """(name, bytes) of each message: the .xml, or the entries of the .zip as the upload reads
    them (``ijw.services.archief.lees_archief``: names, kinds and real unpacked sizes checked,
    each entry within the message limit, before the first message is handed out)."""
    from jeugdregie.ijw.services.archief import lees_archief

    xml = map_ / f"{grootte}.xml"
    if xml.exists():
        yield xml.name, xml.read_bytes()
        return
    with open(map_ / f"{grootte}.zip", "rb") as bestand:
        yield from lees_archief(bestand)


def _plain(data: bytes) -> None:
    """Plain lxml streaming parse, clearing as ``valideer_stroom`` does, without the schema."""
    from io import BytesIO

    from lxml import etree

    for _event, element in etree.iterparse(BytesIO(data), events=("end",)):
        if element.getparent() is not None and len(element) == 0:
            continue
        element.clear(keep_tail=False)


def _geheel(data: bytes) -> None:
    """Plain lxml whole-document parse of the same bytes: the tree built at once, no schema."""
    from lxml import etree

    etree.fromstring(data)


def _beste(herhaal: int, functie, *args) -> float:
    tijden = []
    for _ in range(herhaal):
        begin = time.perf_counter()
        functie(*args)
        tijden.append(time.perf_counter() - begin)
    return min(tijden)


def meet(map_: Path, grootte: str) -> None:
    import resource

    _django()
    from lxml import etree
    from tqdm import tqdm

    from jeugdregie.accounts.models import Gebruiker
    from jeugdregie.declaraties.models import Declaratieregel
    from jeugdregie.ijw.services.ontvangen import ontvang
    from jeugdregie.ijw.xml.inhoud import BLOK_CLIENTEN, _draden, controleer_declaratie
    from jeugdregie.ijw.xml.schemas import schema, valideer_stroom

    gebruiker = Gebruiker.objects.select_related("aanbieder").get(username=f"w1-{grootte}")
    schema("JW323")
    schema("JW325")
    opgestart = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tijden = {"parse": 0.0, "geheel": 0.0, "xsd": 0.0, "inhoud": 0.0, "intake": 0.0}
    mb, codes, berichten = 0.0, {}, 0
    regels, aantal = GROOTTES[grootte]
    herhaal = 3 if aantal == 1 else 1  # one message: best of three against the noise of a shared machine
    for naam, data in tqdm(_berichten(map_, grootte), total=aantal, desc=f"W1 {grootte}", unit="bericht"):
        berichten += 1
        mb += len(data) / 1024 / 1024
        tijden["parse"] += _beste(herhaal, _plain, data)
        tijden["xsd"] += _beste(herhaal, valideer_stroom, data, "JW323")
        tijden["inhoud"] += _beste(1, controleer_declaratie, data)  # the intake's content check, on its own
        begin = time.perf_counter()
        ontvangst = ontvang(data, door=gebruiker)
        tijden["intake"] += time.perf_counter() - begin
        retour = etree.fromstring(ontvangst.retour_xml)
        for code in retour.iterfind(".//{*}Prestatie/{*}RetourCodes/{*}RetourCode"):
            codes[code.text] = codes.get(code.text, 0) + 1
        kop = [c.text for c in retour.iterfind("{*}Header/{*}RetourCodes/{*}RetourCode")]
        if kop != ["0200"]:
            raise SystemExit(f"{naam}: JW325 met headercodes {kop}: {ontvangst.bericht.fouten}")
        del data, ontvangst, retour
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # After the intake's peak is read: a whole tree per message does not count in it.
    for _naam, data in _berichten(map_, grootte):
        tijden["geheel"] += _beste(herhaal, _geheel, data)
        del data
    piek_geheel = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    goedgekeurd = Declaratieregel.objects.filter(aanbieder=gebruiker.aanbieder, status="goedgekeurd").count()
    print(
        f"W1 {grootte}: {regels:,} regels in {berichten} bericht(en), {mb:,.1f} MB\n"
        f"  lxml stroomparse (iterparse, geen schema):  {tijden['parse']:,.2f} s\n"
        f"  lxml geheel document (fromstring, geen schema): {tijden['geheel']:,.2f} s "
        f"(piekgeheugen daarna {piek_geheel:,.0f} MB)\n"
        f"  XSD-validatie (valideer_stroom):     {tijden['xsd']:,.2f} s = {tijden['xsd'] / tijden['parse']:.2f}× "
        "stroomparse (doel ≤ 1,5×)\n"
        f"  volledige intake (ontvang → JW325):  {tijden['intake']:,.2f} s = "
        f"{tijden['intake'] / tijden['parse']:.2f}× stroomparse (doel ≤ 10×) = "
        f"{tijden['intake'] / tijden['geheel']:.2f}× geheel-documentparse (doel ≤ 8×), "
        f"{regels / tijden['intake']:,.0f} regels/s\n"
        f"    waarvan inhoudscontrole (XSLT van de standaard, blokken in {_draden()} draden): "
        f"{tijden['inhoud']:,.2f} s = {tijden['inhoud'] / tijden['geheel']:.2f}× geheel-documentparse\n"
        f"    de rest van de intake (intake − inhoudscontrole): {tijden['intake'] - tijden['inhoud']:,.2f} s = "
        f"{(tijden['intake'] - tijden['inhoud']) / tijden['geheel']:.2f}× geheel-documentparse\n"
        f"  goedgekeurd {goedgekeurd:,}, afgewezen per retourcode {dict(sorted(codes.items()))}\n"
        f"  piekgeheugen {piek:,.0f} MB (na opstarten {opgestart:,.0f} MB; doel < 300 MB)\n"
        "eerlijkheid:\n"
        "  - alle metingen op dezelfde bytes in het geheugen; het lezen van het bestand en het uitpakken van de "
        "zip (lees_archief) zijn niet geteld.\n"
        "  - stroomparse: etree.iterparse, elementen gewist zoals valideer_stroom doet; geheel document: "
        "etree.fromstring, de hele boom in één keer. Beide zonder schema, zonder waarden te lezen of de "
        "database te raken.\n"
        f"  - parse en XSD: de beste van {herhaal} per bericht; de intake één keer (een tweede keer is een "
        "herhaling die niets goedkeurt).\n"
        "  - intake: alles van ontvang (grootte, header, XSD, de inhoudscontrole met de XSLT van de standaard "
        f"per blok van {BLOK_CLIENTEN} cliënten, berichtregels, elke regel door de declaratieservice, opslaan, "
        "de JW325) op SQLite in hetzelfde proces.\n"
        "  - het geheel-document is gemeten na het aflezen van het piekgeheugen van de intake, zodat zijn boom "
        "daar niet in meetelt.\n"
        "  - de inhoudscontrole is apart gemeten op dezelfde bytes (één keer), zoals de intake haar draait; de rest "
        "is het verschil, een schatting.",
        flush=True,
    )
    (map_ / f"{grootte}.json").write_text(
        json.dumps({"regels": regels, "berichten": berichten, "mb": mb, **tijden, "piek_mb": piek})
    )


# --- data -------------------------------------------------------------------------------------------

PRESTATIE = (
    "<jw323:Prestatie><jw323:ProductReferentie><ijw:ReferentieNummer>{ref}</ijw:ReferentieNummer>"
    "</jw323:ProductReferentie><jw323:ToewijzingNummer>{tw}</jw323:ToewijzingNummer>"
    "<jw323:ProductCategorie>{code2}</jw323:ProductCategorie><jw323:ProductCode>{code}</jw323:ProductCode>"
    "<jw323:ProductPeriode><ijw:Begindatum>{begin}</ijw:Begindatum><ijw:Einddatum>{einde}</ijw:Einddatum>"
    "</jw323:ProductPeriode><jw323:GeleverdVolume>{volume}</jw323:GeleverdVolume><jw323:Eenheid>04</jw323:Eenheid>"
    "<jw323:ProductTarief>{tarief}</jw323:ProductTarief><jw323:IngediendBedrag><ijw:Bedrag>{bedrag}</ijw:Bedrag>"
    "<ijw:DebetCredit>D</ijw:DebetCredit></jw323:IngediendBedrag></jw323:Prestatie>"
)


def laad_aanbieder(grootte: str, nummer: int, regels: int, maanden) -> object:
    """A provider (and its user) with ``regels / 12`` young people, each with one allocation of TG3
    under a keuzebudget for the twelve months, care started; ledgers opened as ``open_grootboek``
    opens them (R-B7: the keuzebudget allocated and committed; the allocations end after today,
    so no ledger is released)."""
    from datetime import timedelta
    from decimal import Decimal

    from dateutil.relativedelta import relativedelta
    from django.db import transaction
    from tqdm import tqdm

    from jeugdregie.accounts.constants import Rol
    from jeugdregie.accounts.models import Gebruiker
    from jeugdregie.budgetten.models import Budgetstand
    from jeugdregie.catalogus.models import Product
    from jeugdregie.common import tijd
    from jeugdregie.jeugdigen.bsn import bsn_reeks
    from jeugdregie.jeugdigen.models import Jeugdige
    from jeugdregie.organisaties.models import Aanbieder, Contract, ContractProduct, Gemeente, Inschrijving, Regio
    from jeugdregie.organisaties.regelset import zorg_voor_regelset
    from jeugdregie.synthese.bulk import Tabel
    from jeugdregie.toewijzingen.models import Toewijzing
    from jeugdregie.toewijzingen.services.bedrag import bedrag_van
    from jeugdregie.verwijzingen.models import Keuzebudget, Verwijzing

    nu = tijd.nu()
    begin, einde = maanden[0], maanden[-1] + relativedelta(months=7) - timedelta(days=1)
    budget = Decimal("150") * 10 * MAANDEN  # well above 12 months of 5–9 hours of TG3
    toegewezen = bedrag_van(
        keuzebudget_bedrag=budget,
        soort="keuzebudget",
        product=None,
        volume=None,
        begin=begin,
        einde=einde,
        regio_id=None,  # a keuzebudget: no tariff
    )
    with transaction.atomic():
        regio, _ = Regio.objects.get_or_create(code="bench-w1", defaults={"naam": "Benchmark W1"})
        zorg_voor_regelset(regio)  # R-R1
        gemeente, _ = Gemeente.objects.get_or_create(
            cbs_code="0193", defaults={"regio": regio, "naam": "Zwolle", "inwoners": 130_000, "jeugdigen": 26_000}
        )
        aanbieder = Aanbieder.objects.create(
            agb_code=f"{20_000_000 + nummer:08d}", naam=f"Aanbieder W1 {grootte}", categorie="jo", regio=regio
        )
        Gebruiker.objects.create(username=f"w1-{grootte}", rol=Rol.AANBIEDER, aanbieder=aanbieder, password="!")
        # R-T2/R-B8: contracted and registered for TG3 over the whole period, or every line is 0611.
        contract = Contract.objects.create(aanbieder=aanbieder, regio=regio, nummer=f"W1-{nummer}", begindatum=begin)
        tg3 = Product.objects.get(code="45A03")
        ContractProduct.objects.create(contract=contract, product=tg3, begindatum=begin)
        Inschrijving.objects.create(contract=contract, product=tg3, begindatum=begin)
        bsns = bsn_reeks(60_000_000 + nummer * 1_000_000)
        tabellen = {
            "jeugdigen": Tabel(Jeugdige, ("bsn", "voornamen", "achternaam", "geboortedatum", "geslacht", "aangemaakt")),
            "verwijzingen": Tabel(
                Verwijzing,
                (
                    "jeugdige_id",
                    "gemeente_id",
                    "verwijzer_type",
                    "aanbieder_id",
                    "datum",
                    "status",
                    "aangemaakt",
                    "motivering_afwijking",
                ),
            ),
            "budgetten": Tabel(Keuzebudget, ("verwijzing_id", "soort", "bedrag", "begindatum", "einddatum")),
            "toewijzingen": Tabel(
                Toewijzing,
                (
                    "verwijzing_id",
                    "jeugdige_id",
                    "gemeente_id",
                    "aanbieder_id",
                    "soort",
                    "keuzebudget_id",
                    "begindatum",
                    "einddatum",
                    "status",
                    "startdatum_zorg",
                    "aangemaakt",
                ),
            ),
            "standen": Tabel(
                Budgetstand,
                ("toewijzing_id", "toegewezen", "vastgelegd", "goedgekeurd", "vrijgevallen", "vrijgegeven_op"),
            ),
        }
        t = tabellen
        for _ in tqdm(range(-(-regels // MAANDEN)), desc=f"toewijzingen {grootte}", unit_scale=True, mininterval=2):
            j = t["jeugdigen"].rij(next(bsns), "Bench", "W1", begin.replace(year=begin.year - 10), "0", nu)
            v = t["verwijzingen"].rij(j, gemeente.pk, "02", aanbieder.pk, begin, "geaccepteerd", nu, "")
            k = t["budgetten"].rij(v, "herstel", budget, begin, einde)
            tw = t["toewijzingen"].rij(
                v, j, gemeente.pk, aanbieder.pk, "keuzebudget", k, begin, einde, "gestart", begin, nu
            )
            t["standen"].rij(tw, toegewezen, toegewezen, Decimal("0"), Decimal("0"), None)
        for tabel in t.values():
            tabel.laad()
    return aanbieder


def schrijf_berichten(map_: Path, grootte: str, aanbieder, regels: int, berichten: int, maanden) -> float:
    """The JW323 messages of ``regels`` lines (twelve months per allocation, clients whole within a
    message), compact XML as a provider's software writes it; one .xml, or several in one .zip."""
    import zipfile
    from datetime import timedelta

    from dateutil.relativedelta import relativedelta
    from tqdm import tqdm

    from jeugdregie.catalogus.models import Product
    from jeugdregie.common import tijd
    from jeugdregie.toewijzingen.models import Toewijzing

    product = Product.objects.get(code="45A03")
    tarief = {m: int(product.tarief_op(m).bedrag * 100) for m in maanden}
    perioden = [(m, m + relativedelta(months=1) - timedelta(days=1)) for m in maanden]
    toewijzingen = list(
        Toewijzing.objects.filter(aanbieder=aanbieder).order_by("pk").values_list("pk", "jeugdige__bsn")
    )
    per_bericht = -(-len(toewijzingen) // berichten)
    vandaag = tijd.vandaag().isoformat()
    totaal_mb, i = 0.0, 0
    archief = zipfile.ZipFile(map_ / f"{grootte}.zip", "w", zipfile.ZIP_DEFLATED) if berichten > 1 else None
    voortgang = tqdm(total=regels, desc=f"JW323 {grootte}", unit_scale=True, mininterval=2)
    for k in range(berichten):
        delen, som = [], 0
        for pk, bsn in toewijzingen[k * per_bericht : (k + 1) * per_bericht]:
            client = []
            for begin, einde in perioden:
                if i >= regels:
                    break
                i += 1
                code, tw, volume = "45A03", pk, 5 + (pk + begin.month) % 5
                bedrag = volume * tarief[begin]
                if i % 211 == 7:
                    bedrag += 100  # 9346: not volume × tariff
                elif i % 223 == 11:
                    tw = 900_000_000 + i  # 9338: no such allocation
                elif i % 227 == 13:
                    code = "45Z99"  # 9340: no such product
                elif i % 229 == 17:
                    volume, bedrag = 400, 400 * tarief[begin]  # 9369: over the keuzebudget
                som += bedrag
                client.append(
                    PRESTATIE.format(
                        ref=f"W{pk}-{begin:%Y%m}",
                        tw=tw,
                        code2=code[:2],
                        code=code,
                        begin=begin,
                        einde=einde,
                        volume=volume,
                        tarief=tarief[begin],
                        bedrag=bedrag,
                    )
                )
            if client:
                delen.append(f"<jw323:Client><jw323:Bsn>{bsn}</jw323:Bsn><jw323:Prestaties>")
                delen.extend(client)
                delen.append("</jw323:Prestaties></jw323:Client>")
                voortgang.update(len(client))
        laatste = perioden[-1]
        kop = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<jw323:Bericht xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/'
            'basisschema/schema" xmlns:jw323="http://www.istandaarden.nl/ijw/3_2/jw323/schema"><jw323:Header>'
            "<jw323:BerichtCode>490</jw323:BerichtCode><jw323:BerichtVersie>3</jw323:BerichtVersie>"
            f"<jw323:BerichtSubversie>2</jw323:BerichtSubversie><jw323:Afzender>{aanbieder.agb_code}</jw323:Afzender>"
            f"<jw323:Ontvanger>0193</jw323:Ontvanger><jw323:BerichtIdentificatie><ijw:Identificatie>W1{grootte}{k}"
            f"</ijw:Identificatie><ijw:Dagtekening>{vandaag}</ijw:Dagtekening></jw323:BerichtIdentificatie>"
            "<jw323:XsdVersie><ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie><ijw:BerichtXsdVersie>1.0.0"
            "</ijw:BerichtXsdVersie></jw323:XsdVersie></jw323:Header><jw323:Declaratie>"
            f"<jw323:DeclaratieNummer>W1{grootte}{k}</jw323:DeclaratieNummer><jw323:DeclaratiePeriode>"
            f"<ijw:Begindatum>{laatste[0]}</ijw:Begindatum><ijw:Einddatum>{laatste[1]}</ijw:Einddatum>"
            f"</jw323:DeclaratiePeriode><jw323:DeclaratieDagtekening>{vandaag}</jw323:DeclaratieDagtekening>"
            f"<jw323:TotaalIngediendBedrag><ijw:TotaalBedrag>{som}</ijw:TotaalBedrag><ijw:DebetCredit>D"
            "</ijw:DebetCredit></jw323:TotaalIngediendBedrag><jw323:Clienten>"
        )
        data = (kop + "".join(delen) + "</jw323:Clienten></jw323:Declaratie></jw323:Bericht>\n").encode()
        totaal_mb += len(data) / 1024 / 1024
        if archief is not None:
            archief.writestr(f"JW323-{k + 1:02d}.xml", data)
        else:
            (map_ / f"{grootte}.xml").write_bytes(data)
    voortgang.close()
    if archief is not None:
        archief.close()
    return totaal_mb


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "laad":
        laad(Path(sys.argv[2]), sys.argv[3:])
    elif len(sys.argv) > 2 and sys.argv[1] == "meet":
        meet(Path(sys.argv[2]), sys.argv[3])
    else:
        gekozen = [a for a in sys.argv[1:] if a in GROOTTES] or list(GROOTTES)
        main(gekozen)
