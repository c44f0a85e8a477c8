"""CBS reference figures (issue 21 item 10): loading them from a CSV, and the region's own figure
for the same year computed from its trajectories (``cbs_indeling``), for the comparison page.

The CSV (``;``-separated, UTF-8, lines starting with ``#`` are notes) has the columns
``jaar;kengetal;waarde;bron;illustratief``: ``kengetal`` a ``CbsKengetal`` value, ``waarde`` a
percentage with a decimal comma or point, ``illustratief`` ``ja`` or ``nee``. A file with any
bad line is refused as a whole with a Dutch message per line; nothing is loaded then.

The region's figures are counts of young people (distinct), a figure of fewer children than the
disclosure threshold (issue 14 §7) is not shown. The denominator of "met jeugdhulp" is the
municipalities' registered young inhabitants under 18 (``Gemeente.jeugdigen``); CBS publishes
the same share per young people under 18."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from jeugdregie.common.errors import DomainError
from jeugdregie.common.onthulling import is_klein
from jeugdregie.organisaties.models import Gemeente, Regio

from ..models_cbs import CbsKengetal, CbsReferentie
from .cbs_export import CbsFout
from .cbs_indeling import trajecten

KOLOMMEN = ["jaar", "kengetal", "waarde", "bron", "illustratief"]
_JA_NEE = {"ja": True, "nee": False}


def _lees_regel(nummer: int, velden: dict[str, str]) -> tuple[CbsReferentie | None, list[str]]:
    fouten = []
    jaar_tekst = (velden.get("jaar") or "").strip()
    jaar = int(jaar_tekst) if jaar_tekst.isdigit() else None
    if jaar is None or not 2000 <= jaar <= 2100:
        fouten.append(_("regel %(n)d: vul bij jaar een jaartal tussen 2000 en 2100 in.") % {"n": nummer})
    kengetal = (velden.get("kengetal") or "").strip()
    if kengetal not in CbsKengetal.values:
        fouten.append(
            _("regel %(n)d: onbekend kengetal '%(k)s'; kies uit %(keuze)s.")
            % {"n": nummer, "k": kengetal, "keuze": ", ".join(CbsKengetal.values)}
        )
    try:
        waarde = Decimal((velden.get("waarde") or "").strip().replace(",", "."))
    except InvalidOperation:
        waarde = None
    if waarde is None or not waarde.is_finite() or not Decimal(0) <= waarde <= Decimal(100):
        fouten.append(_("regel %(n)d: vul bij waarde een percentage tussen 0 en 100 in, bijv. 12,5.") % {"n": nummer})
    bron = (velden.get("bron") or "").strip()
    if not bron:
        fouten.append(_("regel %(n)d: vul de bron van het cijfer in (StatLine-tabel en peildatum).") % {"n": nummer})
    illustratief = _JA_NEE.get((velden.get("illustratief") or "").strip().lower())
    if illustratief is None:
        fouten.append(_("regel %(n)d: vul bij illustratief 'ja' of 'nee' in.") % {"n": nummer})
    if fouten:
        return None, fouten
    assert waarde is not None and jaar is not None and illustratief is not None
    rij = CbsReferentie(
        jaar=jaar,
        kengetal=kengetal,
        waarde=waarde.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
        bron=bron[:300],
        illustratief=illustratief,
    )
    return rij, []


def laad_referenties(tekst: str) -> list[CbsReferentie]:
    """Load (insert or replace per year and figure) the reference figures of a CSV text; a
    DomainError listing every bad line, and nothing stored, when any line is wrong."""
    regels = [(n, r) for n, r in enumerate(tekst.lstrip("\ufeff").splitlines(), start=1) if not r.startswith("#")]
    inhoud = [(n, r) for n, r in regels if r.strip()]
    if not inhoud:
        raise DomainError(CbsFout.REFERENTIE_ONGELDIG, _("Het bestand bevat geen referentiecijfers."))
    kop_nummer, kop = inhoud[0]
    koppen = [k.strip().lower() for k in next(csv.reader([kop], delimiter=";"))]
    if koppen != KOLOMMEN:
        raise DomainError(
            CbsFout.REFERENTIE_ONGELDIG,
            _("regel %(n)d: de kopregel moet precies '%(kop)s' zijn (gescheiden door puntkomma's).")
            % {"n": kop_nummer, "kop": ";".join(KOLOMMEN)},
        )
    lezer = csv.reader(io.StringIO("\n".join(r for _n, r in inhoud[1:])), delimiter=";")
    rijen, fouten, gezien = [], [], set()
    for (nummer, _ruw), velden in zip(inhoud[1:], lezer, strict=True):
        if len(velden) != len(KOLOMMEN):
            fouten.append(
                _("regel %(n)d: verwacht %(k)d kolommen, gevonden %(g)d.")
                % {"n": nummer, "k": len(KOLOMMEN), "g": len(velden)}
            )
            continue
        rij, regelfouten = _lees_regel(nummer, dict(zip(KOLOMMEN, velden, strict=True)))
        fouten.extend(regelfouten)
        if rij is not None:
            if (rij.jaar, rij.kengetal) in gezien:
                fouten.append(
                    _("regel %(n)d: %(k)s voor %(j)d staat al eerder in het bestand.")
                    % {"n": nummer, "k": rij.kengetal, "j": rij.jaar}
                )
            gezien.add((rij.jaar, rij.kengetal))
            rijen.append(rij)
    if fouten:
        raise DomainError(CbsFout.REFERENTIE_ONGELDIG, " ".join(fouten))
    if not rijen:
        raise DomainError(CbsFout.REFERENTIE_ONGELDIG, _("Het bestand bevat geen referentiecijfers."))
    with transaction.atomic():
        for rij in rijen:
            CbsReferentie.objects.update_or_create(
                jaar=rij.jaar,
                kengetal=rij.kengetal,
                defaults={"waarde": rij.waarde, "bron": rij.bron, "illustratief": rij.illustratief},
            )
    return rijen


@dataclass(frozen=True)
class Referentievergelijking:
    """One figure of a year: the region's own and the reference, both percentages."""

    kengetal: CbsKengetal
    regio: Decimal | None
    regio_verborgen: bool  # fewer children than the disclosure threshold
    referentie: CbsReferentie | None

    @property
    def naam(self) -> str:
        return str(self.kengetal.label)


