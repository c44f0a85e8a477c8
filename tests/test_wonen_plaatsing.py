"""Wonen/Verblijf after the zorgtoewijzing: matching (R-W5), the bed within 24 hours (R-W6), what
the Wonen tariff covers (R-W4) and ending only with follow-up care (R-W9)."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.toewijzingen.models import Levering, Toewijzing
from jeugdregie.toewijzingen.services import start_zorg, stop_zorg
from jeugdregie.toewijzingen.services.levering import registreer_levering
from jeugdregie.verwijzingen.models import Melding
from jeugdregie.wonen.models import Verblijfsverzoek
from jeugdregie.wonen.services.plaatsing import (
    registreer_plaatsing,
    rond_matching_af,
    start_matching,
    vraag_bed_aan,
)
from jeugdregie.wonen.werkvoorraad import werkvoorraden

from .builders.route import gestart, screen, verwijs
from .builders.wonen import BEGIN, wonen

TZ = ZoneInfo("Europe/Amsterdam")


def _g(route, wie):
    return route["gebruikers"][wie]


def _wonen_gestart(route, **extra):
    toewijzing = wonen(route, **extra)
    return start_zorg(verwijzing=toewijzing.verwijzing, startdatum=BEGIN, door=_g(route, "aanbieder"))


def _werkvoorraad(user, titel, op):
    return next(w for w in werkvoorraden(user, op=op) if w.titel == titel).items


def test_matching_start_en_einde(route):
    """R-W5: the provider records matching start and end, and the placement preference."""
    toewijzing = wonen(route)
    matching = start_matching(toewijzing=toewijzing, startdatum=BEGIN, door=_g(route, "aanbieder"))
    with pytest.raises(DomainError, match="loopt al een matching"):
        start_matching(toewijzing=toewijzing, startdatum=BEGIN, door=_g(route, "aanbieder"))
    rond_matching_af(matching=matching, einddatum=date(2026, 4, 15), voorkeur="netwerk", door=_g(route, "aanbieder"))
    matching.refresh_from_db()
    assert (matching.einddatum, matching.voorkeur, matching.duur(date(2030, 1, 1)).days) == (
        date(2026, 4, 15),
        "netwerk",
        44,
    )


def test_leefgroep_vraagt_motivering(route):
    """R-W5: network/family → family form → leefgroep, and a leefgroep is motivated."""
    matching = start_matching(toewijzing=wonen(route), startdatum=BEGIN, door=_g(route, "aanbieder"))
    with pytest.raises(DomainError, match="Een leefgroep komt pas na netwerk en gezinsvorm"):
        rond_matching_af(matching=matching, einddatum=BEGIN, voorkeur="leefgroep", door=_g(route, "aanbieder"))
    matching.refresh_from_db()
    assert matching.einddatum is None
    rond_matching_af(
        matching=matching,
        einddatum=BEGIN,
        voorkeur="leefgroep",
        motivering="Geen pleeggezin met ervaring met deze zorgvraag beschikbaar.",
        door=_g(route, "aanbieder"),
    )


def test_matching_langer_dan_drie_maanden_op_werkvoorraad(route):
    """R-W5: matching should complete within 3 months; longer shows on the toegang's worklist."""
    matching = start_matching(toewijzing=wonen(route), startdatum=BEGIN, door=_g(route, "aanbieder"))
    titel = "Matching langer dan de norm"
    assert _werkvoorraad(_g(route, "toegang"), titel, BEGIN + timedelta(days=91)) == []
    assert _werkvoorraad(_g(route, "toegang"), titel, BEGIN + timedelta(days=92)) == [matching]
    assert _werkvoorraad(_g(route, "toegang_andere_gemeente"), titel, BEGIN + timedelta(days=92)) == []
    assert matching.over_norm(BEGIN + timedelta(days=92)) and not matching.over_norm(BEGIN + timedelta(days=91))


def test_bed_binnen_24_uur(route, klok):
    """R-W6: request and placement timestamps are recorded; within 24 hours or not follows. The
    request time is the server's moment of the request (R-B9)."""
    toewijzing = wonen(route)
    aanvraag = klok(datetime(2026, 3, 2, 14, 0, tzinfo=TZ))
    verzoek = vraag_bed_aan(toewijzing=toewijzing, door=_g(route, "toegang"))
    assert verzoek.aangevraagd_op == aanvraag
    with pytest.raises(DomainError, match="voor de aanvraag"):
        registreer_plaatsing(verzoek=verzoek, geplaatst_op=aanvraag - timedelta(minutes=1), door=_g(route, "aanbieder"))
    titel = "Verblijfsbed niet binnen 24 uur"
    assert _werkvoorraad(_g(route, "toegang"), titel, date(2026, 3, 2)) == []
    registreer_plaatsing(
        verzoek=verzoek, geplaatst_op=aanvraag + timedelta(hours=24, minutes=1), door=_g(route, "aanbieder")
    )
    verzoek.refresh_from_db()
    assert verzoek.geplaatst_op == aanvraag + timedelta(hours=24, minutes=1)
    assert not verzoek.binnen_norm(verzoek.geplaatst_op)
    assert _werkvoorraad(_g(route, "toegang"), titel, date(2026, 3, 3)) == [verzoek]


def test_bed_alleen_door_toegang_van_de_gemeente(route):
    """R-W6 with R-A2: the toegang of the municipality requests the bed."""
    with pytest.raises(DomainError, match="andere gemeente"):
        vraag_bed_aan(toewijzing=wonen(route), door=_g(route, "toegang_andere_gemeente"))
    assert not Verblijfsverzoek.objects.exists()


