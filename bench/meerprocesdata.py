#!/usr/bin/env python
"""The Django side of bench/meerproces.py (issue 17 item 5), run in a child process with the
development settings (the synthetic region's app is installed there, never in production):

    python bench/meerprocesdata.py opbouwen <schaal> <data.json> <gebruikers>
    python bench/meerprocesdata.py uitbox-open
    python bench/meerprocesdata.py controleren <data.json> <uitslag.jsonl>

``opbouwen`` migrates the (fresh) database, loads the catalog, generates the synthetic region
(``genereer_regio``, through the domain services), the demo users and the iJw demo messages
(whose decisions give the outbox work), in one process to spare the start-ups. Then it creates,
through the services where a rule applies, one bench user per locust user and role (a password
and a confirmed authenticator app whose key goes into the data file, so the locust user logs in
through the real login and code pages; an API token for each provider user) and the messages the
providers will post: per provider user a list of declarations for the API and of JW323 messages,
each one line on a started keuzebudget of that provider for a month that has ended. Whether a
line is approved or rejected (e.g. the month was declared already) is the domain's business; the
bench checks that each message was taken in exactly once.

``controleren`` reads what the locust users sent and got back (one JSON line per message,
written by bench/locustfile.py) and checks afterwards, printing Dutch findings and exiting 1 on
any: every accepted declaration and JW323 exists exactly once with exactly its lines, a replay
created nothing, the ledger invariants (``declaraties.services.grootboekcontrole``) and the
outbox: no deciding event made into two messages, none left unhandled.
"""

from __future__ import annotations

import calendar
import io
import json
import os
import secrets
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jeugdregie.config.settings.dev")

import django  # noqa: E402

django.setup()

from dateutil.relativedelta import relativedelta  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from jeugdregie.accounts.constants import Rol  # noqa: E402
from jeugdregie.accounts.models import Gebruiker  # noqa: E402
from jeugdregie.accounts.tweefactor import APPARAAT_NAAM  # noqa: E402
from jeugdregie.betalingen.models import Betaalbatch  # noqa: E402
from jeugdregie.catalogus.constants import IjwEenheid  # noqa: E402
from jeugdregie.declaraties.models import Declaratie  # noqa: E402
from jeugdregie.declaraties.services.grootboekcontrole import controleer_grootboeken  # noqa: E402
from jeugdregie.ijw.constants import Berichttype, Richting  # noqa: E402
from jeugdregie.ijw.models import Bericht, Uitboxverwerking, Uitboxwacht  # noqa: E402
from jeugdregie.ijw.services import uitbox  # noqa: E402
from jeugdregie.ijw.services.archief import technische_gebruiker  # noqa: E402
from jeugdregie.ijw.services.ontvangen import ontvang  # noqa: E402
from jeugdregie.ijw.xml.kop import Bouwer, als_bytes  # noqa: E402
from jeugdregie.jeugdigen.models import Jeugdige  # noqa: E402
from jeugdregie.organisaties.models import Aanbieder, Gemeente, Regio  # noqa: E402
from jeugdregie.synthese.ijw_demo import _jw315, _uurproduct  # noqa: E402  (demo builders, reused)
from jeugdregie.toewijzingen.constants import ToewijzingSoort, ToewijzingStatus  # noqa: E402
from jeugdregie.toewijzingen.models import Levering, Toewijzing  # noqa: E402
from jeugdregie.tokens.services import maak_token  # noqa: E402
from jeugdregie.verwijzingen.models import Gebeurtenis  # noqa: E402
from jeugdregie.verzoeken.models import Toewijzingsverzoek  # noqa: E402
from jeugdregie.verzoeken.services import heeft_onderhanden_verzoek  # noqa: E402

VERZOEKEN_PER_GEBRUIKER = 15  # open JW315 requests per toegang user, decided during the load
PER_AANBIEDER = 400  # messages prepared per provider user and kind: more than a run posts
#: locust's weights of the user classes (bench/locustfile.py): how many bench users per role
GEWICHTEN = {"aanbieder": 3, "toegang": 2, "beleid": 2, "financieel": 1}


