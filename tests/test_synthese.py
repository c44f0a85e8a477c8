import itertools
from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.db.models import Count, Sum

from jeugdregie.accounts.models import Gebruiker
from jeugdregie.catalogus.constants import GEZINSVORMEN, Woonvorm
from jeugdregie.common.periods import plus_werkdagen
from jeugdregie.crisis.models import Crisismelding, Crisisopvolgingsverzoek
from jeugdregie.hswv.models import HswvInzet
from jeugdregie.hulpverlening.models import Hulpverleningsplan, PlanAfspraak, Voortgang
from jeugdregie.jeugdigen.bsn import is_geldig_bsn
from jeugdregie.jeugdigen.models import Betrokkenheid, Jeugdige, Woonplaats
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.organisaties.models import Aanbieder, Contract, ContractProduct, Gemeente, Inschrijving, Verwijzer
from jeugdregie.portaal.werkvoorraden import route_werkvoorraden as werkvoorraden
from jeugdregie.synthese.demogebruikers import maak_demogebruikers
from jeugdregie.synthese.regio import PEILDATUM, genereer_regio
from jeugdregie.toewijzingen.constants import WEIGERINGEN
from jeugdregie.toewijzingen.models import (
    Aanpassingsaanvraag,
    Levering,
    Screening,
    Toewijzing,
    Weigeringsopvolging,
)
from jeugdregie.toewijzingen.services.screenen import verplichte_inschrijving
from jeugdregie.verwijzingen.constants import Gebeurtenissoort
from jeugdregie.verwijzingen.models import Gebeurtenis, Keuzebudget, Melding, Resultaat, Verwijzing
from jeugdregie.wonen.constants import INTENSITEITEN_PER_WOONVORM
from jeugdregie.wonen.models import Matching, Verblijfsverzoek

from .builders.synthese import wis_jeugdigen

# Generates a demo region per test: deselect with -m "not slow" (issue 16 §6).
pytestmark = pytest.mark.slow

HUISARTSROUTE = ("02", "03", "05")
TRAJECTMODELLEN = (
    Verwijzing,
    Resultaat,
    Keuzebudget,
    Toewijzing,
    Screening,
    Weigeringsopvolging,
    Aanpassingsaanvraag,
    Levering,
    Matching,
    Verblijfsverzoek,
    Crisismelding,
    Crisisopvolgingsverzoek,
    HswvInzet,
    Hulpverleningsplan,
    PlanAfspraak,
    Voortgang,
    Melding,
    Betrokkenheid,
)


def stil(_):
    return None


def _momentopname():
    return list(
        Jeugdige.objects.order_by("bsn", "woonplaatsen__begindatum").values_list(
            "bsn", "voornamen", "achternaam", "geboortedatum", "geslacht", "woonplaatsen__gemeente__cbs_code"
        )
    )


def _trajecten():
    """The trajectories by natural keys (ids may differ between runs)."""
    velden = ("jeugdige__bsn", "aanbieder__agb_code", "datum", "verwijzer_type", "status", "keuzebudget__bedrag")
    return (
        list(Verwijzing.objects.order_by(*velden).values_list(*velden)),
        sorted(Counter(Toewijzing.objects.values_list("soort", "status", "reden_beeindiging")).items()),
        Levering.objects.aggregate(n=Count("id"), s=Sum("bedrag")),
        Crisismelding.objects.count(),
    )


def _tellingen():
    return [
        m.objects.count() for m in (Gemeente, Aanbieder, Contract, Verwijzer, Jeugdige, Woonplaats, *TRAJECTMODELLEN)
    ]


def test_regio_is_deterministisch_en_idempotent(catalogus):
    """Issue 2 §7: deterministic per seed; a second run duplicates nothing, trajectories included."""
    eerste = genereer_regio(peildatum=PEILDATUM, schaal=0.02, seed=7, melden=stil)
    momentopname, trajecten, tellingen = _momentopname(), _trajecten(), _tellingen()
    tweede = genereer_regio(peildatum=PEILDATUM, schaal=0.02, seed=7, melden=stil)
    assert tweede.jeugdigen_nieuw == 0 and eerste.jeugdigen_nieuw == eerste.jeugdigen_totaal
    assert eerste.trajecten.totaal > 0 and not eerste.trajecten.overgeslagen
    assert tweede.trajecten.overgeslagen and tweede.trajecten.totaal == 0
    assert _tellingen() == tellingen
    wis_jeugdigen()
    genereer_regio(peildatum=PEILDATUM, schaal=0.02, seed=7, melden=stil)
    assert _momentopname() == momentopname
    assert _trajecten() == trajecten


