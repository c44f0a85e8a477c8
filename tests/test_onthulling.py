"""Small-cell suppression (issue 14 §7; R-P3, R-P7): a cell with fewer than 5 children is hidden,
and a complementary cell too, so that the total minus the visible cells cannot reveal it."""

from django.test import override_settings

from jeugdregie.common.onthulling import Groep, drempel, onderdruk, onderdruk_tabel, toelichting

# Rows: three municipalities; columns: two providers and the row total ("totaal").
TABEL = {
    ("Zwolle", "A"): 3,
    ("Zwolle", "B"): 40,
    ("Zwolle", "totaal"): 43,
    ("Deventer", "A"): 12,
    ("Deventer", "B"): 30,
    ("Deventer", "totaal"): 42,
    ("Kampen", "A"): 8,
    ("Kampen", "B"): 9,
    ("Kampen", "totaal"): 17,
    ("regio", "A"): 23,
    ("regio", "B"): 79,
    ("regio", "totaal"): 102,
}


def _zichtbaar(onderdrukking):
    return {k: v for k, v in TABEL.items() if not onderdrukking.is_verborgen(k)}


def _afleidbaar(onderdrukking) -> set:
    """Every hidden cell an attacker can compute from a row or column with one unknown (repeated
    until nothing new follows): the differencing attack."""
    bekend = dict(_zichtbaar(onderdrukking))
    rijen = ["Zwolle", "Deventer", "Kampen"]
    kolommen = ["A", "B"]
    vergelijkingen = [([(r, k) for k in kolommen], (r, "totaal")) for r in [*rijen, "regio"]]
    vergelijkingen += [([(r, k) for r in rijen], ("regio", k)) for k in [*kolommen, "totaal"]]
    gewijzigd = True
    while gewijzigd:
        gewijzigd = False
        for leden, totaal in vergelijkingen:
            onbekend = [c for c in [*leden, totaal] if c not in bekend]
            if len(onbekend) != 1:
                continue
            c = onbekend[0]
            if c == totaal:
                bekend[c] = sum(bekend[x] for x in leden)
            else:
                bekend[c] = bekend[totaal] - sum(bekend[x] for x in leden if x != c)
            gewijzigd = True
    return {k for k in TABEL if k in bekend} - set(_zichtbaar(onderdrukking))


def test_cel_van_drie_kinderen_en_een_complement_worden_verborgen():
    """Issue 14 §7 (R-P3): the cell of 3 children is suppressed, and so is a complementary cell in
    its row and in its column."""
    o = onderdruk_tabel(TABEL, rijtotaal="totaal", kolomtotaal="regio")
    assert o.primair == {("Zwolle", "A")}
    assert ("Zwolle", "A") in o.verborgen and len(o.secundair) >= 2
    rij = [k for k in o.verborgen if k[0] == "Zwolle" and k != ("Zwolle", "A")]
    kolom = [k for k in o.verborgen if k[1] == "A" and k != ("Zwolle", "A")]
    assert rij and kolom
    assert o.teken(("Zwolle", "A")) == "<5" and o.teken(rij[0]) == "—"


def test_totaal_min_zichtbare_cellen_onthult_niets():
    """Issue 14 §7 (R-P3): no hidden cell can be derived from totals and visible cells, however
    the differences are chained."""
    o = onderdruk_tabel(TABEL, rijtotaal="totaal", kolomtotaal="regio")
    assert _afleidbaar(o) == set()
    assert [o.export(k, v) for k, v in TABEL.items() if k[0] == "Zwolle"].count(3) == 0


def test_zonder_secundaire_onderdrukking_zou_het_wel_lekken():
    """Issue 14 §7 (R-P3): the attack the secondary suppression stops is real — with only the primary
    cell hidden, the row total gives the 3 back."""
    alleen_primair = onderdruk(TABEL, [])
    assert alleen_primair.verborgen == {("Zwolle", "A")}
    assert ("Zwolle", "A") in _afleidbaar(alleen_primair)


def test_nul_en_geen_gegevens_worden_niet_onderdrukt():
    """Issue 14 §7 (R-P3): zero identifies nobody; a cell without data stays "geen gegevens"."""
    o = onderdruk({"a": 0, "b": None, "c": 7, "d": 5})
    assert not o and o.verborgen == frozenset()