def _gebruiker(naam: str, rol: Rol, **organisatie) -> dict[str, str]:
    wachtwoord = secrets.token_urlsafe(18)
    gebruiker = Gebruiker(username=naam, rol=rol, first_name="Bench", last_name=naam, **organisatie)
    gebruiker.set_password(wachtwoord)
    gebruiker.full_clean()
    gebruiker.save()
    sleutel = secrets.token_hex(20)
    TOTPDevice.objects.create(user=gebruiker, name=APPARAAT_NAAM, key=sleutel, confirmed=True)
    return {"gebruikersnaam": naam, "wachtwoord": wachtwoord, "totp_sleutel": sleutel}


def _regels(aanbieder: Aanbieder, vandaag: date) -> list[dict]:
    """(allocation, month, product, tariff) candidates: each month that has ended of a started
    keuzebudget of the provider, with the hourly product it delivered and that month's tariff."""
    uit = []
    toewijzingen = Toewijzing.objects.filter(
        aanbieder=aanbieder, soort=ToewijzingSoort.KEUZEBUDGET, status=ToewijzingStatus.GESTART
    ).select_related("jeugdige", "gemeente")
    for tw in toewijzingen.order_by("-begindatum", "pk")[:300]:
        levering = Levering.objects.filter(toewijzing=tw, product__eenheid="uur").select_related("product").last()
        if levering is None or not levering.product.ijw_productcategorie:
            continue
        maand = vandaag.replace(day=1) - relativedelta(months=1)
        for _ in range(4):
            laatste = maand.replace(day=calendar.monthrange(maand.year, maand.month)[1])
            begin, einde = max(maand, tw.begindatum), min(laatste, tw.einddatum)
            tarief = levering.product.tarief_op(maand)
            if begin <= einde and tarief is not None:
                uit.append({"tw": tw, "begin": begin, "einde": einde, "product": levering.product, "tarief": tarief})
            maand -= relativedelta(months=1)
    return uit


def _open_verzoeken(aanbieder: Aanbieder, gemeente: Gemeente, vandaag: date, aantal: int) -> list[int]:
    """Open JW315 requests of the provider to the municipality, received through the iJw intake
    (``ontvang``): the toegang takes them under investigation during the load, a decision whose
    JW319 the outbox must make exactly once while two workers and two servers race for it."""
    product = _uurproduct(aanbieder, vandaag, gemeente)
    if product is None:
        return []
    door = technische_gebruiker(aanbieder)
    kandidaten = (
        Jeugdige.objects.filter(
            woonplaatsen__gemeente=gemeente,
            woonplaatsen__einddatum__isnull=True,
            woonplaatsen__begindatum__lte=vandaag,
            geboortedatum__range=(vandaag - relativedelta(years=16), vandaag - relativedelta(years=6)),
            adressen__einddatum__isnull=True,  # with an address, so the messages go out (TR006)
            adressen__begindatum__lte=vandaag,
        )
        .distinct()
        .exclude(pk__in=Toewijzingsverzoek.objects.filter(aanbieder=aanbieder).values("jeugdige"))
        .order_by("pk")[: aantal * 2]
    )
    verzoeken: list[int] = []
    for nummer, jeugdige in enumerate(kandidaten):
        if len(verzoeken) >= aantal or heeft_onderhanden_verzoek(jeugdige=jeugdige, aanbieder=aanbieder):
            continue
        ontvangst = ontvang(_jw315(aanbieder, gemeente, f"BV{nummer}", vandaag, jeugdige, product), door=door)
        verzoek = Toewijzingsverzoek.objects.filter(aanbieder=aanbieder, referentie_aanbieder=f"BV{nummer}-1").first()
        if ontvangst.bericht.status != "geweigerd" and verzoek is not None:
            verzoeken.append(verzoek.pk)
    return verzoeken


def _api(nummer: str, r: dict) -> dict:
    return {
        "gemeente": r["tw"].gemeente.cbs_code,
        "nummer": nummer,
        "regels": [
            {
                "referentie": f"{nummer}-1",
                "bsn": r["tw"].jeugdige.bsn,
                "toewijzing": r["tw"].pk,
                "product": r["product"].code,
                "begindatum": r["begin"].isoformat(),
                "einddatum": r["einde"].isoformat(),
                "volume": "1",
                "eenheid": "uur",
                "bedrag": str(r["tarief"].bedrag),
            }
        ],
    }