def test_wonen_tarief_bevat_geen_behandeling(route):
    """R-W4: treatment, support and day care are never inside the Wonen tariff: they need a
    separate ambulant allocation."""
    toewijzing = _wonen_gestart(route)
    with pytest.raises(DomainError, match="valt niet onder deze zorgtoewijzing Wonen/Verblijf"):
        registreer_levering(
            toewijzing=toewijzing,
            product=Product.objects.get(code="45A03"),
            maand=date(2026, 3, 1),
            volume=4,
            door=_g(route, "aanbieder"),
        )
    with pytest.raises(DomainError, match="valt niet onder deze zorgtoewijzing Wonen/Verblijf"):
        registreer_levering(
            toewijzing=toewijzing,
            product=Product.objects.get(code="41D01"),
            maand=date(2026, 3, 1),
            volume=4,
            door=_g(route, "aanbieder"),
        )
    assert not Levering.objects.exists()
    levering = registreer_levering(
        toewijzing=toewijzing,
        product=toewijzing.product,
        maand=date(2026, 3, 1),
        volume=30,
        door=_g(route, "aanbieder"),
    )
    assert levering.bedrag > Decimal("0")
    ambulant = gestart(route)  # the separate ambulant allocation carries the treatment
    registreer_levering(
        toewijzing=ambulant,
        product=Product.objects.get(code="45A03"),
        maand=date(2026, 3, 1),
        volume=4,
        door=_g(route, "aanbieder"),
    )
    with pytest.raises(DomainError, match="eigen zorgtoewijzing"):
        registreer_levering(
            toewijzing=ambulant,
            product=Product.objects.get(code="44W05"),
            maand=date(2026, 4, 1),
            volume=4,
            door=_g(route, "aanbieder"),
        )


def _stop(route, toewijzing, **extra):
    return stop_zorg(
        toewijzing=toewijzing,
        stopdatum=extra.pop("stopdatum", date(2026, 9, 30)),
        reden="31",
        resultaatscore="behaald",
        overleg_met_verwijzer=True,
        door=_g(route, "aanbieder"),
        gemeld_op=extra.pop("gemeld_op", date(2026, 9, 30)),
        **extra,
    )


def test_verblijf_eindigt_niet_zonder_vervolgzorg(route):
    """R-W9: Verblijf cannot end while follow-up care is not arranged."""
    toewijzing = _wonen_gestart(route)
    with pytest.raises(DomainError, match="zolang de vervolgzorg niet geregeld is"):
        _stop(route, toewijzing)
    toewijzing.refresh_from_db()
    assert toewijzing.status == "gestart" and toewijzing.stopdatum_zorg is None
    with pytest.raises(DomainError, match="geen lopende toewijzing"):
        _stop(route, toewijzing, vervolgzorg=toewijzing)
    vervolg = gestart(route)
    _stop(route, toewijzing, vervolgzorg=vervolg)
    toewijzing.refresh_from_db()
    assert (toewijzing.status, toewijzing.vervolgzorg) == ("gestopt", vervolg)


def test_vervolg_buiten_jeugdhulp_vastgelegd(route):
    """R-W9: a follow-up outside youth care (e.g. Beschermd Wonen) can be recorded instead."""
    toewijzing = _wonen_gestart(route)
    _stop(route, toewijzing, vervolg_toelichting="Beschermd Wonen via de Wmo per 1 oktober.")
    toewijzing.refresh_from_db()
    assert toewijzing.vervolg_toelichting.startswith("Beschermd Wonen")


def test_vroeg_einde_gemeld_aan_verwijzer_en_andere_aanbieders(route):
    """R-W9: an early end is reported to the referrer and the other providers involved."""
    toewijzing = _wonen_gestart(route)
    verwijzing = verwijs(route, aanbieder="andere_aanbieder")
    screen(route, verwijzing, door="andere_aanbieder", op=verwijzing.datum)
    vervolg = start_zorg(verwijzing=verwijzing, startdatum=BEGIN, door=_g(route, "andere_aanbieder"))
    Melding.objects.all().delete()
    _stop(route, toewijzing, vervolgzorg=vervolg)
    onderwerpen = set(Melding.objects.values_list("onderwerp", "aan_gemeente_id", "aan_aanbieder_id"))
    vroeg = f"Verblijf eerder beëindigd dan toegewezen (toewijzing {toewijzing.pk})"
    assert (vroeg, route["zwolle"].pk, None) in onderwerpen
    assert (vroeg, None, route["andere_aanbieder"].pk) in onderwerpen


def test_einde_op_tijd_geen_afwijkingsmelding(route):
    """R-W9: an end on the allocated end date, reported on time, is not an early/late end."""
    toewijzing = _wonen_gestart(route, einddatum=date(2026, 9, 30))
    Melding.objects.all().delete()
    _stop(route, toewijzing, vervolg_toelichting="Terug naar huis; geen hulp meer nodig.")
    assert not Melding.objects.filter(onderwerp__startswith="Verblijf eerder").exists()
    assert not Melding.objects.filter(onderwerp__startswith="Einde verblijf te laat").exists()


def test_verblijf_eindigt_zonder_vervolg_op_werkvoorraad(route):
    """R-W9: Verblijf ending within 8 weeks without follow-up shows on the toegang's worklist."""
    toewijzing = _wonen_gestart(route, einddatum=date(2026, 9, 30))
    titel = "Verblijf eindigt zonder vervolgzorg"
    assert _werkvoorraad(_g(route, "toegang"), titel, date(2026, 7, 1)) == []
    assert _werkvoorraad(_g(route, "toegang"), titel, date(2026, 8, 10)) == [toewijzing]
    gestart(route)  # an ambulant allocation running past the end: follow-up arranged
    Toewijzing.objects.filter(soort="keuzebudget").update(einddatum=date(2027, 1, 31))
    assert _werkvoorraad(_g(route, "toegang"), titel, date(2026, 8, 10)) == []
