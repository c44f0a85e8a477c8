"""The phases of bench/begroting.py, each run in its own process (so peak memory is its own)."""

from __future__ import annotations

import json
import statistics
import sys
import time
from decimal import Decimal

import django

django.setup()

from django.conf import settings  # noqa: E402

settings.DEBUG = False  # as in production: no query log in memory
settings.ALLOWED_HOSTS = ["testserver"]

from django.db import connection, transaction  # noqa: E402

from bench import declaratiedata as data  # noqa: E402
from jeugdregie.accounts.constants import Rol  # noqa: E402
from jeugdregie.accounts.models import Gebruiker  # noqa: E402
from jeugdregie.begroting.constants import Post  # noqa: E402
from jeugdregie.begroting.models import Begroting, Prognosestand  # noqa: E402
from jeugdregie.begroting.services.overzicht import overzicht, peildatum  # noqa: E402
from jeugdregie.begroting.services.standen import ververs  # noqa: E402
from jeugdregie.common.tijd import nu, vandaag  # noqa: E402
from jeugdregie.organisaties.models import Gemeente, Regio  # noqa: E402
from tests.inloggen import TweeFactorClient  # noqa: E402  (logs in with the second factor, R-P5)

RUNS = 7


def _regio() -> tuple[Regio, list[Gemeente]]:
    regio = Regio.objects.get(code__startswith="bench-")
    return regio, list(Gemeente.objects.filter(regio=regio).order_by("naam"))


def aanvullen(schaal: data.Schaal) -> None:
    """One commitment booking per allocation and a begroting per municipality and line (once)."""
    _, gemeenten = _regio()
    begin = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM declaraties_budgetmutatie WHERE soort = 'vastgelegd' LIMIT 1")
        if cursor.fetchone() is None:
            cursor.execute(
                """
                INSERT INTO declaraties_budgetmutatie (toewijzing_id, soort, bedrag, regel_id, datum, tijdstip)
                SELECT s.toewijzing_id, 'vastgelegd', s.vastgelegd, NULL, t.begindatum, %s
                FROM declaraties_budgetstand s JOIN toewijzingen_toewijzing t ON t.id = s.toewijzing_id
                """,
                [nu()],
            )
            print(f"vastleggingen geboekt: {cursor.rowcount:,}", flush=True)
    jaar = vandaag().year
    if not Begroting.objects.filter(jaar=jaar).exists():
        door = Gebruiker.objects.filter(rol=Rol.FINANCIEEL).first() or Gebruiker.objects.create(
            username="bench-financieel", rol=Rol.FINANCIEEL, gemeente=gemeenten[0], password="!"
        )
        Begroting.objects.bulk_create(
            Begroting(
                gemeente=g, jaar=jaar, post=p, versie=1, bedrag=Decimal(400_000 + g.pk * 1000), door=door, tijdstip=nu()
            )
            for g in gemeenten
            for p in Post
        )
    print(f"aanvullen: {time.perf_counter() - begin:,.1f} s", flush=True)


def ververs_fase(schaal: data.Schaal) -> None:
    regio, gemeenten = _regio()
    jaar = vandaag().year
    begin = time.perf_counter()
    stand = ververs(regio_id=regio.pk, gemeente_id=None, ids=[g.pk for g in gemeenten], jaar=jaar, op=peildatum(jaar))
    duur = time.perf_counter() - begin
    grootte = len(json.dumps(Prognosestand.objects.get(regio=regio, gemeente=None, jaar=jaar).inhoud))
    print(
        f"ververs regio ({len(gemeenten)} gemeenten, {len(stand.per_aanbieder):,} aanbieders): {duur:,.1f} s; "
        f"opgeslagen {grootte / 1024:,.0f} kB; jaarprognose € {stand.prognose.jaarprognose:,.2f}",
        flush=True,
    )