def _jw323(aanbieder: Aanbieder, identificatie: str, nummer: str, r: dict, vandaag: date) -> str:
    """One JW323 of one Prestatie (as synthese/ijw_demo.py builds them, schema-valid iJw 3.2)."""
    tw, product = r["tw"], r["product"]
    cent = int(r["tarief"].bedrag * 100)
    b = Bouwer(Berichttype.JW323)
    root = b.root()
    b.header(
        root,
        afzender=aanbieder.agb_code,
        ontvanger=tw.gemeente.cbs_code,
        identificatie=identificatie,
        dagtekening=vandaag,
    )
    declaratie = b.sub(root, b.m("Declaratie"))
    b.sub(declaratie, b.m("DeclaratieNummer"), nummer)
    periode = b.sub(declaratie, b.m("DeclaratiePeriode"))
    maand = r["begin"].replace(day=1)
    b.sub(periode, b.b("Begindatum"), maand.isoformat())
    b.sub(periode, b.b("Einddatum"), maand.replace(day=calendar.monthrange(maand.year, maand.month)[1]).isoformat())
    b.sub(declaratie, b.m("DeclaratieDagtekening"), vandaag.isoformat())
    som = b.sub(declaratie, b.m("TotaalIngediendBedrag"))
    b.sub(som, b.b("TotaalBedrag"), cent)
    b.sub(som, b.b("DebetCredit"), "D")
    client = b.sub(b.sub(declaratie, b.m("Clienten")), b.m("Client"))
    b.sub(client, b.m("Bsn"), tw.jeugdige.bsn)
    el = b.sub(b.sub(client, b.m("Prestaties")), b.m("Prestatie"))
    b.sub(b.sub(el, b.m("ProductReferentie")), b.b("ReferentieNummer"), f"{nummer}-1")
    b.sub(el, b.m("ToewijzingNummer"), tw.pk)
    b.sub(el, b.m("ProductCategorie"), product.ijw_productcategorie)
    b.sub(el, b.m("ProductCode"), product.code)
    pp = b.sub(el, b.m("ProductPeriode"))
    b.sub(pp, b.b("Begindatum"), r["begin"].isoformat())
    b.sub(pp, b.b("Einddatum"), r["einde"].isoformat())
    b.sub(el, b.m("GeleverdVolume"), 1)
    b.sub(el, b.m("Eenheid"), str(IjwEenheid.UUR))
    b.sub(el, b.m("ProductTarief"), cent)
    bedrag = b.sub(el, b.m("IngediendBedrag"))
    b.sub(bedrag, b.b("Bedrag"), cent)
    b.sub(bedrag, b.b("DebetCredit"), "D")
    return als_bytes(root).decode()


