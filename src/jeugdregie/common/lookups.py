"""``veld__any=[…]``: membership in a list of many values, as one array parameter on
PostgreSQL (``veld = ANY(%s)``) and as ``IN (…)`` elsewhere. For the intake's lookups of
thousands of ids (benchmark W2): an ``IN`` list of 5,000 parameters is bound on the client one
by one, and that costs more than the query. Registered on every field in ``CommonConfig.ready``."""

from __future__ import annotations

from django.db.models import Field, ForeignObject, IntegerField, Lookup


class Any(Lookup):
    lookup_name = "any"
    prepare_rhs = False

    def get_prep_lookup(self):
        veld = self.lhs.output_field
        if isinstance(getattr(veld, "target_field", veld), IntegerField) and all(type(w) is int for w in self.rhs):
            return list(self.rhs)  # ids: nothing to prepare (the common case, tens of thousands)
        return [veld.get_prep_value(waarde) for waarde in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        waarden = list(self.rhs)
        if not waarden:
            return "1 = 0", []  # as Django's IN with an empty list: matches nothing
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*lhs_params, waarden]
        return f"{lhs} IN ({', '.join(['%s'] * len(waarden))})", [*lhs_params, *waarden]


def registreer() -> None:
    Field.register_lookup(Any)
    ForeignObject.register_lookup(Any)  # related fields keep their own lookups
