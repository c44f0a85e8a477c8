"""A queryset compiled once, its values bound per call (issue 18, benchmark W2).

The declaration intake asks the same dozen questions for every declaration; building each
queryset and compiling it to SQL cost about as much Python time as the database spent answering
(one declaration per call, as uploads and API calls arrive). ``VasteQuery`` keeps the queryset
as the one definition and compiles it once per process: on PostgreSQL, where a list goes in as
one array (``__any``), the SQL of a queryset does not depend on its values, so the compiled text
is kept and only the values change.

How the values are found in the compiled parameters: the builder is called once with probe
values no row has (an id of -7.3e12, a text with U+FFFF, the year 1111), each recognised by
equality among the parameters. The compiled form is used only when every probe was found, the
queryset is a ``values_list`` and no column needs a Python converter (so a row from the cursor
equals the row Django would give); otherwise, and on SQLite, the builder's queryset runs as it
is. A builder must give the same SQL shape whatever its values, and read nothing but its
values: no branching on them, no clock, no setting (a value it computed would be kept as a
constant). A parameter that looks computed from a probe makes the query run plain every call;
with ``JEUGDREGIE_VASTE_QUERY_CONTROLE`` (the test settings) every call is compared with the
plain queryset, so the whole suite checks every use on both databases."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import FlatValuesListIterable, ValuesListIterable
from django.db.transaction import TransactionManagementError

_GEEN_ID = -7_300_000_000_000


def _soort(waarde) -> str | None:
    """The kind of a value as a probe can stand for it; None: no probe (the plain queryset runs)."""
    if isinstance(waarde, bool):
        return None
    if isinstance(waarde, int):
        return "int"
    if isinstance(waarde, str):
        return "str"
    if isinstance(waarde, datetime):
        return None
    if isinstance(waarde, date):
        return "date"
    if isinstance(waarde, Collection):
        if all(type(w) is int for w in waarde):
            return "ints"
        if all(type(w) is str for w in waarde):
            return "strs"
    return None


def _proef(soort: str, i: int):
    return {
        "int": lambda: _GEEN_ID - i,
        "str": lambda: f"\uffffproef-{i}",
        "date": lambda: date(1111, 1, 1) + timedelta(days=i),
        "ints": lambda: [_GEEN_ID - i],
        "strs": lambda: [f"\uffffproef-{i}"],
    }[soort]()


def _afgeleid(parameter) -> bool:
    """Whether a parameter looks computed from a probe (a day of 1110–1112, an id near the
    probes, a text with U+FFFF), e.g. a date the builder moved by a day: such a query would keep
    that value for every call, so it is not kept compiled."""
    if isinstance(parameter, (list, tuple)):
        return any(_afgeleid(p) for p in parameter)
    if isinstance(parameter, date):
        return 1110 <= parameter.year <= 1112
    if isinstance(parameter, int) and not isinstance(parameter, bool):
        return abs(parameter - _GEEN_ID) < 10**9
    return isinstance(parameter, str) and "\uffff" in parameter


class VasteQuery:
    """``VasteQuery(bouw)(*waarden)``: the rows of ``bouw(*waarden)`` (a ``values_list``
    queryset), as a list of tuples (or of values, for ``flat=True``)."""

    def __init__(self, bouw: Callable[..., QuerySet]) -> None:
        self.bouw = bouw
        self._vormen: dict[tuple, tuple[str, list, list[tuple[int, int]], bool] | None] = {}

    def __call__(self, *waarden, using: str = "default") -> list:
        verbinding = connections[using]
        soorten = tuple(_soort(w) for w in waarden)
        if verbinding.vendor != "postgresql" or None in soorten:
            return list(self.bouw(*waarden).using(using))
        sleutel = (using, soorten)
        if sleutel not in self._vormen:
            self._vormen[sleutel] = self._compileer(soorten, using)
        vorm = self._vormen[sleutel]
        if vorm is None:
            return list(self.bouw(*waarden).using(using))
        sql, parameters, plekken, plat = vorm
        if " FOR UPDATE" in sql and verbinding.get_autocommit():
            raise TransactionManagementError("select_for_update cannot be used outside of a transaction.")
        parameters = list(parameters)
        for plek, i in plekken:
            waarde = waarden[i]
            parameters[plek] = waarde if soorten[i] in ("int", "str", "date") else list(waarde)

        def lees() -> list:
            with verbinding.cursor() as cursor:
                cursor.execute(sql, parameters)
                rijen = cursor.fetchall()
            return [rij[0] for rij in rijen] if plat else rijen

        rijen = lees()
        if settings.JEUGDREGIE_VASTE_QUERY_CONTROLE:
            self._controleer(rijen, waarden, using, lees)
        return rijen

    def _controleer(self, rijen: list, waarden: tuple, using: str, lees: Callable[[], list]) -> None:
        """The test settings' check: the plain queryset gives the same rows (in its order when
        it is ordered, else as a multiset). Under READ COMMITTED another transaction may commit
        between the two reads (a concurrency test): on a difference the compiled SQL reads once
        more, after the plain queryset, and must then give its rows."""
        qs = self.bouw(*waarden).using(using)
        verwacht = list(qs)

        def gelijk(gelezen: list) -> bool:
            return gelezen == verwacht if qs.ordered else Counter(gelezen) == Counter(verwacht)

        if not gelijk(rijen) and not gelijk(rijen := lees()):
            raise AssertionError(f"VasteQuery {self.bouw.__qualname__}: {rijen!r} != {verwacht!r}")

    def _compileer(self, soorten: tuple[str, ...], using: str):
        """The compiled SQL, its parameters and where each value goes, or None when the queryset
        cannot be kept compiled (then it runs as it is, every call)."""
        proeven = [_proef(soort, i) for i, soort in enumerate(soorten)]
        qs = self.bouw(*proeven)
        if qs._iterable_class not in (ValuesListIterable, FlatValuesListIterable):
            return None
        compiler = qs.query.get_compiler(using=using)
        sql, parameters = compiler.as_sql()
        if compiler.get_converters([kolom for kolom, _, _ in compiler.select]):
            return None
        plekken = [
            (plek, i)
            for plek, parameter in enumerate(parameters)
            for i, proef in enumerate(proeven)
            if type(parameter) is type(proef) and parameter == proef
        ]
        if {i for _, i in plekken} != set(range(len(proeven))):
            return None  # a value went in changed (or not at all): not kept
        gebonden = {plek for plek, _ in plekken}
        if any(_afgeleid(p) for plek, p in enumerate(parameters) if plek not in gebonden):
            return None  # a value computed from a probe would be kept as a constant: not kept
        return sql, list(parameters), plekken, qs._iterable_class is FlatValuesListIterable