def test_andere_seed_geeft_andere_regio(catalogus):
    genereer_regio(peildatum=PEILDATUM, schaal=0.01, seed=1, melden=stil)
    een, trajecten = _momentopname(), _trajecten()
    wis_jeugdigen()
    genereer_regio(peildatum=PEILDATUM, schaal=0.01, seed=2, melden=stil)
    assert _momentopname() != een
    assert _trajecten() != trajecten


def test_regio_volgt_spec_verhoudingen(catalogus):
    """SPEC §2: 11 municipalities at real sizes, ≈12% of young people in care, valid BSNs,
    every young person with exactly one current residence."""
    resultaat = genereer_regio(peildatum=PEILDATUM, schaal=0.1, seed=42, melden=stil)
    assert Gemeente.objects.count() == 11
    assert Gemeente.objects.get(cbs_code="0193").jeugdigen == 26617
    assert 110_000 < sum(Gemeente.objects.values_list("jeugdigen", flat=True)) < 116_000
    assert 11_000 < resultaat.jeugdigen_totaal < 11_600
    assert 0.10 < resultaat.in_zorg / resultaat.jeugdigen_totaal < 0.14
    assert all(is_geldig_bsn(b) for b in Jeugdige.objects.values_list("bsn", flat=True))
    assert Woonplaats.objects.filter(einddatum__isnull=True).count() == Jeugdige.objects.count()
    assert Woonplaats.objects.filter(einddatum__isnull=False).exists()  # some moved
    # sight (R-P1): every young person in care is seen by a provider; the demo adds a few more
    gezien = Betrokkenheid.objects.filter(aanbieder__isnull=False).values("jeugdige").distinct().count()
    assert resultaat.in_zorg <= gezien <= resultaat.in_zorg + 50
    assert Inschrijving.objects.exists()
    assert Aanbieder.objects.count() == 15


def test_trajecten_volgen_spec_verhoudingen(catalogus):
    """SPEC §2, §4.2, §5, §6: referrer mix (toegang 45%, GP 35%, youth doctor 5%, medical
    specialist 7%, GI 8%), ≈90% accepted at screening, Wonen/Verblijf for ≈1.2% of the young
    inhabitants, exactly round(94 × schaal) out-of-hours crisis calls a year, ≈8% adjustment
    requests with all four reasons and mostly reason 3."""
    genereer_regio(peildatum=PEILDATUM, schaal=0.1, seed=42, melden=stil)
    met_budget = Verwijzing.objects.filter(keuzebudget__isnull=False)
    aantal = met_budget.count()
    assert aantal > 2_000
    aandeel = {k: v / aantal for k, v in Counter(met_budget.values_list("verwijzer_type", flat=True)).items()}
    for soort, verwacht in {"01": 0.45, "02": 0.35, "03": 0.05, "05": 0.07, "04": 0.08, "08": 0.01}.items():
        assert abs(aandeel[soort] - verwacht) < 0.03, (soort, aandeel)
    geaccepteerd = Screening.objects.filter(uitkomst="geaccepteerd").count() / Screening.objects.count()
    assert 0.87 < geaccepteerd < 0.93
    assert set(Screening.objects.values_list("uitkomst", flat=True)) == {
        "geaccepteerd",
        "te_zwaar",
        "te_licht",
        "zwaarwegend",
        "andere_aanbieder",
    }
    assert not Screening.objects.filter(uitkomst="zwaarwegend", toelichting="").exists()  # R-S2
    wonen = Toewijzing.objects.filter(soort="wonen_verblijf").values("jeugdige").distinct().count()
    assert 0.010 < wonen / Jeugdige.objects.count() < 0.014
    jaren = range(2022, PEILDATUM.year)
    per_jaar = Counter(Crisismelding.objects.filter(buiten_kantoortijd=True).values_list("gemeld_op__year", flat=True))
    assert all(per_jaar[jaar] == round(94 * 0.1) for jaar in jaren), per_jaar
    assert Crisismelding.objects.filter(buiten_kantoortijd=False).count() > 0
    aanvragen = Counter(Aanpassingsaanvraag.objects.values_list("reden", flat=True))
    assert 0.05 < sum(aanvragen.values()) / Keuzebudget.objects.count() < 0.11
    assert set(aanvragen) == {"1", "2", "3", "4"} and aanvragen.most_common(1)[0][0] == "3"
    assert Aanpassingsaanvraag.objects.filter(status="ingediend").exists()
    assert Aanpassingsaanvraag.objects.filter(te_laat=True).exists()
    assert not Aanpassingsaanvraag.objects.exclude(status="ingediend").filter(motivering="").exists()  # R-A5
    assert Toewijzing.objects.filter(status="gestopt", reden_beeindiging="31").count() > 0.7 * (
        Toewijzing.objects.filter(status="gestopt").count()
    )
    assert not Toewijzing.objects.filter(status="gestopt", resultaatscore="").exists()  # R-H5
    assert HswvInzet.objects.exists() and PlanAfspraak.objects.exists() and Voortgang.objects.exists()


