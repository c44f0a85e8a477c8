"""Crisis function (SPEC §4.4, R-C1…R-C4)."""

from datetime import date, timedelta

import pytest

from jeugdregie.accounts.constants import Rol
from jeugdregie.common.errors import DomainError
from jeugdregie.crisis.models import Crisismelding, Crisisopvolgingsverzoek
from jeugdregie.crisis.services import (
    beoordeel_crisis,
    besluit_crisisopvolging,
    uiterste_aanvraagdatum,
)
from jeugdregie.crisis.werkvoorraad import werkvoorraden
from jeugdregie.toewijzingen.models import Toewijzing

from .builders.crisis import GEMELD, aanvraag, beoordeel, meld


def test_crisisfunctie_zonder_toewijzing(crisis):
    """R-C1: no allocation is needed for the crisis function itself."""
    assert not Toewijzing.objects.filter(jeugdige=crisis["jeugdige_zwolle"]).exists()
    melding = beoordeel(crisis, meld(crisis), uitkomst="reguliere_hulp")
    assert melding.uitkomst == "reguliere_hulp"
    assert not Toewijzing.objects.exists()


@pytest.mark.parametrize("bron", ["toegang", "veilig_thuis", "huisarts", "aanbieder", "gi"])
def test_meldingen_via_de_vijf_bronnen(crisis, bron):
    """R-C4: reports come in via toegang, Veilig Thuis, GP, a provider or a GI."""
    assert meld(crisis, bron=bron).bron == bron


def test_onbekende_bron_geweigerd(crisis):
    """R-C4: no other source exists."""
    with pytest.raises(DomainError, match="Een crisismelding komt binnen via"):
        meld(crisis, bron="school")
    assert not Crisismelding.objects.exists()


def test_huiselijk_geweld_volgt_veilig_thuis(crisis):
    """R-C4: domestic violence and child abuse follow the Veilig Thuis route (outside this contract)."""
    melding = meld(crisis, huiselijk_geweld=True)
    with pytest.raises(DomainError, match="Veilig Thuis"):
        beoordeel(crisis, melding, uitkomst="crisisopvolging")
    melding.refresh_from_db()
    assert melding.beoordeeld_op is None
    assert beoordeel(crisis, melding, uitkomst="veilig_thuis").uitkomst == "veilig_thuis"
    with pytest.raises(DomainError, match="De route Veilig Thuis is voor huiselijk geweld"):
        beoordeel(crisis, meld(crisis), uitkomst="veilig_thuis")


def test_beoordeling_binnen_vier_uur(crisis):
    """R-C3: report time, assessment time and outcome; assessed within 4 hours or not."""
    op_tijd = beoordeel(crisis, meld(crisis), na=timedelta(hours=4))
    te_laat = beoordeel(crisis, meld(crisis), na=timedelta(hours=4, minutes=1))
    assert (op_tijd.gemeld_op, op_tijd.beoordeeld_op) == (GEMELD, GEMELD + timedelta(hours=4))
    assert op_tijd.binnen_norm(op_tijd.beoordeeld_op)
    assert not te_laat.binnen_norm(te_laat.beoordeeld_op)
    with pytest.raises(DomainError, match="voor de melding"):
        beoordeel(crisis, meld(crisis), na=timedelta(minutes=-5))


def test_alleen_crisisdienst_beoordeelt(crisis):
    """R-C3: the crisisdienst assesses."""
    melding = meld(crisis)
    with pytest.raises(DomainError, match="crisisdienst"):
        beoordeel_crisis(
            melding=melding,
            beoordeeld_op=GEMELD,
            hulp_binnen_24_uur=True,
            uitkomst="geen_vervolg",
            afhandeling="telefonisch",
            door=crisis["gebruikers"]["aanbieder"],
        )


def test_aanvraag_binnen_drie_werkdagen_met_feestdagen(crisis):
    """R-C2: within 3 working days, Dutch public holidays excluded: started Friday 24 April 2026,
    Koningsdag is Monday 27 April, so the deadline is Thursday 30 April (not Wednesday 29)."""
    assert uiterste_aanvraagdatum(date(2026, 4, 24)) == date(2026, 4, 30)
    melding = beoordeel(crisis, meld(crisis))
    op_tijd = aanvraag(crisis, melding, ingediend_op=date(2026, 4, 30))
    te_laat = aanvraag(crisis, melding, ingediend_op=date(2026, 5, 1))
    assert (op_tijd.uiterlijk, op_tijd.te_laat, te_laat.te_laat) == (date(2026, 4, 30), False, True)


