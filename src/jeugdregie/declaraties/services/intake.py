"""One validation service for every intake route (upload, API, JW323): line by line against
allocations and budgets. Valid lines are approved, invalid ones rejected with a code; the
budget ledger moves in the same transaction. A replay of the same declaration returns the
first outcome and approves nothing twice (R-B2, R-B5, R-V2)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Sum

from jeugdregie.accounts.constants import Rol
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.organisaties.models import Aanbieder, Gemeente
from jeugdregie.toewijzingen.models import Toewijzing

from ..constants import RETOURCODE, Afkeur, DebetCredit, DeclaratieBron, Foutcode, RegelStatus
from ..models import Declaratie, Declaratieregel
from .budget import boek_credit, boek_goedkeuring, stand_van
from .invoer import RegelInvoer
from .regelcontrole import Afwijzing, Context, controleer, credit_debet


def _hash(regels: Sequence[RegelInvoer]) -> str:
    return hashlib.sha256("\n".join(r.sleutel() for r in regels).encode()).hexdigest()


def _bestaande(aanbieder: Aanbieder, nummer: str, inhoud_hash: str) -> Declaratie:
    bestaand = Declaratie.objects.get(aanbieder=aanbieder, nummer=nummer)
    if bestaand.inhoud_hash != inhoud_hash:
        raise DomainError(
            Foutcode.NUMMER_HERGEBRUIKT,
            f"Declaratie {nummer} is al ingediend met andere regels. Geef een nieuwe declaratie een nieuw nummer; "
            "corrigeer met creditregels.",
            field="nummer",
        )
    return bestaand


def _context(aanbieder: Aanbieder, gemeente: Gemeente, regels: Sequence[RegelInvoer], vandaag) -> Context:
    # Lock the allocations in id order: two intakes for the same allocation run one after the other.
    ids = sorted({r.toewijzing for r in regels if r.toewijzing})
    toewijzingen = {
        t.pk: t
        for t in Toewijzing.objects.select_for_update(of=("self",))
        .select_related("jeugdige", "keuzebudget")
        .filter(pk__in=ids)
        .order_by("pk")
    }
    producten = {p.code: p for p in Product.objects.filter(code__in={r.product.strip() for r in regels})}
    return Context(
        aanbieder_id=aanbieder.pk,
        gemeente_id=gemeente.pk,
        vandaag=vandaag,
        toewijzingen=toewijzingen,
        producten=producten,
    )


def _verwerk_regel(declaratie: Declaratie, volgnummer: int, invoer: RegelInvoer, ctx: Context) -> Declaratieregel:
    basis = {
        "declaratie": declaratie,
        "aanbieder_id": ctx.aanbieder_id,
        "referentie": invoer.referentie.strip()[:40],
        "volgnummer": volgnummer,
        "begindatum": invoer.begindatum,
        "einddatum": invoer.einddatum,
        "eenheid": invoer.eenheid.strip()[:12],
        "debet_credit": invoer.debet_credit if invoer.debet_credit in DebetCredit.values else DebetCredit.DEBET,
    }
    try:
        toewijzing, product, volume, bedrag = controleer(invoer, ctx)
        debet = credit_debet(invoer, ctx) if invoer.debet_credit == DebetCredit.CREDIT else None
    except Afwijzing as afwijzing:
        return Declaratieregel.objects.create(
            **basis,
            toewijzing=ctx.toewijzingen.get(invoer.toewijzing or 0),
            volume=_decimaal(invoer.volume),
            bedrag=_decimaal(invoer.bedrag),
            status=RegelStatus.AFGEKEURD,
            afkeur=afwijzing.code,
            retourcode=afwijzing.retourcode,
            toelichting=afwijzing.toelichting,
        )
    regel = Declaratieregel.objects.create(
        **basis,
        jeugdige_id=toewijzing.jeugdige_id,
        toewijzing=toewijzing,
        product=product,
        volume=volume,
        bedrag=bedrag,
        credit_van=debet,
        status=RegelStatus.GOEDGEKEURD,
    )
    ctx.referenties.add(regel.referentie)
    stand = stand_van(toewijzing, op=ctx.vandaag)
    if debet is not None:
        boek_credit(stand, bedrag, regel=regel, op=ctx.vandaag)
    elif not boek_goedkeuring(stand, bedrag, regel=regel, op=ctx.vandaag):
        stand.refresh_from_db()
        over = stand.vastgelegd - stand.goedgekeurd
        regel.status = RegelStatus.AFGEKEURD
        regel.afkeur = Afkeur.BUDGET_OVERSCHREDEN
        regel.retourcode = RETOURCODE[Afkeur.BUDGET_OVERSCHREDEN]
        regel.toelichting = (
            f"Het keuzebudget is dan overschreden: er is nog € {over} over van € {stand.vastgelegd} (TR369, R-B2). "
            "Vraag tijdig een aanpassing aan bij de toegang."
        )
        regel.save(update_fields=["status", "afkeur", "retourcode", "toelichting"])
    return regel


def _decimaal(waarde) -> Decimal:
    try:
        return Decimal(str(waarde)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return Decimal("0")


def verwerk_declaratie(
    *,
    aanbieder: Aanbieder,
    gemeente: Gemeente,
    nummer: str,
    regels: Sequence[RegelInvoer],
    door,
    ingediend_op: datetime,
    bron: DeclaratieBron = DeclaratieBron.API,
) -> Declaratie:
    """Validate and record a declaration. Partly valid: valid lines approved, the others rejected."""
    if door is None or door.rol != Rol.AANBIEDER or door.aanbieder_id != aanbieder.pk:
        raise DomainError(Foutcode.ROL, "Alleen de aanbieder zelf declareert zijn geleverde zorg.", field="door")
    if not regels:
        raise DomainError(Foutcode.LEEG, "De declaratie bevat geen regels.", field="regels")
    nummer = nummer.strip()
    inhoud_hash = _hash(regels)
    vandaag = ingediend_op.date()
    periode_einde = max(r.einddatum for r in regels)
    with transaction.atomic():
        try:
            with transaction.atomic():
                declaratie = Declaratie.objects.create(
                    aanbieder=aanbieder,
                    gemeente=gemeente,
                    nummer=nummer,
                    bron=bron,
                    inhoud_hash=inhoud_hash,
                    ingediend_op=ingediend_op,
                    periode_einde=periode_einde,
                    dagen_na_periode=(vandaag - periode_einde).days,
                    door=door,
                )
        except IntegrityError:
            return _bestaande(aanbieder, nummer, inhoud_hash)
        ctx = _context(aanbieder, gemeente, regels, vandaag)
        for volgnummer, invoer in enumerate(regels, start=1):
            _verwerk_regel(declaratie, volgnummer, invoer, ctx)
        totalen = declaratie.regels.aggregate(ingediend=Sum("bedrag"))
        goedgekeurd = declaratie.regels.filter(status=RegelStatus.GOEDGEKEURD).aggregate(s=Sum("bedrag"))["s"]
        declaratie.ingediend_bedrag = totalen["ingediend"] or 0
        declaratie.goedgekeurd_bedrag = goedgekeurd or 0
        declaratie.save(update_fields=["ingediend_bedrag", "goedgekeurd_bedrag"])
    return declaratie
