"""One validation service for every intake route (upload, API, JW323): line by line against
allocations and budgets. Valid lines are approved, invalid ones rejected with a code; the
budget ledger moves in the same transaction. A replay of the same declaration returns the
first outcome and approves nothing twice (R-B2, R-B5, R-V2)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from operator import itemgetter

from django.db import connection, transaction
from django.utils import timezone

from jeugdregie.accounts.models import Gebruiker
from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log
from jeugdregie.budgetten.constants import Mutatiesoort
from jeugdregie.budgetten.models import Budgetmutatie, Budgetstand
from jeugdregie.common import opmaak
from jeugdregie.common.bulk import nieuwe_id_reeksen, schrijf_rijen, voeg_nieuwe_toe, werk_velden_bij
from jeugdregie.common.domein import publiceer
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import datum_van
from jeugdregie.organisaties.models import Aanbieder, Gemeente

from ..constants import RETOURCODE, Afkeur, DebetCredit, DeclaratieBron, Foutcode, RegelStatus
from ..gebeurtenissen import Verwerkt
from ..models import Declaratie, Declaratieregel
from ..policies import mag_declareren_voor
from .context import Context, laad_contexten
from .invoer import RegelInvoer
from .regelcontrole import Afwijzing, controleer, credit_debet, neem_credit_op, neem_op


def _decimaal(waarde) -> Decimal:
    try:
        return Decimal(str(waarde)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return Decimal("0")


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


@dataclass
class _Verwerking:
    """The lines of one intake as they are decided (as column values), and the ledger moves."""

    regels: list[dict] = field(default_factory=list)
    mutaties: list[tuple[dict, int, Mutatiesoort, Decimal, date]] = field(default_factory=list)
    delta: dict[int, Decimal] = field(default_factory=dict)


# Plain values, looked up once: the enum members' ``.value`` and ``DebetCredit.values`` cost a
# call each, per line (benchmark W2).
_DEBET_CREDIT = frozenset(DebetCredit.values)
_DEBET, _CREDIT = DebetCredit.DEBET.value, DebetCredit.CREDIT.value
_GOEDGEKEURD, _AFGEKEURD = RegelStatus.GOEDGEKEURD.value, RegelStatus.AFGEKEURD.value
_GECREDITEERD, _GOEDGEKEURD_MUTATIE = Mutatiesoort.GECREDITEERD, Mutatiesoort.GOEDGEKEURD


def _afgekeurd(basis: dict, invoer: RegelInvoer, ctx: Context, code: Afkeur, toelichting: str) -> dict:
    toewijzing = ctx.toewijzingen.get(invoer.toewijzing or 0)
    return {
        **basis,
        "jeugdige_id": None,
        "toewijzing_id": toewijzing.pk if toewijzing else None,
        "product_id": None,
        "volume": _decimaal(invoer.volume),
        "bedrag": _decimaal(invoer.bedrag),
        "credit_van_id": None,
        "status": _AFGEKEURD,
        "afkeur": code.value,
        "retourcode": RETOURCODE.get(code, ""),
        "toelichting": toelichting,
    }


def _beslis_regel(declaratie: Declaratie, volgnummer: int, invoer: RegelInvoer, ctx: Context, uit: _Verwerking):
    basis = {
        "declaratie_id": declaratie.id,
        "aanbieder_id": ctx.aanbieder_id,
        "referentie": invoer.referentie.strip()[:40],
        "volgnummer": volgnummer,
        "begindatum": invoer.begindatum,
        "einddatum": invoer.einddatum,
        "eenheid": invoer.eenheid.strip()[:12],
        "debet_credit": invoer.debet_credit if invoer.debet_credit in _DEBET_CREDIT else _DEBET,
    }
    try:
        toewijzing, product, volume, bedrag = controleer(invoer, ctx)
        doel = credit_debet(invoer, ctx) if invoer.debet_credit == _CREDIT else None
    except Afwijzing as afwijzing:
        uit.regels.append(_afgekeurd(basis, invoer, ctx, afwijzing.code, afwijzing.toelichting))
        return
    stand = ctx.standen[toewijzing.pk]
    if doel is None and (stand.vrijgegeven_op is not None or (stand.sluitdatum and ctx.vandaag > stand.sluitdatum)):
        # R-B7: after the declaration window the rest is (or will be) released; a late line never
        # raises the commitment. A credit still passes: it only gives money back.
        uit.regels.append(
            _afgekeurd(
                basis,
                invoer,
                ctx,
                Afkeur.TERMIJN_VERSTREKEN,
                f"De declaratietermijn van deze toewijzing is verstreken op {stand.sluitdatum:%d-%m-%Y}: het budget "
                "is vrijgegeven aan de gemeente. Neem contact op met de gemeente als u zorg niet op tijd "
                "kon declareren.",
            )
        )
        return
    if doel is None and bedrag > stand.beschikbaar:
        # TR369 against the locked ledger; the check constraint budgetstand_binnen_budget is the second guard.
        over = stand.beschikbaar
        uit.regels.append(
            _afgekeurd(
                basis,
                invoer,
                ctx,
                Afkeur.BUDGET_OVERSCHREDEN,
                f"Het toegewezen budget is dan overschreden: er is nog {opmaak.euro(over)} over van "
                f"{opmaak.euro(stand.vastgelegd)}. Vraag tijdig een aanpassing aan bij de toegang.",
            )
        )
        return
    regel = basis  # every column of the row, as ``_afgekeurd`` gives a rejected one
    regel["jeugdige_id"] = toewijzing.jeugdige_id
    regel["toewijzing_id"] = toewijzing.pk
    regel["product_id"] = product.id
    regel["volume"] = volume
    regel["bedrag"] = bedrag
    regel["credit_van_id"] = doel.pk if doel else None
    regel["status"] = _GOEDGEKEURD
    regel["afkeur"] = regel["retourcode"] = regel["toelichting"] = ""
    uit.regels.append(regel)
    neem_op(ctx, invoer, toewijzing, product, volume)
    beweging = -bedrag if doel is not None else bedrag
    if doel is not None:
        neem_credit_op(ctx, doel, product)
    stand.goedgekeurd += beweging
    uit.delta[stand.pk] = uit.delta.get(stand.pk, Decimal("0")) + beweging
    soort = _GECREDITEERD if doel is not None else _GOEDGEKEURD_MUTATIE
    uit.mutaties.append((regel, toewijzing.pk, soort, beweging, ctx.vandaag))


def _regel_ids(nieuw: Sequence[tuple[int, Aanvraag, Declaratie]]) -> tuple[list[int], list[int]]:
    """Fresh ids for every line of the new declarations and, as many, for their ledger moves (one
    per approved line at most; the ids of rejected lines stay unused, a gap in the sequence): one
    round trip, before the lines are decided, so each line is written as soon as it is decided."""
    aantal = sum(len(aanvraag.regels) for _, aanvraag, _ in nieuw)
    # SQLite: after the highest id, and this transaction holds the write lock (the declarations)
    regel_ids, mutatie_ids = nieuwe_id_reeksen((Declaratieregel, aantal), (Budgetmutatie, aantal))
    return regel_ids, mutatie_ids


class _GeenQuery:
    """An execute wrapper that refuses every query while a line is being decided: the line
    checks read only the intake's context (``regelcontrole``), and on PostgreSQL the lines'
    ``COPY`` is open meanwhile. A check that reads the database anyway is a programming error:
    the intake stops and its transaction writes nothing."""

    def __init__(self) -> None:
        self.beslissen = False

    def __call__(self, execute, sql, params, many, context):
        if self.beslissen:
            raise RuntimeError(
                "Een regelcontrole las uit de database terwijl een regel beslist werd; de controles lezen alleen de "
                f"context van de intake (laad_contexten). Query: {sql[:200]}"
            )
        return execute(sql, params, many, context)


def _beslis_en_schrijf(
    nieuw: Sequence[tuple[int, Aanvraag, Declaratie]],
    contexten: Sequence[Context],
    uit: _Verwerking,
    uitkomsten: list,
    regel_ids: list[int],
) -> None:
    """Decide every line of the new declarations and write it in the same pass: on PostgreSQL
    one ``COPY`` that the server fills while the next lines are decided (the line checks read
    nothing from the database, ``regelcontrole``; ``_GeenQuery`` holds them to it), elsewhere in
    blocks. Sets each declaration's totals and its outcome in ``uitkomsten``."""
    # Each decided line sets every column (``_beslis_regel``, ``_afgekeurd``): a column the
    # decision forgot fails here, loudly, instead of going in empty.
    rij = itemgetter(*(f.attname for f in Declaratieregel._meta.concrete_fields))
    ids = iter(regel_ids)
    bewaker = _GeenQuery()

    def rijen():
        for (i, aanvraag, declaratie), ctx in zip(nieuw, contexten, strict=True):
            eerste = len(uit.regels)
            for volgnummer, invoer in enumerate(aanvraag.regels, start=1):
                bewaker.beslissen = True
                _beslis_regel(declaratie, volgnummer, invoer, ctx, uit)
                bewaker.beslissen = False
                regel = uit.regels[-1]  # every line is decided into exactly one row
                regel["id"] = next(ids)
                yield rij(regel)
            eigen = uit.regels[eerste:]
            declaratie.ingediend_bedrag = sum((r["bedrag"] for r in eigen), Decimal("0"))
            declaratie.goedgekeurd_bedrag = sum(
                (r["bedrag"] for r in eigen if r["status"] == _GOEDGEKEURD), Decimal("0")
            )
            afgewezen = tuple(
                Afgewezen(r["volgnummer"], r["afkeur"], r["toelichting"]) for r in eigen if r["status"] == _AFGEKEURD
            )
            uitkomsten[i] = Intakeresultaat(declaratie, True, afgewezen)

    with connection.execute_wrapper(bewaker):
        schrijf_rijen(
            Declaratieregel._meta.db_table,
            [f.column for f in Declaratieregel._meta.concrete_fields if f.column],
            rijen(),
        )