def referentie(regio_id: int, jaar: int, gemeente_ids: list[int]) -> dict:
    """Hand-written: the same figures as ``overzicht`` from the stored row, with raw SQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT inhoud FROM begroting_prognosestand WHERE regio_id = %s AND gemeente_id IS NULL AND jaar = %s",
            [regio_id, jaar],
        )
        inhoud = cursor.fetchone()[0]
        plekken = ", ".join(["%s"] * len(gemeente_ids))
        cursor.execute(
            f"""
            SELECT b.post, SUM(b.bedrag) FROM begroting_begroting b
            WHERE b.jaar = %s AND b.gemeente_id IN ({plekken}) AND b.versie = (
                SELECT MAX(x.versie) FROM begroting_begroting x
                WHERE x.gemeente_id = b.gemeente_id AND x.jaar = b.jaar AND x.post = b.post)
            GROUP BY b.post
            """,
            [jaar, *gemeente_ids],
        )
        per_post_begroot = {post: Decimal(str(bedrag)) for post, bedrag in cursor.fetchall()}
    inhoud = json.loads(inhoud) if isinstance(inhoud, str) else inhoud
    cent = Decimal("0.01")

    def totalen(p: dict, jaarbedrag: Decimal) -> dict:
        deel = (jaarbedrag / 12).quantize(cent)
        t = {"begroting": jaarbedrag.quantize(cent)}
        for i, veld in enumerate(("vastgelegd", "gerealiseerd", "nog_te_declareren", "prognose"), start=1):
            t[veld] = sum((Decimal(m[i]) for m in p["maanden"]), Decimal("0.00"))
        t["signaal"] = jaarbedrag > 0 and t["prognose"] > jaarbedrag
        t["eerste_maand"] = deel
        return t

    totaal = totalen(inhoud["prognose"], sum(per_post_begroot.values(), Decimal("0")))
    verstreken = sum(1 for m in inhoud["prognose"]["maanden"] if m[5])
    fout = inhoud["backtest"]["fout"].get(str(max(verstreken, 1)))
    band = None
    if fout is not None:
        f = Decimal(fout)
        band = ((totaal["prognose"] * (1 - f)).quantize(cent), (totaal["prognose"] * (1 + f)).quantize(cent))
    return {
        "totaal": totaal,
        "band": band,
        "per_post": {
            post: totalen(p, per_post_begroot.get(post, Decimal("0"))) for post, p in inhoud["per_post"].items()
        },
        "per_aanbieder": [(naam, Decimal(prognose)) for _, naam, *_, prognose in inhoud["per_aanbieder"]],
    }


def _uit_dienst(resultaat) -> dict:
    t = resultaat.prognose.totalen
    return {
        "prognose": t["prognose"],
        "begroting": t["begroting"],
        "band": resultaat.band,
        "signaal": resultaat.signaal.actief,
        "per_post": {r.naam: r.prognose.totalen["prognose"] for r in resultaat.per_post},
        "per_aanbieder": [(r.naam, r.prognose.totalen["prognose"]) for r in resultaat.per_aanbieder],
    }


def _tijden(functie) -> list[float]:
    functie()  # warm: imports, caches
    tijden = []
    for _ in range(RUNS):
        begin = time.perf_counter()
        functie()
        tijden.append(time.perf_counter() - begin)
    return tijden


def _fmt(tijden: list[float]) -> str:
    ms = [t * 1000 for t in tijden]
    return f"min {min(ms):,.0f} ms, mediaan {statistics.median(ms):,.0f} ms, max {max(ms):,.0f} ms"


def pagina(schaal: data.Schaal) -> None:
    regio, gemeenten = _regio()
    jaar = vandaag().year
    ids = [g.pk for g in gemeenten]
    bestuurder, _ = Gebruiker.objects.get_or_create(
        username="bench-bestuurder", defaults={"rol": Rol.BESTUURDER, "regio": regio, "password": "!"}
    )
    client = TweeFactorClient()
    client.force_login(bestuurder)

    def vraag():
        antwoord = client.get("/begroting/")
        if antwoord.status_code != 200:
            raise SystemExit(f"GET /begroting/ gaf {antwoord.status_code}")

    pagina_tijden = _tijden(vraag)
    print(f"GET /begroting/ (regio, {len(gemeenten)} gemeenten), {RUNS}×: {_fmt(pagina_tijden)} (doel ≤ 1 s)")
    dienst = _tijden(lambda: overzicht(gemeenten=gemeenten, naam=regio.naam, jaar=jaar))
    hand = _tijden(lambda: referentie(regio.pk, jaar, ids))
    print(f"  gegevensdeel, dienst overzicht():     {_fmt(dienst)}")
    print(f"  gegevensdeel, hand-geschreven SQL:    {_fmt(hand)}")
    print(f"  verhouding dienst / hand (mediaan): {statistics.median(dienst) / statistics.median(hand):.2f}×")
    a = _uit_dienst(overzicht(gemeenten=gemeenten, naam=regio.naam, jaar=jaar))
    b = referentie(regio.pk, jaar, ids)
    gelijk = (
        a["prognose"] == b["totaal"]["prognose"]
        and a["begroting"] == b["totaal"]["begroting"]
        and a["band"] == b["band"]
        and a["signaal"] == b["totaal"]["signaal"]
        and a["per_aanbieder"] == b["per_aanbieder"]
    )
    print(
        f"  uitkomst gelijk: {'ja' if gelijk else 'NEE'} (jaarprognose € {a['prognose']:,.2f}, "
        f"begroting € {a['begroting']:,.2f}, {len(a['per_aanbieder']):,} aanbieders)",
        flush=True,
    )


if __name__ == "__main__":
    fase, naam = sys.argv[1], sys.argv[2]
    {"aanvullen": aanvullen, "ververs": ververs_fase, "pagina": pagina}[fase](data.SCHALEN[naam])