def _procent(teller: int, noemer: int) -> Decimal | None:
    if not noemer:
        return None
    return (Decimal(teller) * 100 / Decimal(noemer)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def vergelijk_met_cbs(*, regio: Regio, jaar: int) -> list[Referentievergelijking]:
    """The region's share of young people with jeugdhulp and the share of them with verblijf in
    ``jaar``, next to the loaded reference of that year (None: none loaded)."""
    gemeenten = Gemeente.objects.filter(regio=regio)
    ids = list(gemeenten.values_list("pk", flat=True))
    inwoners = sum(gemeenten.values_list("jeugdigen", flat=True))
    gevonden = trajecten(gemeente_ids=ids, van=date(jaar, 1, 1), tot=date(jaar, 12, 31))
    met_hulp = {t.jeugdige_id for t in gevonden}
    met_verblijf = {t.jeugdige_id for t in gevonden if t.met_verblijf}
    referenties = {r.kengetal: r for r in CbsReferentie.objects.filter(jaar=jaar)}
    tellers = {
        CbsKengetal.JEUGDHULP: (len(met_hulp), inwoners),
        CbsKengetal.VERBLIJF: (len(met_verblijf), len(met_hulp)),
    }
    uitkomst = []
    for kengetal, (teller, noemer) in tellers.items():
        verborgen = is_klein(teller)
        uitkomst.append(
            Referentievergelijking(
                kengetal,
                None if verborgen else _procent(teller, noemer),
                verborgen,
                referenties.get(kengetal.value),
            )
        )
    return uitkomst
