"""R-D1 / Jeugdwet 7.3.4 as a property, not a handful of cases: over random birth dates (leap
days included), random days and random family situations (no, one or two gezag holders, a
parent without gezag, an ended holder, holders with or without address or e-mail, a child with or
without an address), ``geadresseerden`` and ``toestemmers`` name exactly the parties the law
names: below 12 the gezag holders, from 12 to 16 the youth and the gezag holders, from 16 the
youth alone, and raise ``GeenGeadresseerde`` exactly when a party the rule names cannot be
reached. The oracle counts birthdays itself (29 February turns a year older on 1 March), so it
does not share code with the rule under test. Each database example runs in a rolled-back
savepoint."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jeugdregie.gezin.constants import Gezinsrol, Kanaal
from jeugdregie.gezin.leeftijd import wie_op
from jeugdregie.gezin.models import Gezinslid, GezinslidAdres
from jeugdregie.gezin.services import GeenGeadresseerde, geadresseerden, toestemmers
from jeugdregie.jeugdigen.models import Adres

from .factories import JeugdigeFactory

GEBOORTEDATA = st.dates(min_value=date(1996, 1, 1), max_value=date(2026, 12, 31))


def verjaardag(geboren: date, jaren: int) -> date:
    """The day someone turns ``jaren``: the same date, or 1 March for 29 February in a common year."""
    try:
        return geboren.replace(year=geboren.year + jaren)
    except ValueError:
        return date(geboren.year + jaren, 3, 1)


def verwacht(geboren: date, op: date) -> tuple[bool, bool]:
    """(youth addressed, gezag holders addressed) by Jeugdwet 7.3.4, counted from birthdays."""
    if op < geboren:
        return False, False
    if op < verjaardag(geboren, 12):
        return False, True
    if op < verjaardag(geboren, 16):
        return True, True
    return True, False


@given(geboren=GEBOORTEDATA, dagen=st.integers(min_value=0, max_value=25 * 366))
@settings(max_examples=400, deadline=None)
def test_leeftijdsregel_volgt_jeugdwet_734(geboren, dagen):
    """R-D1 / Jeugdwet 7.3.4: below 12 the gezag holders, 12 up to 16 both, from 16 the youth."""
    op = geboren + timedelta(days=dagen)
    wie = wie_op(geboren, op)
    assert (wie.jeugdige, wie.gezag) == verwacht(geboren, op)


@given(geboren=GEBOORTEDATA, dagen=st.integers(min_value=0, max_value=25 * 366), stap=st.integers(1, 800))
@settings(max_examples=200, deadline=None)
def test_leeftijdsregel_is_monotoon(geboren, dagen, stap):
    """R-D1: once the youth is addressed it stays so; once the parents are no longer, never again."""
    eerder, later = (
        wie_op(geboren, geboren + timedelta(days=dagen)),
        wie_op(geboren, geboren + timedelta(days=dagen + stap)),
    )
    assert not (eerder.jeugdige and not later.jeugdige)
    assert not (not eerder.gezag and later.gezag and eerder.jeugdige)


def test_jarig_op_de_dag_zelf_ook_op_schrikkeldag():
    """R-D1 / Jeugdwet 7.3.4: the age limits count from the birthday itself: on the day before
    the 12th birthday the parents alone, on the day the youth too; on the 16th birthday the youth
    alone. A child born on 29 February turns 12 and 16 in leap years (both multiples of four)."""
    assert (
        wie_op(date(2012, 5, 17), date(2024, 5, 16)).jeugdige,
        wie_op(date(2012, 5, 17), date(2024, 5, 17)).jeugdige,
    ) == (
        False,
        True,
    )
    assert wie_op(date(2012, 2, 29), date(2024, 2, 28)).jeugdige is False
    assert wie_op(date(2012, 2, 29), date(2024, 2, 29)).jeugdige is True
    assert wie_op(date(2008, 2, 29), date(2024, 2, 28)).gezag is True
    assert wie_op(date(2008, 2, 29), date(2024, 2, 29)).gezag is False
    assert wie_op(date(2008, 2, 29), date(2040, 2, 29)) == wie_op(date(2008, 2, 29), date(2024, 2, 29))


# --------------------------------------------------------------------------- the family situation

LID = st.fixed_dictionaries(
    {
        "rol": st.sampled_from([Gezinsrol.OUDER, Gezinsrol.OUDER, Gezinsrol.VOOGD, Gezinsrol.GI]),
        "adres": st.booleans(),
        "woont_bij": st.booleans(),
        "email": st.booleans(),
        "digitaal": st.booleans(),
        "beeindigd": st.booleans(),
    }
)


@pytest.mark.django_db
@given(
    geboren=st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 6, 30)),
    dagen=st.integers(min_value=0, max_value=22 * 366),
    kind_adres=st.booleans(),
    kind_email=st.booleans(),
    gezag=st.lists(LID, max_size=2),
    zonder_gezag=st.booleans(),
)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
def test_geadresseerden_en_toestemmers_over_willekeurige_gezinnen(
    geboren, dagen, kind_adres, kind_email, gezag, zonder_gezag
):
    """R-D1 / Jeugdwet 7.3.4 over random families: the addressees are exactly the reachable parties
    the age rule names, GeenGeadresseerde exactly when a named side has nobody reachable, and the
    consenters the parties the rule names (contact details aside); an ended holder and a parent
    without gezag are never among them."""
    op = geboren + timedelta(days=dagen)
    sid = transaction.savepoint()
    try:
        kind = JeugdigeFactory(geboortedatum=geboren, adres=None)
        if kind_adres:
            Adres.objects.create(
                jeugdige=kind,
                soort="01",
                straatnaam="Kerkstraat",
                huisnummer=1,
                postcode="8011AA",
                plaatsnaam="Zwolle",
                begindatum=geboren,
            )
        if kind_email:
            from jeugdregie.gezin.models import Contactvoorkeur

            Contactvoorkeur.objects.create(jeugdige=kind, email="kind@example.org", kanaal=Kanaal.DIGITAAL)
        bereikbaar_gezag, alle_gezag = [], []
        for i, lid in enumerate(gezag):
            email = "ouder@example.org" if lid["email"] else ""
            rij = Gezinslid.objects.create(
                jeugdige=kind,
                rol=lid["rol"],
                gezag=True,
                achternaam=f"Drager{i}",
                email=email,
                kanaal=Kanaal.DIGITAAL if (lid["digitaal"] and email) else Kanaal.POST,
                woont_bij_jeugdige=lid["woont_bij"],
                begindatum=geboren,
                einddatum=(op - timedelta(days=1)) if lid["beeindigd"] else None,
            )
            if lid["adres"]:
                GezinslidAdres.objects.create(
                    gezinslid=rij,
                    straatnaam="Dorpsweg",
                    huisnummer=2,
                    postcode="8012BB",
                    plaatsnaam="Zwolle",
                    begindatum=geboren,
                )
            if lid["beeindigd"]:
                continue
            alle_gezag.append(rij.naam)
            if email or lid["adres"] or (lid["woont_bij"] and kind_adres):
                bereikbaar_gezag.append(rij.naam)
        if zonder_gezag:
            Gezinslid.objects.create(
                jeugdige=kind,
                rol=Gezinsrol.OUDER,
                gezag=False,
                achternaam="Zondergezag",
                woont_bij_jeugdige=True,
                begindatum=geboren,
            )

        kind_mee, gezag_mee = verwacht(geboren, op)
        kind_bereikbaar = kind_adres or kind_email
        moet_falen = (
            not (kind_mee or gezag_mee) or (kind_mee and not kind_bereikbaar) or (gezag_mee and not bereikbaar_gezag)
        )
        if moet_falen:
            with pytest.raises(GeenGeadresseerde) as fout:
                geadresseerden(kind, op=op)
            assert str(fout.value)  # a Dutch message saying what to enter
        else:
            namen = [(g.naam, g.rol) for g in geadresseerden(kind, op=op)]
            verwacht_namen = [(str(kind), "jeugdige")] if kind_mee else []
            verwacht_namen += [(n, r) for n, r in _rollen(kind, bereikbaar_gezag)] if gezag_mee else []
            assert namen == verwacht_namen
        consent = [(t.naam, t.gezinslid_id is None) for t in toestemmers(kind, op=op)]
        verwacht_consent = [(str(kind), True)] if kind_mee else []
        verwacht_consent += [(n, False) for n in alle_gezag] if gezag_mee else []
        assert consent == verwacht_consent
        assert all(n != "Zondergezag" for n, _ in consent)
    finally:
        transaction.savepoint_rollback(sid)


def _rollen(kind, namen):
    rollen = dict(Gezinslid.objects.filter(jeugdige=kind).values_list("achternaam", "rol"))
    return [(n, rollen[n]) for n in namen]