def test_crisisopvolging_achteraf_toegewezen(crisis):
    """R-C2: crisisopvolging starts at once and is allocated retroactively from its start."""
    melding = beoordeel(crisis, meld(crisis))
    verzoek = aanvraag(crisis, melding, ingediend_op=date(2026, 4, 28))
    lijst = next(
        w for w in werkvoorraden(crisis["gebruikers"]["toegang"], op=date(2026, 4, 28)) if "achteraf" in w.titel
    )
    assert lijst.items == [verzoek]
    with pytest.raises(DomainError, match="andere gemeente"):
        besluit_crisisopvolging(
            verzoek=verzoek,
            toekennen=True,
            einddatum=date(2026, 6, 30),
            volume="40",
            door=crisis["gebruikers"]["toegang_andere_gemeente"],
        )
    besluit_crisisopvolging(
        verzoek=verzoek, toekennen=True, einddatum=date(2026, 6, 30), volume="40", door=crisis["gebruikers"]["toegang"]
    )
    verzoek.refresh_from_db()
    toewijzing = verzoek.toewijzing
    assert (toewijzing.soort, toewijzing.begindatum, toewijzing.startdatum_zorg, toewijzing.status) == (
        "crisisopvolging",
        date(2026, 4, 24),
        date(2026, 4, 24),
        "gestart",
    )
    with pytest.raises(DomainError, match="kan niet meer"):
        besluit_crisisopvolging(verzoek=verzoek, toekennen=False, motivering="x", door=crisis["gebruikers"]["toegang"])


def test_crisisbed_alleen_als_onvermijdelijk(crisis):
    """R-C3: ambulant spoedhulp first; a crisis bed only if unavoidable (motivated)."""
    melding = beoordeel(crisis, meld(crisis))
    with pytest.raises(DomainError, match="onvermijdelijk"):
        aanvraag(crisis, melding, ingediend_op=date(2026, 4, 27), product="46C03")
    assert not Crisisopvolgingsverzoek.objects.exists()
    verzoek = aanvraag(
        crisis, melding, ingediend_op=date(2026, 4, 27), product="46C03", bed_onvermijdelijk="Thuis niet veilig."
    )
    assert verzoek.product.code == "46C03"


def test_crisisopvolging_alleen_na_uitkomst_crisisopvolging(crisis):
    """R-C3: the crisisdienst decides the next step; only then is crisisopvolging requested."""
    melding = beoordeel(crisis, meld(crisis), uitkomst="reguliere_hulp")
    with pytest.raises(DomainError, match="uitkomst crisisopvolging"):
        aanvraag(crisis, melding, ingediend_op=date(2026, 4, 27))


def test_afwijzing_vraagt_motivering(crisis):
    verzoek = aanvraag(crisis, beoordeel(crisis, meld(crisis)), ingediend_op=date(2026, 4, 27))
    with pytest.raises(DomainError, match="Motiveer"):
        besluit_crisisopvolging(verzoek=verzoek, toekennen=False, door=crisis["gebruikers"]["toegang"])
    verzoek.refresh_from_db()
    assert verzoek.status == "ingediend"
    assert crisis["gebruikers"]["toegang"].rol == Rol.TOEGANG


def test_beoordeling_legt_de_afhandeling_vast(crisis):
    """R-C5, R-C3: the assessment records phone only or a crisis intervention carried out; without
    it, or crisisopvolging after a phone call only, it is refused and nothing changes."""
    melding = meld(crisis)
    with pytest.raises(DomainError) as fout:
        beoordeel(crisis, melding, uitkomst="geen_vervolg", afhandeling="")
    assert fout.value.field == "afhandeling" and "telefonisch" in fout.value.message
    with pytest.raises(DomainError) as fout:
        beoordeel(crisis, melding, uitkomst="crisisopvolging", afhandeling="telefonisch")
    assert "crisisinterventie" in fout.value.message
    melding.refresh_from_db()
    assert (melding.beoordeeld_op, melding.uitkomst, melding.afhandeling) == (None, "", "")
    beoordeel(crisis, melding, uitkomst="geen_vervolg", afhandeling="telefonisch")
    melding.refresh_from_db()
    assert (melding.uitkomst, melding.afhandeling) == ("geen_vervolg", "telefonisch")


def test_gemeente_volgt_het_woonplaatsbeginsel_niet_de_keuze_van_de_crisisdienst(crisis):
    """R-C5 with R-D3: the municipality whose profijt key counts a crisis intervention is the
    responsible one by the woonplaatsbeginsel for a child in the register, not the one the
    crisisdienst states: Zara lives in Zwolle, so a report stated for Deventer counts for Zwolle;
    after her move to Deventer a report stated for Zwolle counts for Deventer. For a BSN the
    register does not know the stated municipality stands, and neither case is refused (R-P4:
    the answer does not tell the crisisdienst whether the BSN is known)."""
    from jeugdregie.jeugdigen.bsn import bsn_reeks
    from jeugdregie.jeugdigen.models import Woonplaats

    zwolle, deventer = crisis["zwolle"], crisis["deventer"]
    assert meld(crisis, gemeente=deventer).gemeente == zwolle
    onbekend = next(bsn_reeks(90_000_000))
    assert meld(crisis, gemeente=deventer, bsn=onbekend).gemeente == deventer
    assert meld(crisis, gemeente=deventer, bsn="").gemeente == deventer
    jeugdige = crisis["jeugdige_zwolle"]
    Woonplaats.objects.filter(jeugdige=jeugdige, einddatum__isnull=True).update(einddatum=date(2026, 1, 31))
    Woonplaats.objects.create(jeugdige=jeugdige, gemeente=deventer, begindatum=date(2026, 2, 1))
    assert meld(crisis, gemeente=zwolle).gemeente == deventer