def _vastleggen(uit: _Verwerking, mutatie_ids: list[int]) -> None:
    """Move each ledger (locked by the context) by one atomic increment and write the ledger
    moves in bulk; the lines are written as they are decided (``_beslis_en_schrijf``)."""
    _verhoog_standen(uit.delta)
    nu = timezone.now()
    schrijf_rijen(
        Budgetmutatie._meta.db_table,
        ["id", "toewijzing_id", "soort", "bedrag", "regel_id", "datum", "tijdstip"],
        (
            (pk, toewijzing_id, soort.value, bedrag, regel["id"], vandaag, nu)
            for (regel, toewijzing_id, soort, bedrag, vandaag), pk in zip(
                uit.mutaties, mutatie_ids[: len(uit.mutaties)], strict=True
            )
        ),
    )


def _verhoog_standen(delta: dict[int, Decimal]) -> None:
    """One atomic increment per ledger (``goedgekeurd = goedgekeurd + x``), all ledgers in one
    statement: on PostgreSQL joined to two arrays (two parameters, whatever the number of
    ledgers), elsewhere ``CASE id WHEN … END`` per 500 ledgers."""
    paren = sorted(delta.items())
    tabel = connection.ops.quote_name(Budgetstand._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and paren:
            cursor.execute(
                f"UPDATE {tabel} s SET goedgekeurd = s.goedgekeurd + v.bedrag "
                # s.id = ANY: the ledgers by index, not a hash of the whole table
                "FROM unnest(%s::bigint[], %s::numeric[]) AS v(id, bedrag) WHERE s.id = v.id AND s.id = ANY(%s)",
                [[pk for pk, _ in paren], [d for _, d in paren], [pk for pk, _ in paren]],
            )
            return
        for begin in range(0, len(paren), 500):
            blok = paren[begin : begin + 500]
            geval = " ".join("WHEN %s THEN CAST(%s AS NUMERIC)" for _ in blok)
            ids = ", ".join("%s" for _ in blok)
            cursor.execute(
                f"UPDATE {tabel} SET goedgekeurd = goedgekeurd + CASE id {geval} END WHERE id IN ({ids})",
                [w for pk, d in blok for w in (pk, str(d))] + [pk for pk, _ in blok],
            )


def _na_commit(uit: _Verwerking) -> None:
    """Publish what the intake decided (``gebeurtenissen.Verwerkt``) for the after-commit stages."""
    if not uit.regels:
        return
    publiceer(
        Verwerkt(
            dagen=frozenset(r[k] for r in uit.regels for k in ("begindatum", "einddatum") if r[k] is not None),
            toewijzingen=frozenset(toewijzing_id for _, toewijzing_id, *_ in uit.mutaties),
        )
    )


@dataclass(frozen=True)
class Afgewezen:
    """A rejected line of a declaration: its sequence number, Afkeur code and explanation."""

    volgnummer: int
    afkeur: str
    toelichting: str


@dataclass(frozen=True)
class Intakeresultaat:
    """What an intake decided for one declaration (issue 16 §4), returned so no adapter guesses:
    ``nieuw`` is False for a replay (the same number and lines again: its first outcome)."""

    declaratie: Declaratie
    nieuw: bool
    afgewezen: tuple[Afgewezen, ...]


@dataclass(frozen=True)
class Aanvraag:
    """One declaration as an intake route hands it over."""

    aanbieder: Aanbieder
    gemeente: Gemeente
    nummer: str
    regels: Sequence[RegelInvoer]
    door: Gebruiker | None
    ingediend_op: datetime
    bron: DeclaratieBron = DeclaratieBron.API


def _controleer_aanvraag(aanvraag: Aanvraag) -> None:
    door = aanvraag.door
    if not mag_declareren_voor(door, aanvraag.aanbieder):
        raise DomainError(Foutcode.ROL, "Alleen de aanbieder zelf declareert zijn geleverde zorg.", field="door")
    if not aanvraag.regels:
        raise DomainError(Foutcode.LEEG, "De declaratie bevat geen regels.", field="regels")


def _declaratie(aanvraag: Aanvraag, nummer: str, inhoud_hash: str) -> Declaratie:
    """The declaration row to insert (R-V2: days between period end and submission)."""
    vandaag = datum_van(aanvraag.ingediend_op)
    periode_einde = max(r.einddatum for r in aanvraag.regels)
    return Declaratie(
        aanbieder=aanvraag.aanbieder,
        gemeente=aanvraag.gemeente,
        nummer=nummer,
        bron=aanvraag.bron,
        inhoud_hash=inhoud_hash,
        ingediend_op=aanvraag.ingediend_op,
        periode_einde=periode_einde,
        dagen_na_periode=(vandaag - periode_einde).days,
        door=aanvraag.door,
    )


def neem_declaraties_in(aanvragen: Sequence[Aanvraag]) -> list[Intakeresultaat | DomainError]:
    """Validate and record several declarations in one transaction (a queue of JW323 messages,
    a night's uploads): one context load and one write for all of them, each declaration still
    judged on its own. Returns per request its ``Intakeresultaat`` (the declaration, whether it
    is new, its rejected lines), or the DomainError that refused it; a replay returns the first
    outcome and approves nothing twice."""
    uitkomsten: list[Intakeresultaat | DomainError | None] = [None] * len(aanvragen)
    herhalingen: list[int] = []
    with transaction.atomic():
        kandidaten: list[tuple[int, Aanvraag, str, str, Declaratie]] = []
        for i, aanvraag in enumerate(aanvragen):
            try:
                _controleer_aanvraag(aanvraag)
            except DomainError as fout:
                uitkomsten[i] = fout
                continue
            nummer, inhoud_hash = aanvraag.nummer.strip(), _hash(aanvraag.regels)
            kandidaten.append((i, aanvraag, nummer, inhoud_hash, _declaratie(aanvraag, nummer, inhoud_hash)))
        # One INSERT … ON CONFLICT for the queue: a number the provider used before is left out.
        ingevoegd = {id(d) for d in voeg_nieuwe_toe([k[4] for k in kandidaten], ["aanbieder", "nummer"])}
        nieuw: list[tuple[int, Aanvraag, Declaratie]] = []
        for i, aanvraag, nummer, inhoud_hash, declaratie in kandidaten:
            if id(declaratie) in ingevoegd:
                nieuw.append((i, aanvraag, declaratie))
                continue
            try:
                uitkomsten[i] = Intakeresultaat(_bestaande(aanvraag.aanbieder, nummer, inhoud_hash), False, ())
                herhalingen.append(i)
            except DomainError as fout:
                uitkomsten[i] = fout
        contexten = laad_contexten(
            [(a.aanbieder.pk, a.gemeente.pk, a.regels, datum_van(a.ingediend_op)) for _, a, _ in nieuw]
        )
        uit = _Verwerking()
        regel_ids, mutatie_ids = _regel_ids(nieuw)
        _beslis_en_schrijf(nieuw, contexten, uit, uitkomsten, regel_ids)
        _vastleggen(uit, mutatie_ids)
        _na_commit(uit)
        werk_velden_bij([d for _, _, d in nieuw], ["ingediend_bedrag", "goedgekeurd_bedrag"])
    for i in herhalingen:  # a replay of one made earlier in this queue is complete only now
        herhaald = uitkomsten[i]
        assert isinstance(herhaald, Intakeresultaat)  # set in the loop above
        uitkomsten[i] = _herhaling(herhaald.declaratie)
    assert all(u is not None for u in uitkomsten)  # every request got its outcome
    return [u for u in uitkomsten if u is not None]


def _herhaling(declaratie: Declaratie) -> Intakeresultaat:
    """The first outcome of a declaration sent again: as stored, with its rejected lines."""
    declaratie.refresh_from_db()
    afgewezen = (
        declaratie.regels.filter(status=RegelStatus.AFGEKEURD)
        .order_by("volgnummer")
        .values_list("volgnummer", "afkeur", "toelichting")
    )
    return Intakeresultaat(declaratie, False, tuple(Afgewezen(*rij) for rij in afgewezen))


def verwerk_declaraties(aanvragen: Sequence[Aanvraag]) -> list[Declaratie | DomainError]:
    """``neem_declaraties_in`` with only the declaration per request (or its DomainError)."""
    return [u if isinstance(u, DomainError) else u.declaratie for u in neem_declaraties_in(aanvragen)]


def verwerk_declaratie(
    *,
    aanbieder: Aanbieder,
    gemeente: Gemeente,
    nummer: str,
    regels: Sequence[RegelInvoer],
    door,
    ingediend_op: datetime,
    bron: DeclaratieBron = DeclaratieBron.API,
    context: Toegangscontext | None = None,
) -> Declaratie:
    """Validate and record a declaration. Partly valid: valid lines approved, the others rejected."""
    return dien_declaratie_in(
        aanbieder=aanbieder,
        gemeente=gemeente,
        nummer=nummer,
        regels=regels,
        door=door,
        ingediend_op=ingediend_op,
        bron=bron,
        context=context,
    ).declaratie


def dien_declaratie_in(
    *,
    aanbieder: Aanbieder,
    gemeente: Gemeente,
    nummer: str,
    regels: Sequence[RegelInvoer],
    door,
    ingediend_op: datetime,
    bron: DeclaratieBron = DeclaratieBron.API,
    context: Toegangscontext | None = None,
) -> Intakeresultaat:
    """One declaration's intake with its typed result (issue 16 §4): the declaration, whether it
    is new or a replay, and its rejected lines; a refusal raises its DomainError.

    ``context``: the audit context of a person's submission (upload page, API). A new declaration
    then gets its AANMAKEN row here (R-P2); a replay none, as it created nothing. Without one (a
    JW323 message, whose Bericht carries the trace; demo and test data) no row."""
    [uitkomst] = neem_declaraties_in([Aanvraag(aanbieder, gemeente, nummer, regels, door, ingediend_op, bron)])
    if isinstance(uitkomst, DomainError):
        raise uitkomst
    if context is not None and uitkomst.nieuw:
        log(
            actie=Actie.AANMAKEN,
            objecttype=Declaratie._meta.label,
            object_id=uitkomst.declaratie.pk,
            door=door,
            context=context,
            details=f"upload: {len(regels)} regels" if bron == DeclaratieBron.UPLOAD else "",
        )
    return uitkomst
