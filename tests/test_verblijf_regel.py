"""R-W7 (issue 21 correction): a crisis bed (crisisbed, crisisopvang nights) is Verblijf, decided
by the one rule of ``toewijzingen.verblijf`` in every place that asks."""

from datetime import date

import pytest

from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.crisis.services import besluit_crisisopvolging
from jeugdregie.jeugdigen.services import registreer_verhuizing
from jeugdregie.jeugdigen.woonplaatsbeginsel import Grond, verantwoordelijke_gemeente
from jeugdregie.overdracht.models import Overdracht
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services.beeindigen import beeindig_bij_verhuizing
from jeugdregie.toewijzingen.services.zorg import stop_zorg
from jeugdregie.toewijzingen.verblijf import is_verblijfsproduct, met_verblijf, met_verblijf_q, verblijfsproduct_q
from jeugdregie.wonen.services.plaatsing import vraag_bed_aan

from .builders.crisis import aanvraag, beoordeel, meld

VERHUISD = date(2026, 6, 1)


def _crisisopvolging(crisis, klok, product, django_capture_on_commit_callbacks):
    klok(date(2026, 6, 2))
    extra = {"bed_onvermijdelijk": "Thuis niet veilig."} if product == "46C03" else {}
    verzoek = aanvraag(
        crisis, beoordeel(crisis, meld(crisis)), ingediend_op=date(2026, 4, 27), product=product, **extra
    )
    with django_capture_on_commit_callbacks(execute=True):
        besluit_crisisopvolging(
            verzoek=verzoek,
            toekennen=True,
            einddatum=date(2026, 6, 30),
            volume=None if product == "46C03" else "40",
            door=crisis["gebruikers"]["toegang"],
        )
    verzoek.refresh_from_db()
    return verzoek.toewijzing


def test_regel_in_python_en_in_de_query_is_dezelfde(route):
    """R-W7: the crisisbed and every Wonen/Verblijf product are Verblijf, hours of crisis
    follow-up, ambulant care and dyslexia are not; the query side agrees product by product."""
    in_query = set(Product.objects.filter(verblijfsproduct_q()).values_list("code", flat=True))
    assert {p.code for p in Product.objects.all() if is_verblijfsproduct(p)} == in_query
    assert "46C03" in in_query and "44W05" in in_query and "43W10" in in_query
    assert not {"46C01", "46C02", "45A03", "41D01", "45L01"} & in_query


def test_crisisbed_houdt_de_gemeente_van_voor_het_verblijf(crisis, klok, django_capture_on_commit_callbacks):
    """R-W7 with R-D3: during a crisis-bed stay the municipality of the address before the stay
    stays responsible after a move: no handover, and a move does not end the bed."""
    bed = _crisisopvolging(crisis, klok, "46C03", django_capture_on_commit_callbacks)
    assert met_verblijf(bed) and Toewijzing.objects.filter(met_verblijf_q(), pk=bed.pk).exists()
    registreer_verhuizing(jeugdige=crisis["jeugdige_zwolle"], gemeente=crisis["deventer"], per=VERHUISD)
    uitkomst = verantwoordelijke_gemeente(crisis["jeugdige_zwolle"], date(2026, 6, 10))
    assert (uitkomst.gemeente_id, uitkomst.grond, uitkomst.verblijf_sinds) == (
        crisis["zwolle"].pk,
        Grond.VOOR_VERBLIJF,
        bed.begindatum,
    )
    assert not Overdracht.objects.exists()
    with pytest.raises(DomainError, match="Een verblijf blijft bij de gemeente van het adres van vóór het verblijf"):
        beeindig_bij_verhuizing(toewijzing=bed, verhuisdatum=VERHUISD, door=crisis["gebruikers"]["toegang"])
    bed.refresh_from_db()
    assert bed.einddatum == date(2026, 6, 30)


def test_uren_crisisopvolging_is_geen_verblijf(crisis, klok, django_capture_on_commit_callbacks):
    """R-W7 contrast: hours of crisis follow-up are ambulant: after the move the new
    municipality is responsible and the allocation is handed over."""
    uren = _crisisopvolging(crisis, klok, "46C02", django_capture_on_commit_callbacks)
    assert not met_verblijf(uren)
    registreer_verhuizing(jeugdige=crisis["jeugdige_zwolle"], gemeente=crisis["deventer"], per=VERHUISD)
    uitkomst = verantwoordelijke_gemeente(crisis["jeugdige_zwolle"], date(2026, 6, 10))
    assert (uitkomst.gemeente_id, uitkomst.verblijf_sinds) == (crisis["deventer"].pk, None)
    assert [r.toewijzing_id for r in Overdracht.objects.get().regels.all()] == [uren.pk]


def test_crisisbed_eindigt_niet_zonder_vervolgzorg(crisis, klok, django_capture_on_commit_callbacks):
    """R-W7 with R-W9: a crisis bed is Verblijf, so it ends only with follow-up arranged."""
    bed = _crisisopvolging(crisis, klok, "46C03", django_capture_on_commit_callbacks)
    stop = {
        "stopdatum": date(2026, 5, 29),
        "reden": "31",
        "resultaatscore": "behaald",
        "overleg_met_verwijzer": True,
        "door": crisis["gebruikers"]["crisisdienst"],
        "gemeld_op": date(2026, 6, 2),
    }
    with pytest.raises(DomainError, match="zolang de vervolgzorg niet geregeld is"):
        stop_zorg(toewijzing=bed, **stop)
    bed.refresh_from_db()
    assert (bed.status, bed.stopdatum_zorg) == ("gestart", None)
    stop_zorg(toewijzing=bed, vervolg_toelichting="Terug naar huis met ambulante hulp.", **stop)
    bed.refresh_from_db()
    assert (bed.status, bed.stopdatum_zorg) == ("gestopt", date(2026, 5, 29))


def test_verblijfsbed_aanvragen_bij_crisisbed_niet_bij_uren(crisis, klok, django_capture_on_commit_callbacks):
    """R-W7 with R-W6: a verblijfsbed belongs to a stay: a crisis bed yes, hours of crisis
    follow-up no (nothing is recorded)."""
    from jeugdregie.wonen.models import Verblijfsverzoek

    bed = _crisisopvolging(crisis, klok, "46C03", django_capture_on_commit_callbacks)
    assert vraag_bed_aan(toewijzing=bed, door=crisis["gebruikers"]["toegang"]).toewijzing == bed
    uren = Toewijzing.objects.get(pk=bed.pk)
    uren.pk = None
    uren.product = Product.objects.get(code="46C02")
    uren.save()
    with pytest.raises(DomainError, match="Een verblijfsbed hoort bij"):
        vraag_bed_aan(toewijzing=uren, door=crisis["gebruikers"]["toegang"])
    assert Verblijfsverzoek.objects.count() == 1