def test_complement_valt_op_kleinste_niet_lege_cel_of_het_totaal():
    """Issue 14 §7 (R-P3): the complement is the visible member with the fewest children (non-zero
    first); with no member left, the total itself is hidden."""
    o = onderdruk({"a": 2, "b": 0, "c": 9, "d": 30}, [Groep.van("abcd")])
    assert o.primair == {"a"} and o.secundair == {"c"}
    o = onderdruk({"a": 2, "t": 40}, [Groep.van("a", totaal="t")])
    assert o.verborgen == {"a", "t"}


def test_drempel_is_een_instelling():
    """Issue 14 §7 (R-P3): the threshold is a setting, default 5 (CBS practice)."""
    assert drempel() == 5
    with override_settings(JEUGDREGIE_ONTHULLINGSDREMPEL=10):
        o = onderdruk({"a": 7, "b": 30, "c": 40}, [Groep.van("abc")])
        assert o.primair == {"a"} and o.teken("a") == "<10"
        assert "minder dan 10 jeugdigen" in toelichting()


def test_lijst_onder_een_totaal():
    """Issue 14 §7 (R-P3): a per-provider list under a total (the form begroting's drill-down uses)."""
    from jeugdregie.common.onthulling import TOTAAL, onderdruk_lijst

    o = onderdruk_lijst([40, 2, 9, 12], totaal=63)
    assert (o.primair, o.secundair) == ({1}, {2})
    o = onderdruk_lijst([3], totaal=3)
    assert o.verborgen == {0, TOTAAL}


def test_toelichting_in_het_engels():
    """The note under a table with hidden cells is translated (its catalogue key has the real
    quotes the source has)."""
    from django.utils import translation

    with translation.override("en"):
        assert toelichting(5).startswith("Cells with fewer than 5 young people are shown as “<5”")
    assert toelichting(5).startswith("Cellen met minder dan 5 jeugdigen tonen we als “<5”")


def test_cel_die_elders_getoond_wordt_is_geen_complement():
    """Issue 22 review F4 (issue 14 §7, R-P3): a total another page shows (``bekend``) is known: it is
    never hidden as the complement; a part is hidden instead."""
    o = onderdruk({"lokaal": 3, "regionaal": 20, "totaal": 23}, [Groep.van(["lokaal", "regionaal"], "totaal")])
    assert o.verborgen == {"lokaal", "regionaal"}  # the member first, as before
    o = onderdruk({"lokaal": 3, "totaal": 23}, [Groep.van(["lokaal"], "totaal")], bekend={"totaal"})
    assert o.verborgen == {"lokaal"} and not o.is_verborgen("totaal")  # nothing left to hide: the caller's case


def test_cel_die_elders_verborgen_is_wordt_hier_ook_verborgen_met_een_complement():
    """Issue 22 review F4, the reverse (issue 14 §7, R-P3): a total another page hides is hidden here
    too ("—"), with a part as its complement, so lokaal + regionaal does not give it back."""
    o = onderdruk(
        {"lokaal": 10, "regionaal": 20, "totaal": 30},
        [Groep.van(["lokaal", "regionaal"], "totaal")],
        elders_verborgen={"totaal"},
    )
    assert (o.primair, o.secundair) == (set(), {"totaal", "lokaal"})
    assert o.teken("totaal") == "—"


def test_lege_cel_is_het_laatste_complement():
    """Issue 22 review F4 (issue 14 §7, R-P3): with the total shown elsewhere and the other part
    without data ("geen gegevens", read as zero), the hidden part would equal the total; the empty
    part is hidden as "—" instead. Without such a need, an empty cell stays "geen gegevens"."""
    groep = [Groep.van(["lokaal", "regionaal"], "totaal")]
    o = onderdruk({"lokaal": 2, "regionaal": None, "totaal": 7}, groep, bekend={"totaal"})
    assert (o.primair, o.secundair, o.teken("regionaal")) == ({"lokaal"}, {"regionaal"}, "—")
    o = onderdruk({"lokaal": 2, "regionaal": None, "totaal": 7}, groep)
    assert o.secundair == {"totaal"}