def test_huisartsroute_alleen_herstel_2_of_4_en_gi_altijd_offerte(catalogus):
    """R-T6: via the GP route only keuzebudget herstel 2 or 4; R-T7: a GI always with an offerte
    (no level, an amount); R-T8: at most one (not refused) GP-route referral per young person."""
    genereer_regio(peildatum=PEILDATUM, schaal=0.05, seed=11, melden=stil)
    huisarts = Keuzebudget.objects.filter(verwijzing__verwijzer_type__in=HUISARTSROUTE)
    assert huisarts.count() > 100
    assert set(huisarts.values_list("soort", "niveau", "is_offerte").distinct()) == {
        ("herstel", 2, False),
        ("herstel", 4, False),
    }
    gi = Keuzebudget.objects.filter(verwijzing__verwijzer_type="04")
    assert gi.exists()
    assert not gi.exclude(is_offerte=True, niveau__isnull=True, bedrag__gt=0).exists()
    dubbel = (
        Verwijzing.objects.filter(verwijzer_type__in=HUISARTSROUTE)
        .exclude(status__in=["niet_geaccepteerd", "ingetrokken"])
        .values("jeugdige")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not dubbel.exists()
    assert not Verwijzing.objects.filter(is_verlenging=True, verwijzer_type__in=HUISARTSROUTE).exists()


def _gedekt(regels, begin, einde):
    return any(van <= begin and (tot is None or einde <= tot) for van, tot in regels)


def test_geen_toewijzing_of_levering_buiten_contract_of_budget(catalogus):
    """R-T2: every allocation lies inside its provider's contract (and product line); deliveries
    fall inside the care period and the contract, never above the keuzebudget (R-T1); Wonen
    allocations carry only their own intensity (R-W4), last at most a year (R-W3) and end
    before 18 (R-W7)."""
    genereer_regio(peildatum=PEILDATUM, schaal=0.05, seed=5, melden=stil, vandaag=date(2026, 6, 15))
    contracten, lijnen = {}, {}
    for aanbieder, begin, einde in Contract.objects.values_list("aanbieder_id", "begindatum", "einddatum"):
        contracten.setdefault(aanbieder, []).append((begin, einde))
    for aanbieder, product, begin, einde in ContractProduct.objects.values_list(
        "contract__aanbieder_id", "product_id", "begindatum", "einddatum"
    ):
        lijnen.setdefault((aanbieder, product), []).append((begin, einde))
    toewijzingen = {t.pk: t for t in Toewijzing.objects.select_related("keuzebudget", "jeugdige")}
    assert len(toewijzingen) > 500
    for t in toewijzingen.values():
        assert _gedekt(contracten[t.aanbieder_id], t.begindatum, t.einddatum), t.pk
        if t.product_id:
            assert _gedekt(lijnen[(t.aanbieder_id, t.product_id)], t.begindatum, t.einddatum), t.pk
        if t.startdatum_zorg:
            assert t.begindatum <= t.startdatum_zorg <= t.einddatum
        if t.stopdatum_zorg:
            assert t.startdatum_zorg <= t.stopdatum_zorg <= t.einddatum
        if t.soort == "wonen_verblijf":
            assert t.einddatum <= t.begindatum + relativedelta(years=1) - timedelta(days=1)
            assert t.einddatum < t.jeugdige.geboortedatum + relativedelta(years=18)
            if t.status == "gestopt":  # R-W9
                assert t.vervolgzorg_id or t.vervolg_toelichting
    besteed = dict(Toewijzing.objects.annotate(s=Sum("leveringen__bedrag")).values_list("id", "s"))
    for t in toewijzingen.values():
        if t.keuzebudget_id:
            assert (besteed[t.pk] or 0) <= t.keuzebudget.bedrag, t.pk
    for levering in Levering.objects.all():
        t = toewijzingen[levering.toewijzing_id]
        assert t.status in ("gestart", "gestopt")
        assert t.startdatum_zorg.replace(day=1) <= levering.maand <= (t.stopdatum_zorg or t.einddatum)
        assert _gedekt(lijnen[(t.aanbieder_id, levering.product_id)], levering.maand, levering.maand)
        if t.soort == "wonen_verblijf":
            assert levering.product_id == t.product_id
    # TR302 (issue 15 §3, toewijzingen.services.verwijzen/wonen): at one provider one running
    # keuzebudget at a time, and no referral waiting for screening next to a running one; one
    # Wonen product never twice in one period
    lopend = [t for t in toewijzingen.values() if t.status in ("toegewezen", "gestart")]
    per_aanbieder = {}
    for t in lopend:
        sleutel = (t.jeugdige_id, t.aanbieder_id, t.soort, t.product_id if t.soort == "wonen_verblijf" else None)
        if t.soort in ("keuzebudget", "wonen_verblijf"):
            per_aanbieder.setdefault(sleutel, []).append(t)
    for reeks in per_aanbieder.values():
        reeks.sort(key=lambda t: t.begindatum)
        for eerder, later in itertools.pairwise(reeks):
            assert eerder.einddatum < later.begindatum, (eerder.pk, later.pk)
    # issue 16 §1: the generated event rows carry only kinds the services register
    assert set(Gebeurtenis.objects.values_list("gebeurtenis", flat=True)) <= set(Gebeurtenissoort.values)
    budgetten = {(t.jeugdige_id, t.aanbieder_id): t for t in lopend if t.soort == "keuzebudget"}
    for v in Verwijzing.objects.filter(status="te_screenen").select_related("keuzebudget"):
        t = budgetten.get((v.jeugdige_id, v.aanbieder_id))
        assert t is None or t.einddatum < v.keuzebudget.begindatum or v.keuzebudget.einddatum < t.begindatum, v.pk


def test_duurzame_budgetten_lopen_per_jaar_en_worden_jaarlijks_verlengd(catalogus):
    """R-T9: in the demo region every duurzaam keuzebudget runs at most one budget year (the
    catalog's maximum of its start year); a long duurzaam trajectory appears as consecutive yearly
    budgets: each renewal is duurzaam of the same level for the same child and provider, starts
    the day after the previous one ends and is linked to it (``Keuzebudget.vorige``)."""
    from jeugdregie.verwijzingen.services.keuzebudget import max_einddatum

    genereer_regio(peildatum=PEILDATUM, schaal=0.05, seed=5, melden=stil, vandaag=date(2026, 6, 15))
    duurzaam = list(Keuzebudget.objects.filter(soort="duurzaam").select_related("verwijzing", "vorige__verwijzing"))
    assert len(duurzaam) > 50
    for budget in duurzaam:
        assert budget.einddatum <= max_einddatum(
            soort="duurzaam", begindatum=budget.begindatum, regio_id=budget.verwijzing.gemeente.regio_id
        ), budget.pk
    verlengingen = [b for b in duurzaam if b.vorige_id is not None]
    assert verlengingen
    for budget in verlengingen:
        vorige = budget.vorige
        assert (vorige.soort, vorige.niveau, vorige.is_offerte) == ("duurzaam", budget.niveau, budget.is_offerte)
        assert budget.begindatum == vorige.einddatum + timedelta(days=1)
        assert (budget.verwijzing.jeugdige_id, budget.verwijzing.aanbieder_id) == (
            vorige.verwijzing.jeugdige_id,
            vorige.verwijzing.aanbieder_id,
        )
        assert budget.verwijzing.is_verlenging
    assert not Keuzebudget.objects.filter(vorige__isnull=False).exclude(soort="duurzaam").exists()


def test_contractsignalen_van_de_demoregio_volgen_de_acceptatieplicht(catalogus):
    """R-S4 for every referral: each refusal in the demo region carries the contract signal
    exactly when the screening service would raise it (``verplichte_inschrijving`` on the day of
    the screening), with the same function group or intensity — also for the keuzebudget
    referrals without an indicated tariff group, which are most of them."""
    genereer_regio(peildatum=PEILDATUM, schaal=0.05, seed=5, melden=stil, vandaag=date(2026, 6, 15))
    geweigerd = Screening.objects.filter(uitkomst__in=WEIGERINGEN).select_related(
        "verwijzing__keuzebudget", "verwijzing__aanbieder", "verwijzing__product_indicatie", "signaal"
    )
    zonder_indicatie = 0
    for screening in geweigerd:
        verwijzing = screening.verwijzing
        product = verplichte_inschrijving(verwijzing, screening.datum)
        assert screening.contractsignaal == (product is not None), screening.pk
        signaal = getattr(screening, "signaal", None)
        assert (signaal.product_id if signaal else None) == (product.pk if product else None), screening.pk
        zonder_indicatie += product is not None and verwijzing.product_indicatie_id is None
    assert zonder_indicatie > 0


def test_crisis_en_verblijf_volgen_de_normen(catalogus):
    """R-C2: crisisopvolging requested by 3 working days after the start, later is late; R-C3:
    mostly assessed within 4 hours, a crisis bed (R-W7) only with its motivation; R-C4: Veilig
    Thuis only for domestic violence; R-W5/R-W6: matching and bed requests recorded, most beds
    within 24 hours; R-C5: phone only or intervention, received when reported."""
    genereer_regio(peildatum=PEILDATUM, schaal=0.05, seed=42, melden=stil)
    verzoeken = list(Crisisopvolgingsverzoek.objects.select_related("melding", "product"))
    # R-W7/R-C3: a share asks for a crisis bed (46C03), always motivated as unavoidable
    assert verzoeken and {v.product.code for v in verzoeken} == {"46C02", "46C03"}
    assert all(bool(v.bed_onvermijdelijk) == (v.product.code == "46C03") for v in verzoeken)
    for verzoek in verzoeken:
        assert verzoek.uiterlijk == plus_werkdagen(verzoek.startdatum, 3)
        assert verzoek.te_laat == (verzoek.ingediend_op > verzoek.uiterlijk)
        assert verzoek.startdatum >= verzoek.melding.gemeld_op.date()
    assert any(v.te_laat for v in verzoeken) and any(v.status == "ingediend" for v in verzoeken)
    meldingen = list(Crisismelding.objects.exclude(beoordeeld_op=None))
    # R-C5: synthetic reports are registered as they come in, so the profijt key counts each in
    # the month of its report (not in the month the region was generated)
    assert all(m.ontvangen_op == m.gemeld_op for m in Crisismelding.objects.all())
    binnen = sum(m.binnen_norm(m.beoordeeld_op) for m in meldingen) / len(meldingen)
    assert binnen > 0.85
    assert all(m.huiselijk_geweld == (m.uitkomst == "veilig_thuis") for m in meldingen)
    # R-C5: every assessed report says phone only or intervention; crisisopvolging follows an intervention
    assert {m.afhandeling for m in meldingen} == {"telefonisch", "interventie"}
    assert all(m.afhandeling == "interventie" for m in meldingen if m.uitkomst == "crisisopvolging")
    assert 0 < Crisismelding.objects.uitgevoerde_interventies().count() < len(meldingen)
    bedden = list(Verblijfsverzoek.objects.exclude(geplaatst_op=None))
    assert bedden and sum(b.binnen_norm(b.geplaatst_op) for b in bedden) / len(bedden) > 0.75
    assert all(b.aangevraagd_op.tzinfo is not None for b in bedden)
    assert Matching.objects.filter(einddatum__isnull=True).exists()
    assert Matching.objects.exclude(einddatum=None).exists()
    assert Toewijzing.objects.filter(soort="wonen_verblijf", vervolgzorg__isnull=False).exists()
    # R-W10: every Wonen allocation records a form that fits its intensity, in seed-like proportions
    vormen = Counter()
    for intensiteit, vorm in Toewijzing.objects.filter(soort="wonen_verblijf").values_list(
        "product__intensiteit", "woonvorm"
    ):
        assert intensiteit in INTENSITEITEN_PER_WOONVORM[Woonvorm(vorm)], (intensiteit, vorm)
        vormen[vorm] += 1
    assert {"netwerkpleegzorg", "gezinshuis", "leefgroep", "respijtzorg"} <= set(vormen)
    assert vormen["leefgroep"] > vormen["respijtzorg"] and sum(vormen[v] for v in GEZINSVORMEN) > vormen["leefgroep"]
    # the demo's respijtzorg matching is past its much shorter norm (R-W5 by the form)
    assert any(
        m.over_norm(PEILDATUM) and m.duur(PEILDATUM) < timedelta(days=91)
        for m in Matching.objects.filter(einddatum=None, toewijzing__woonvorm="respijtzorg")
    )


def test_werkvoorraden_van_de_demogebruikers_zijn_gevuld(catalogus):
    """The demo: the toegang of Zwolle and both demo providers find work in every worklist, at
    the peildatum and on 'today'."""
    vandaag = date(2026, 6, 15)
    genereer_regio(peildatum=PEILDATUM, schaal=0.05, seed=42, melden=stil, vandaag=vandaag)
    maak_demogebruikers()
    for naam in ("toegang", "aanbieder", "aanbieder-2"):
        gebruiker = Gebruiker.objects.get(username=naam)
        for op in (PEILDATUM, vandaag):
            lijsten = werkvoorraden(gebruiker, op=op)
            assert len(lijsten) >= 4
            leeg = [str(lijst.titel) for lijst in lijsten if lijst.aantal == 0]
            assert leeg == [], (naam, op, leeg)


def test_schaal_boven_een_voegt_andere_gemeenten_toe(catalogus):
    """--schaal N > 1 brings in the other CBS municipalities in their own youth regions."""
    resultaat = genereer_regio(peildatum=PEILDATUM, schaal=1.01, seed=42, melden=stil, met_trajecten=False)
    assert Gemeente.objects.count() == 342
    assert Gemeente.objects.filter(regio__code="ijsselland").count() == 11
    assert resultaat.jeugdigen_totaal > 113_000


def test_commando_toont_voortgang(catalogus):
    uit = StringIO()
    call_command("genereer_regio", "--schaal", "0.01", "--seed", "3", "--peildatum", "2026-01-01", stdout=uit)
    tekst = uit.getvalue()
    assert "11 gemeenten" in tekst and "(100%)" in tekst and "rijen/s" in tekst and "Klaar:" in tekst
    assert "verwijzingen" in tekst and "trajectrijen" in tekst


def _contactgegevens():
    from jeugdregie.jeugdigen.models import Adres, Telefoonnummer

    adressen = Adres.objects.order_by("jeugdige__bsn", "soort").values_list(
        "jeugdige__bsn", "soort", "straatnaam", "huisnummer", "huisletter", "postcode", "plaatsnaam", "begindatum"
    )
    telefoons = Telefoonnummer.objects.order_by("jeugdige__bsn", "volgorde").values_list(
        "jeugdige__bsn", "volgorde", "nummer"
    )
    return list(adressen), list(telefoons)


def test_jeugdigen_krijgen_adres_en_telefoon_deterministisch(catalogus):
    """Issue 15 §2: every synthetic young person gets a current woonadres in a real place and
    postcode area of its municipality (a few deliberately none: the worklist in the demo), most a
    mobile number, a few a correspondence address; the same per seed, and a rerun adds nothing."""
    import re

    from jeugdregie.jeugdigen.models import Adres
    from jeugdregie.jeugdigen.services_contact import controleer_adres, controleer_telefoon
    from jeugdregie.synthese.adressen import PLAATSEN

    genereer_regio(peildatum=PEILDATUM, schaal=0.05, seed=42, melden=stil, met_trajecten=False)
    adressen, telefoons = _contactgegevens()
    totaal = Jeugdige.objects.count()
    woon = [a for a in adressen if a[1] == "01"]
    assert 0.98 * totaal < len(woon) < totaal  # a few without
    assert 0.5 * totaal < len({t[0] for t in telefoons}) < 0.7 * totaal
    assert 0 < sum(a[1] == "02" for a in adressen) < 0.06 * totaal
    assert not Adres.objects.filter(einddatum__isnull=False).exists()  # all current, whatever the day
    plaatsen = {p for reeks in PLAATSEN.values() for p, _, _ in reeks}
    for _bsn, _soort, straat, nummer, letter, postcode, plaats, _begin in woon[:500]:
        assert plaats in plaatsen and re.fullmatch(r"[1-9][0-9]{3}[A-Z]{2}", postcode)
        velden = {"straatnaam": straat, "huisnummer": str(nummer), "huisletter": letter}
        assert controleer_adres({**velden, "postcode": postcode, "plaatsnaam": plaats})["postcode"] == postcode
    assert all(controleer_telefoon(t[2])[0] == t[2] for t in telefoons[:500])
    genereer_regio(peildatum=PEILDATUM, schaal=0.05, seed=42, melden=stil, met_trajecten=False)
    assert _contactgegevens() == (adressen, telefoons)
    wis_jeugdigen()
    genereer_regio(peildatum=PEILDATUM, schaal=0.05, seed=42, melden=stil, met_trajecten=False)
    assert _contactgegevens() == (adressen, telefoons)


def test_jw301_van_de_demoregio_voldoet_aan_tr006_en_cd034(catalogus):
    """Issue 15 §2: JW301s built for allocations of the synthetic region carry a Contact the
    standard's stylesheet accepts (no TR006/CD034 and no other fault); a child without contact
    data gives no message but ``ContactOntbreekt``. R-T10: the region has referrals by a court or
    public prosecutor (COD327 08), and the JW301s of their allocations are valid too."""
    from lxml import etree

    from jeugdregie.ijw.uitgaand import jw301
    from jeugdregie.ijw.xml.schemas import is_geldig

    from .builders.contact import stylesheetfouten

    genereer_regio(peildatum=PEILDATUM, schaal=0.05, seed=42, melden=stil)
    # the region's own day, not the wall clock: since keuzebudgets run at most a year (duurzaam too,
    # R-T9) few allocations of a region generated for PEILDATUM still run months later
    dag, gebouwd, zonder = PEILDATUM, 0, 0
    toewijzingen = Toewijzing.objects.select_related("jeugdige", "aanbieder", "gemeente").order_by("pk")
    # R-T10 (000 §6): a court's or prosecutor's referral (COD327 08) by a Verwijzer of that type,
    # named without an AGB code (CD068); its allocations' JW301s are among the messages checked.
    rechter = Verwijzing.objects.filter(verwijzer_type=VerwijzerType.RECHTER)
    assert rechter.exists()
    assert not rechter.exclude(verwijzer__type=VerwijzerType.RECHTER, verwijzer__agb_code="").exists()
    van_rechter = list(toewijzingen.filter(einddatum__gte=dag, verwijzing__verwijzer_type=VerwijzerType.RECHTER)[:5])
    assert van_rechter
    for toewijzing in [*toewijzingen.filter(einddatum__gte=dag)[:60], *van_rechter]:
        producten = jw301.selecteer(
            jeugdige_id=toewijzing.jeugdige_id,
            aanbieder_id=toewijzing.aanbieder_id,
            gemeente_id=toewijzing.gemeente_id,
            onderwerpen={toewijzing.pk: ""},
            vandaag=dag,
            vorige=None,
        )
        try:
            root = jw301.bouw(
                gemeente=toewijzing.gemeente,
                aanbieder=toewijzing.aanbieder,
                jeugdige=toewijzing.jeugdige,
                producten=producten,
                identificatie=f"T{toewijzing.pk}",
                dagtekening=dag,
            )
        except jw301.ContactOntbreekt:
            zonder += 1
            continue
        assert is_geldig(root, "JW301")
        assert stylesheetfouten(etree.tostring(root)) == []
        gebouwd += 1
    assert gebouwd >= 40 and zonder <= 3
