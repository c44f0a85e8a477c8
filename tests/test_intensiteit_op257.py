"""A dated change of Wonen/Verblijf intensity (issue 13; SPEC R-W8, R-B7, R-B8; iJw OP257): the
allocation ends the day before the new intensity and a new allocation takes over, so each night
belongs to one allocation at one intensity."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from jeugdregie.budgetten.models import Budgetmutatie, Budgetstand
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.ijw.constants import Berichttype
from jeugdregie.ijw.services import uitbox
from jeugdregie.organisaties.models import Inschrijving
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services import start_zorg
from jeugdregie.verwijzingen.models import Gebeurtenis
from jeugdregie.wonen.services.toewijzen import wijzig_intensiteit

from .builders.declaraties import _afkeur, declareer, regel
from .builders.ijw.uitgaand import producten, uit
from .builders.wonen import BEGIN, wonen

INGANG = date(2026, 4, 16)
EINDE = date(2027, 3, 1)
LICHT, GEZINSHUIS = Decimal("185.00"), Decimal("150.00")  # tariffs of 44W05 and 44W04


def wijzig(route, toewijzing, *, ingangsdatum=INGANG, product="44W04", door="toegang"):
    return wijzig_intensiteit(
        toewijzing=toewijzing,
        product=Product.objects.get(code=product),
        ingangsdatum=ingangsdatum,
        door=route["gebruikers"][door],
        toestemming_verwijzer=True,
        met_verhuizing=True,
    )


def gestart_wonen(route):
    toewijzing = wonen(route)
    return start_zorg(toewijzing=toewijzing, startdatum=BEGIN, door=route["gebruikers"]["aanbieder"])


def etmalen(tw, referentie, begin, einde, tarief, product):
    nachten = (einde - begin).days + 1
    return regel(
        tw,
        referentie,
        begindatum=begin,
        einddatum=einde,
        product=product,
        eenheid="etmaal",
        uren=str(nachten),
        bedrag=nachten * tarief,
    )


def _stand(toewijzing):
    stand = Budgetstand.objects.get(toewijzing=toewijzing)
    return stand.toegewezen, stand.vastgelegd, stand.goedgekeurd


def test_wijziging_splitst_de_toewijzing_op_de_ingangsdatum(route):
    """OP257/R-B8: the old allocation ends the day before the new intensity; a new allocation on
    the same referral holds the new product up to the old end. Care had started on the old one:
    the new one waits for its own start (JW305), which never blocks payment (OP364)."""
    # given a started Wonen allocation 44W05 from 02-03-2026 to 01-03-2027
    oud = gestart_wonen(route)
    # when the toegang changes the intensity to 44W04 from 16-04-2026
    nieuw = wijzig(route, oud)
    # then the old one ends on 15-04-2026 and a new one runs 16-04-2026 … 01-03-2027
    oud.refresh_from_db()
    assert (oud.product.code, oud.begindatum, oud.einddatum, oud.status) == (
        "44W05",
        BEGIN,
        date(2026, 4, 15),
        "gestart",
    )
    assert (nieuw.product.code, nieuw.begindatum, nieuw.einddatum, nieuw.status, nieuw.startdatum_zorg) == (
        "44W04",
        INGANG,
        EINDE,
        "toegewezen",
        None,
    )
    assert (nieuw.verwijzing_id, nieuw.jeugdige_id, nieuw.aanbieder_id, nieuw.gemeente_id, nieuw.soort) == (
        oud.verwijzing_id,
        oud.jeugdige_id,
        oud.aanbieder_id,
        oud.gemeente_id,
        "wonen_verblijf",
    )
    gebeurtenis = Gebeurtenis.objects.get(gebeurtenis="intensiteit_gewijzigd")
    assert (gebeurtenis.object_id, gebeurtenis.gegevens["ingangsdatum"], gebeurtenis.gegevens["nieuwe_toewijzing"]) == (
        oud.pk,
        "2026-04-16",
        nieuw.pk,
    )
    # and the provider starts the new allocation by its own number
    start_zorg(toewijzing=nieuw, startdatum=INGANG, door=route["gebruikers"]["aanbieder"])
    assert Toewijzing.objects.get(pk=nieuw.pk).status == "gestart"


def test_grootboek_van_elke_toewijzing_is_tarief_maal_etmalen_van_haar_periode(route):
    """R-B7/OP257: the old commitment shrinks to 45 nights × € 185 (02-03 … 15-04-2026); the new
    one commits 320 nights × € 150 (16-04-2026 … 01-03-2027)."""
    oud = wonen(route)
    assert _stand(oud) == (Decimal("67525.00"), Decimal("67525.00"), Decimal("0.00"))  # 365 × 185
    nieuw = wijzig(route, oud)
    assert _stand(oud) == (45 * LICHT, 45 * LICHT, Decimal("0.00"))
    assert _stand(nieuw) == (Decimal("48000.00"), Decimal("48000.00"), Decimal("0.00"))
    assert list(Budgetmutatie.objects.filter(toewijzing=oud).order_by("pk").values_list("soort", "bedrag")) == [
        ("vastgelegd", Decimal("67525.00")),
        ("gewijzigd", Decimal("-59200.00")),
    ]


def test_elke_nacht_wordt_op_een_toewijzing_en_een_keer_betaald(route):
    """R-B8/OP257: nights before 16-04-2026 are declared at the old intensity on the old
    allocation, from then on at the new intensity on the new one. A line on the old allocation
    past its new end is refused (TR308), one on the new allocation before its start (TR307)."""
    # given an intensity change from 16-04-2026, to an intensity the provider is registered on (R-B8)
    Inschrijving.objects.create(
        contract=route["aanbieder"].contract_op(BEGIN), product=Product.objects.get(code="44W04"), begindatum=BEGIN
    )
    oud = gestart_wonen(route)
    nieuw = wijzig(route, oud)
    # when the provider declares March and April on both allocations
    declaratie = declareer(
        route,
        [
            etmalen(oud, "W1", date(2026, 3, 2), date(2026, 3, 31), LICHT, "44W05"),
            etmalen(oud, "W2", date(2026, 4, 1), date(2026, 4, 15), LICHT, "44W05"),
            etmalen(nieuw, "W3", INGANG, date(2026, 4, 30), GEZINSHUIS, "44W04"),
            etmalen(oud, "W4", date(2026, 4, 1), date(2026, 4, 30), LICHT, "44W05"),
            etmalen(nieuw, "W5", date(2026, 4, 1), date(2026, 4, 30), GEZINSHUIS, "44W04"),
            etmalen(oud, "W6", INGANG, date(2026, 4, 30), LICHT, "44W05"),
            etmalen(nieuw, "W7", date(2026, 4, 1), date(2026, 4, 15), GEZINSHUIS, "44W04"),
        ],
    )
    # then each night is paid once, at the intensity its allocation holds
    assert _afkeur(declaratie) == [
        ("goedgekeurd", "", ""),
        ("goedgekeurd", "", ""),
        ("goedgekeurd", "", ""),
        ("afgekeurd", "DEC009", "9308"),
        ("afgekeurd", "DEC008", "9307"),
        ("afgekeurd", "DEC008", "9307"),
        ("afgekeurd", "DEC008", "9307"),
    ]
    assert declaratie.goedgekeurd_bedrag == Decimal("10575.00")  # 30 × 185 + 15 × 185 + 15 × 150
    assert _stand(oud) == (Decimal("8325.00"), Decimal("8325.00"), Decimal("8325.00"))
    assert _stand(nieuw) == (Decimal("48000.00"), Decimal("48000.00"), Decimal("2250.00"))


def test_wijziging_geweigerd_als_al_meer_oude_etmalen_zijn_betaald(route):
    """R-B7/R-B8/OP257: March and all of April are already paid at 44W05 (€ 11100); a change
    from 16-04-2026 would shrink the old commitment to € 8325, so it is refused and nothing
    changes."""
    # given 60 nights approved at the old intensity
    oud = gestart_wonen(route)
    betaald = declareer(
        route,
        [
            etmalen(oud, "W1", date(2026, 3, 2), date(2026, 3, 31), LICHT, "44W05"),
            etmalen(oud, "W2", date(2026, 4, 1), date(2026, 4, 30), LICHT, "44W05"),
        ],
    )
    assert betaald.goedgekeurd_bedrag == Decimal("11100.00")
    mutaties = Budgetmutatie.objects.count()
    # when the toegang changes the intensity from 16-04-2026
    with pytest.raises(DomainError, match=r"al zorg na 15-04-2026 goedgekeurd .*regel W2") as fout:
        wijzig(route, oud)
    # then it is refused and nothing changed
    assert (fout.value.code, fout.value.field) == ("TW017", "ingangsdatum")
    assert list(Toewijzing.objects.values_list("pk", "product__code", "einddatum")) == [(oud.pk, "44W05", EINDE)]
    assert _stand(oud) == (Decimal("67525.00"), Decimal("67525.00"), Decimal("11100.00"))
    assert Budgetmutatie.objects.count() == mutaties
    assert not Gebeurtenis.objects.filter(gebeurtenis__startswith="intensiteit_").exists()


@pytest.mark.parametrize("ingangsdatum", [BEGIN, date(2026, 3, 1), date(2027, 3, 2)])
def test_ingangsdatum_buiten_de_toewijzing_geweigerd(route, ingangsdatum):
    """OP257: the new intensity starts after the allocation's first day and no later than its
    last; otherwise nothing changes."""
    oud = wonen(route)
    with pytest.raises(DomainError, match=r"van 03-03-2026 tot en met 01-03-2027 \(OP257\)") as fout:
        wijzig(route, oud, ingangsdatum=ingangsdatum)
    assert (fout.value.code, fout.value.field) == ("TW002", "ingangsdatum")
    assert list(Toewijzing.objects.values_list("pk", "product__code", "einddatum")) == [(oud.pk, "44W05", EINDE)]
    assert _stand(oud) == (Decimal("67525.00"), Decimal("67525.00"), Decimal("0.00"))


def test_geen_contract_voor_nieuwe_intensiteit_geweigerd(route):
    """R-T2/OP257: the provider must be contracted for the new intensity on the new start date."""
    oud = wonen(route)
    with pytest.raises(DomainError, match="geen contract") as fout:
        wijzig(route, oud, product="44W06")
    assert fout.value.field == "aanbieder"
    assert list(Toewijzing.objects.values_list("pk", "product__code", "einddatum")) == [(oud.pk, "44W05", EINDE)]


def test_jw301_meldt_het_einde_van_de_oude_en_de_nieuwe_toewijzing(
    route, monkeypatch, klok, django_capture_on_commit_callbacks
):
    """OP257/JZ002: one JW301 after the commit carries the old allocation with its new Einddatum
    and RedenWijziging 05 (Herbeoordeling verkorting toewijzing: another product) and the new
    allocation under its own ToewijzingNummer without a reason; both pass the XSD."""
    klok(date(2026, 5, 1))  # decisions on the message's day: a later Toewijzingsdatum fails TR134
    monkeypatch.setattr(uitbox, "vandaag", lambda: date(2026, 5, 1))
    with django_capture_on_commit_callbacks(execute=True):
        oud = wonen(route)
    with django_capture_on_commit_callbacks(execute=True):
        nieuw = wijzig(route, oud)
    eerste, bericht = uit(Berichttype.JW301)
    assert bericht.toewijzing_id == oud.pk
    gewijzigd = timezone.localtime(Gebeurtenis.objects.get(gebeurtenis="intensiteit_gewijzigd").tijdstip)
    aangemaakt = timezone.localtime(Toewijzing.objects.get(pk=nieuw.pk).aangemaakt)
    omvang = {"Volume": "7", "Eenheid": "14", "Frequentie": "2", "Categorie": "44"}
    assert producten(bericht) == [
        {
            "ToewijzingNummer": str(oud.pk),
            "Code": "44W05",
            "Toewijzingsdatum": gewijzigd.date().isoformat(),
            "Toewijzingstijd": gewijzigd.strftime("%H:%M:%S"),
            "Ingangsdatum": "2026-03-02",
            "Einddatum": "2026-04-15",
            "RedenWijziging": "05",
            **omvang,
        },
        {
            "ToewijzingNummer": str(nieuw.pk),
            "Code": "44W04",
            "Toewijzingsdatum": aangemaakt.date().isoformat(),
            "Toewijzingstijd": aangemaakt.strftime("%H:%M:%S"),
            "Ingangsdatum": "2026-04-16",
            "Einddatum": "2027-03-01",
            **omvang,
        },
    ]
    assert [r["ToewijzingNummer"] for r in producten(eerste)] == [str(oud.pk)]
    assert len(uit(Berichttype.JW301)) == 2  # the new allocation's own event sends nothing extra


def test_wijziging_geweigerd_als_oude_etmalen_na_de_ingangsdatum_betaald_zijn_ook_binnen_het_bedrag(route):
    """R-B8/OP257 (found by review): only April is paid at the old intensity (€ 5550) and the
    change is dated 1 April; the shortened commitment (€ 5550) would still cover it, but the same
    nights could then be paid again on the new allocation. Refused until those lines are
    credited; nothing changes."""
    oud = gestart_wonen(route)
    betaald = declareer(route, [etmalen(oud, "W2", date(2026, 4, 1), date(2026, 4, 30), LICHT, "44W05")])
    assert betaald.goedgekeurd_bedrag == Decimal("5550.00")
    mutaties = Budgetmutatie.objects.count()
    with pytest.raises(DomainError, match=r"al zorg na 31-03-2026 goedgekeurd") as fout:
        wijzig(route, oud, ingangsdatum=date(2026, 4, 1))
    assert (fout.value.code, fout.value.field) == ("TW017", "ingangsdatum")
    assert list(Toewijzing.objects.values_list("pk", "product__code", "einddatum")) == [(oud.pk, "44W05", EINDE)]
    assert Budgetmutatie.objects.count() == mutaties
