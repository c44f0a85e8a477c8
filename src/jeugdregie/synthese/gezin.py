"""Synthetic families (issue 20 §1): every young person of the contract region gets parents or
another holder of gezag through ``gezin.overname.neem_gezinnen_over`` (the same checks as the
toegang's entries), dated from birth, so every decision letter of the demo has addressees
(R-D1 / Jeugdwet 7.3.4). Deterministic per seed with its own random stream; a second run adds
nothing (children with family rows are skipped).

Proportions, roughly those of CBS household figures: two parents with joint gezag at the child's
address (about 70 %), a single parent with gezag (about 20 %, half of them with a parent without
gezag elsewhere), parents with joint gezag living apart (about 8 %) and voogdij by a GI (about
2 %). Some parents chose digital letters. A child without a known address gets an e-mail address
of its own, so the letters from 12 reach it."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from django.db.models import Q
from django.utils.text import slugify

from jeugdregie.common.periods import geldig_op_q
from jeugdregie.gezin.constants import Gezinsrol, Kanaal
from jeugdregie.gezin.overname import Gezinsopgave, neem_gezinnen_over
from jeugdregie.gezin.services import Gezinsliddata
from jeugdregie.jeugdigen.models import Adres, Woonplaats
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.organisaties.models import Verwijzer

from . import namen
from .adressen import PLAATSEN, STRATEN

MOEDERS = ("Petra", "Sandra", "Linda", "Esther", "Marieke", "Ingrid", "Fatima", "Anouk", "Kim", "Sanne", "Yvonne")
VADERS = ("Mark", "Jeroen", "Dennis", "Bas", "Mohammed", "Erik", "Martijn", "Kevin", "Rik", "Sander", "Ahmed")
BLOK = 5000
CBS_ZWOLLE = "0193"  # the demo users' municipality (demogebruikers.py)


def _adres(rng: random.Random, gemeente_naam: str) -> dict:
    plaats, laag, hoog = rng.choice(PLAATSEN.get(gemeente_naam, (("Zwolle", 8011, 8046),)))
    return {
        "straatnaam": rng.choice(STRATEN),
        "huisnummer": str(rng.randint(1, 180)),
        "postcode": f"{rng.randint(laag, hoog)}{rng.choice('ABCDEGHJKLMNPRST')}{rng.choice('ABCDEGHJKLMNPRST')}",
        "plaatsnaam": plaats,
    }


def _ouder(rng, voornaam: str, achternaam: str, *, gezag=True, adres: dict | None = None) -> Gezinsliddata:
    digitaal = rng.random() < 0.3
    email = f"{slugify(voornaam)}.{slugify(achternaam).replace('-', '')}{rng.randint(1, 999)}@example.org"
    return Gezinsliddata(
        rol=Gezinsrol.OUDER,
        gezag=gezag,
        voornamen=voornaam,
        achternaam=achternaam,
        email=email if digitaal or rng.random() < 0.3 else "",
        kanaal=Kanaal.DIGITAAL if digitaal else Kanaal.POST,
        woont_bij_jeugdige=adres is None,
        adres=adres,
    )


def _gezin(rng: random.Random, kind: dict, gi_namen: list[str]) -> Gezinsopgave:
    achternaam, gemeente = kind["achternaam"], kind["gemeente"]
    thuis = None if kind["heeft_adres"] else _adres(rng, gemeente)  # no address known: the parents' own
    worp = rng.random()
    if worp < 0.02 and gi_namen:
        leden = (
            Gezinsliddata(
                rol=Gezinsrol.GI, gezag=True, voornamen="", achternaam=rng.choice(gi_namen), adres=_adres(rng, "Zwolle")
            ),
        )
    elif worp < 0.10:  # joint gezag, living apart
        leden = (
            _ouder(rng, rng.choice(MOEDERS), achternaam, adres=thuis),
            _ouder(rng, rng.choice(VADERS), rng.choice(namen.ACHTERNAMEN), adres=_adres(rng, gemeente)),
        )
    elif worp < 0.30:  # a single parent with gezag, sometimes the other parent without
        leden = (_ouder(rng, rng.choice(MOEDERS + VADERS), achternaam, adres=thuis),)
        if rng.random() < 0.5:
            leden += (
                _ouder(
                    rng, rng.choice(VADERS), rng.choice(namen.ACHTERNAMEN), gezag=False, adres=_adres(rng, gemeente)
                ),
            )
    else:
        leden = (
            _ouder(rng, rng.choice(MOEDERS), achternaam, adres=thuis),
            _ouder(rng, rng.choice(VADERS), achternaam, adres=thuis),
        )
    email = ""
    if not kind["heeft_adres"]:  # letters from 12 reach the child by e-mail
        email = f"{slugify(kind['voornamen']).replace('-', '')}{rng.randint(10, 99999)}@example.org"
    return Gezinsopgave(jeugdige_id=kind["pk"], sinds=kind["geboortedatum"], leden=leden, email_jeugdige=email)


def _kinderen(selecties: Iterable[Q], dag: date) -> list[dict]:
    """The current residents matching any of ``selecties`` without family rows, in id order (read
    first, written after: no cursor stays open over the table being written)."""
    gevonden: dict[int, dict] = {}
    for selectie in selecties:
        rijen = Woonplaats.objects.filter(selectie, einddatum__isnull=True, jeugdige__gezinsleden__isnull=True).values(
            "jeugdige_id", "jeugdige__voornamen", "jeugdige__achternaam", "jeugdige__geboortedatum", "gemeente__naam"
        )
        gevonden.update((r["jeugdige_id"], r) for r in rijen)
    ids = sorted(gevonden)
    adres_ids: set[int] = set()
    for i in range(0, len(ids), BLOK):
        huidig = Adres.objects.filter(geldig_op_q(dag), soort="01", jeugdige_id__in=ids[i : i + BLOK])
        adres_ids.update(huidig.values_list("jeugdige_id", flat=True))
    return [
        {
            "pk": pk,
            "voornamen": r["jeugdige__voornamen"],
            "achternaam": r["jeugdige__achternaam"],
            "geboortedatum": r["jeugdige__geboortedatum"],
            "gemeente": r["gemeente__naam"],
            "heeft_adres": pk in adres_ids,
        }
        for pk, r in sorted(gevonden.items())
    ]


def geef_gezinnen(
    *,
    seed: int,
    peildatum: date,
    gemeente_ids: Iterable[int],
    in_zorg: Sequence[tuple],
    melden: Callable[[str], None] = print,
    stroom: str = "gezin",
    demo_cbs: str | None = None,
) -> int:
    """Families for the young people in care (``in_zorg``: rows of genereer_regio, BSN first;
    every decision of the trajectories is about one of them) and for every young person of
    Zwolle, where the demo's toegang works and demo.py picks its residents; returns how many got
    one. The other residents are left to the toegang (their dossier says what to enter): at scale
    1 all 113,000 would add most of a minute to the demo's start."""
    rng = random.Random(f"{stroom}-{seed}")  # another region (Rijnmond) has its own stream
    gi_namen = list(Verwijzer.objects.filter(type=VerwijzerType.GI).order_by("pk").values_list("naam", flat=True))
    zwolle = Q(gemeente__cbs_code=demo_cbs or CBS_ZWOLLE, gemeente_id__in=list(gemeente_ids))
    bsns = [rij[0] for rij in in_zorg]
    selecties = [zwolle, *(Q(jeugdige__bsn__in=bsns[i : i + BLOK]) for i in range(0, len(bsns), BLOK))]
    totaal, blok = 0, []
    for kind in _kinderen(selecties, peildatum):
        blok.append(_gezin(rng, kind, gi_namen))
        if len(blok) == BLOK:
            totaal += neem_gezinnen_over(blok, doel="synthetische regio: gezinnen")
            blok = []
    if blok:
        totaal += neem_gezinnen_over(blok, doel="synthetische regio: gezinnen")
    melden(f"{totaal} gezinnen (ouders en gezag)")
    return totaal