def _per_rol(aantal: int) -> dict[str, int]:
    """Bench users per role: each locust user has its own (one more than its share, as locust
    rounds), so no authenticator code is used twice and no provider's messages are shared."""
    totaal = sum(GEWICHTEN.values())
    return {rol: -(-aantal * gewicht // totaal) + 1 for rol, gewicht in GEWICHTEN.items()}


def opbouwen(schaal: str, pad: Path, aantal: int) -> None:
    from django.core.management import call_command

    for titel, opdracht, opties in (
        ("migreren", "migrate", {"interactive": False, "verbosity": 0}),
        ("catalogus", "laad_catalogus", {}),
        # the region of today, as scripts/run makes it (the messages below are dated today too)
        (f"synthetische regio (schaal {schaal})", "genereer_regio", {"schaal": float(schaal)}),
        ("demogebruikers", "maak_demogebruikers", {}),
        ("iJw-demo", "ijw_demo", {}),
    ):
        begin = time.monotonic()
        call_command(opdracht, stdout=io.StringIO(), **opties)
        print(f"== {titel}: {time.monotonic() - begin:.1f} s", flush=True)
    begin = time.monotonic()
    voorbereiden(pad, aantal)
    print(f"== benchgebruikers en berichten: {time.monotonic() - begin:.1f} s", flush=True)


def voorbereiden(pad: Path, aantal: int) -> None:
    per_rol = _per_rol(aantal)
    vandaag = timezone.localdate()
    regio = Regio.objects.get(code="ijsselland")
    zwolle = Gemeente.objects.get(cbs_code="0193")
    beheerder = Gebruiker.objects.filter(rol=Rol.BEHEERDER).first()
    aanbieders = list(
        Aanbieder.objects.filter(regio=regio)
        .annotate(n=Count("toewijzingen"))
        .filter(n__gt=0)
        .order_by("-n", "agb_code")[: per_rol["aanbieder"]]
    )
    data: dict[str, list] = {"aanbieder": [], "toegang": [], "beleid": [], "financieel": []}
    for i in range(per_rol["aanbieder"]):
        aanbieder = aanbieders[i % len(aanbieders)]
        login = _gebruiker(f"bench-aanbieder-{i}", Rol.AANBIEDER, aanbieder=aanbieder)
        gebruiker = Gebruiker.objects.get(username=login["gebruikersnaam"])
        token = maak_token(gebruiker=gebruiker, door=beheerder or gebruiker, omschrijving="belastingtest")
        kandidaten = _regels(aanbieder, vandaag)
        declaraties, berichten = [], []
        for j, r in enumerate(kandidaten[: 2 * PER_AANBIEDER]):
            nummer = f"B{i}N{j}"
            if j % 2 == 0:
                declaraties.append(_api(nummer, r))
            else:
                berichten.append(
                    {
                        "identificatie": f"B{i}I{j}",
                        "nummer": nummer,
                        "xml": _jw323(aanbieder, f"B{i}I{j}", nummer, r, vandaag),
                    }
                )
        data["aanbieder"].append({**login, "token": token.sleutel, "declaraties": declaraties, "jw323": berichten})
    for rol, organisatie in (
        (Rol.TOEGANG, {"gemeente": zwolle}),
        (Rol.BELEID, {"regio": regio}),
        (Rol.FINANCIEEL, {"gemeente": zwolle}),
    ):
        data[str(rol)] = [_gebruiker(f"bench-{rol}-{i}", rol, **organisatie) for i in range(per_rol[str(rol)])]
    data["verzoeken"] = _open_verzoeken(aanbieders[0], zwolle, vandaag, VERZOEKEN_PER_GEBRUIKER * per_rol["toegang"])
    data["scorekaarten"] = [a.pk for a in aanbieders]
    data["betaalbatches"] = list(Betaalbatch.objects.filter(gemeente=zwolle).values_list("pk", flat=True)[:20])
    pad.write_text(json.dumps(data))
    n_decl = sum(len(a["declaraties"]) for a in data["aanbieder"])
    n_jw = sum(len(a["jw323"]) for a in data["aanbieder"])
    print(f"Voorbereid: benchgebruikers {per_rol}, {n_decl} declaraties en {n_jw} JW323-berichten klaargezet.")


def _uitbox_fouten() -> list[str]:
    fouten = []
    dubbel = (
        Bericht.objects.filter(richting=Richting.UIT, oorzaak__startswith="gebeurtenis:")
        .values("oorzaak")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    for rij in dubbel[:20]:
        fouten.append(f"uitbox: {rij['oorzaak']} werd {rij['n']} berichten")
    open_ = (
        Gebeurtenis.objects.filter(gebeurtenis__in=uitbox.OORZAKEN, pk__gt=uitbox._vanaf())
        .exclude(pk__in=Uitboxverwerking.objects.values("gebeurtenis_id"))
        .exclude(pk__in=Uitboxwacht.objects.values("gebeurtenis_id"))
    )
    if (n := open_.count()) > 0:
        fouten.append(f"uitbox: {n} besluit(en) zonder bericht en zonder wachtreden")
    verwerkt_met_bericht = Uitboxverwerking.objects.filter(bericht__isnull=False).count()
    gemaakt = Bericht.objects.filter(richting=Richting.UIT, oorzaak__startswith="gebeurtenis:").count()
    if verwerkt_met_bericht != gemaakt:
        fouten.append(f"uitbox: {verwerkt_met_bericht} verwerkingen met bericht maar {gemaakt} berichten")
    return fouten


def uitbox_open() -> int:
    """Deciding events the outbox has not handled yet (and that do not wait for a reason)."""
    return (
        Gebeurtenis.objects.filter(gebeurtenis__in=uitbox.OORZAKEN, pk__gt=uitbox._vanaf())
        .exclude(pk__in=Uitboxverwerking.objects.values("gebeurtenis_id"))
        .exclude(pk__in=Uitboxwacht.objects.values("gebeurtenis_id"))
        .count()
    )


def controleren(data_pad: Path, uitslag_pad: Path) -> int:
    data = json.loads(data_pad.read_text())
    regels_per_nummer = {}
    for slot in data["aanbieder"]:
        for d in slot["declaraties"]:
            regels_per_nummer[(slot["gebruikersnaam"], d["nummer"])] = len(d["regels"])
        for m in slot["jw323"]:
            regels_per_nummer[(slot["gebruikersnaam"], m["nummer"])] = 1
    uitslagen = [json.loads(r) for r in uitslag_pad.read_text().splitlines() if r.strip()]
    fouten: list[str] = []
    verstuurd: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for u in uitslagen:
        verstuurd[(u["gebruiker"], u["soort"], u["nummer"])].append(u)
    aanbieder_van = dict(
        Gebruiker.objects.filter(username__startswith="bench-aanbieder-").values_list("username", "aanbieder_id")
    )
    tellingen: Counter[str] = Counter()
    for (gebruiker, soort, nummer), pogingen in verstuurd.items():
        geaccepteerd = [p for p in pogingen if p["status"] in (200, 201)]
        tellingen[f"{soort} verstuurd"] += 1
        tellingen[f"{soort} herhalingen"] += len(pogingen) - 1
        if not geaccepteerd:
            fouten.append(
                f"{soort} {nummer} van {gebruiker}: geen antwoord 200/201 ({[p['status'] for p in pogingen]})"
            )
            continue
        nieuw = [p for p in geaccepteerd if not p["herhaald"]]
        if len(nieuw) != 1:
            fouten.append(f"{soort} {nummer} van {gebruiker}: {len(nieuw)} keer als nieuw beantwoord (verwacht 1)")
        declaraties = Declaratie.objects.filter(aanbieder_id=aanbieder_van[gebruiker], nummer=nummer)
        if (n := declaraties.count()) != 1:
            fouten.append(f"{soort} {nummer} van {gebruiker}: {n} declaraties in de database (verwacht 1)")
            continue
        regels = declaraties.get().regels.count()
        if regels != regels_per_nummer[(gebruiker, nummer)]:
            fouten.append(f"{soort} {nummer}: {regels} regels, verstuurd {regels_per_nummer[(gebruiker, nummer)]}")
        if soort == "jw323":
            identificatie = pogingen[0]["identificatie"]
            n = Bericht.objects.filter(
                richting=Richting.IN,
                berichttype=Berichttype.JW323,
                aanbieder_id=aanbieder_van[gebruiker],
                identificatie=identificatie,
            ).count()
            if n != 1:
                fouten.append(f"JW323 {identificatie} van {gebruiker}: {n} berichten in het log (verwacht 1)")
    fouten += controleer_grootboeken()
    fouten += _uitbox_fouten()
    for naam, aantal in sorted(tellingen.items()):
        print(f"  {naam}: {aantal}")
    bench = Declaratie.objects.filter(aanbieder_id__in=set(aanbieder_van.values()), nummer__startswith="B")
    print(f"  declaraties van benchgebruikers in de database: {bench.count()}")
    print(f"  uitbox: {Uitboxverwerking.objects.count()} verwerkt, {Uitboxwacht.objects.count()} wachtend")
    besloten = Toewijzingsverzoek.objects.filter(pk__in=data["verzoeken"]).exclude(status="open").count()
    jw319 = Bericht.objects.filter(richting=Richting.UIT, berichttype=Berichttype.JW319).count()
    print(f"  verzoeken in onderzoek genomen tijdens de belasting: {besloten}; JW319-berichten: {jw319}")
    if fouten:
        print(f"NIET GOED: {len(fouten)} bevinding(en)")
        for fout in fouten[:50]:
            print(f"  - {fout}")
        return 1
    print("Goed: precies één keer verwerkt, grootboeken kloppen, uitbox volledig en zonder dubbele berichten.")
    return 0


if __name__ == "__main__":
    opdracht = sys.argv[1]
    if opdracht == "opbouwen":
        opbouwen(sys.argv[2], Path(sys.argv[3]), int(sys.argv[4]))
    elif opdracht == "uitbox-open":
        print(uitbox_open())
    elif opdracht == "controleren":
        sys.exit(controleren(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        raise SystemExit(__doc__)
