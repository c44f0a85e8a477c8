"""Conformance with the standard's own material (issue 5 §1, §8 first bullet): the XSDs in the
project are the published ones unchanged, and every example message of iJw 3.2 validates, or
fails exactly where ``../shared/ijw/SOURCE.txt`` says the example itself is wrong."""

import hashlib
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from jeugdregie.ijw.constants import Berichttype, Richting
from jeugdregie.ijw.models import Bericht
from jeugdregie.ijw.xml.inhoud import controleer_inhoud as echte_controle
from jeugdregie.ijw.xml.schemas import MAP, schema, valideer, valideer_stroom
from jeugdregie.ijw.xml.veilig import Berichtweigering, lees

GEDEELD = Path(__file__).resolve().parents[1].parent / "shared" / "ijw"
# The standard's example messages, copied unchanged next to the XSDs (schemas/SOURCE.txt), so the
# conformance tests run on any clone; byte-identity with ../shared is checked where it exists.
VOORBEELDEN = MAP / "voorbeelden"
# SOURCE.txt: "JW315.xml has an invalid date 2027-06-31 and JW318.xml an unwrapped RetourCode".
FOUT_IN_VOORBEELD = {"JW315", "JW318"}
XSDS = sorted(p.name for p in MAP.glob("*.xsd"))


def _voorbeeld(naam: str) -> bytes:
    return (VOORBEELDEN / f"{naam}.xml").read_bytes()


def _fouten(root, berichttype: str) -> list[tuple[str, str]]:
    """(local name of the failing element, message) for each XSD error."""
    xsd = schema(berichttype)
    assert not xsd.validate(root)
    uit = []
    for fout in xsd.error_log:
        element = re.match(r"Element '\{[^}]*\}(\w+)'", fout.message)
        uit.append((element.group(1) if element else "", fout.message))
    return uit


def test_elk_berichttype_heeft_een_voorbeeld():
    assert sorted([f"{t}.xsd" for t in Berichttype.values] + ["basisschema.xsd"]) == XSDS
    assert sorted(p.stem for p in VOORBEELDEN.glob("*.xml")) == sorted(Berichttype.values)


@pytest.mark.parametrize("berichttype", sorted(set(Berichttype.values) - FOUT_IN_VOORBEELD))
def test_voorbeeldbericht_is_geldig(berichttype):
    """Issue 5 §8: the example of the standard validates against its XSD, whole and streamed."""
    data = _voorbeeld(berichttype)
    valideer(lees(data), berichttype)
    valideer_stroom(data, berichttype)


def test_voorbeeld_jw315_faalt_alleen_op_ongeldige_datum():
    """SOURCE.txt: JW315.xml fails only on its own invalid date 2027-06-31 (ToewijzingEinddatum)."""
    data = _voorbeeld("JW315")
    fouten = _fouten(lees(data), "JW315")
    assert [naam for naam, _ in fouten] == ["ToewijzingEinddatum", "ToewijzingEinddatum"]
    assert all("'2027-06-31' is not a valid value" in melding and "LDT_Datum" in melding for _, melding in fouten)
    with pytest.raises(Berichtweigering) as weigering:
        valideer(lees(data), "JW315")
    assert weigering.value.code == "IJW005"
    assert "ToewijzingEinddatum" in weigering.value.message and "2027-06-31" in weigering.value.message
    # and with that one date corrected, the example is valid
    valideer(lees(data.replace(b"2027-06-31", b"2027-06-30")), "JW315")


def test_voorbeeld_jw318_faalt_alleen_op_losse_retourcode():
    """SOURCE.txt: JW318.xml fails only on a RetourCode not wrapped in RetourCodes."""
    data = _voorbeeld("JW318")
    root = lees(data)
    fouten = _fouten(root, "JW318")
    assert len(fouten) == 1
    naam, melding = fouten[0]
    assert naam == "RetourCode" and "This element is not expected" in melding and "RetourCodes" in melding
    with pytest.raises(Berichtweigering) as weigering:
        valideer(root, "JW318")
    assert "RetourCode'" in weigering.value.message
    # moving the loose RetourCode into its class's RetourCodes makes the example valid
    ns = etree.QName(root).namespace
    los = [el for el in root.iter(f"{{{ns}}}RetourCode") if etree.QName(el.getparent()).localname != "RetourCodes"]
    assert [(etree.QName(el.getparent()).localname, el.text) for el in los] == [("Verzoek", "9350")]
    los[0].getparent().find(f"{{{ns}}}RetourCodes").append(los[0])
    valideer(root, "JW318")


@pytest.mark.skipif(not GEDEELD.is_dir(), reason=f"{GEDEELD} ontbreekt op deze machine")
@pytest.mark.parametrize("naam", XSDS)
def test_xsd_is_byte_gelijk_aan_de_bron(naam):
    """Issue 5 §1: the XSDs are copied unchanged."""
    assert (MAP / naam).read_bytes() == (GEDEELD / naam).read_bytes()


@pytest.mark.skipif(not (GEDEELD / "voorbeelden").is_dir(), reason=f"{GEDEELD} ontbreekt op deze machine")
@pytest.mark.parametrize("berichttype", sorted(Berichttype.values))
def test_voorbeeld_is_byte_gelijk_aan_de_bron(berichttype):
    assert _voorbeeld(berichttype) == (GEDEELD / "voorbeelden" / f"{berichttype}.xml").read_bytes()


def test_xsd_sha256_staat_in_source():
    """schemas/SOURCE.txt lists the sha256 of every XSD; the files are exactly those."""
    opgegeven = dict(
        (naam, som)
        for som, naam in re.findall(r"^([0-9a-f]{64})\s+(\S+\.xsd)$", (MAP / "SOURCE.txt").read_text(), re.M)
    )
    werkelijk = {naam: hashlib.sha256((MAP / naam).read_bytes()).hexdigest() for naam in XSDS}
    assert opgegeven == werkelijk


# --- Conformance corpus (issue 15 §5) ------------------------------------------------------------
# Every outbound type the product sends, in all its variants, built through the domain services
# for many children and stored through the outbox and the receiver (both pass the gate
# ``postvak.controleer_uitgaand``); then every stored message is judged again with the standard's
# real stylesheet. Every JW301 carries the client's Contact (issue 15 §2), so no rule may fail.
KINDEREN = 20  # per variant
WONEN = ["43W10", "44W01", "44W02", "44W03", "44W04", "44W05", "44W06", "44W07", "44W08", "44W09"]
DAG = date(2026, 5, 12)


def _kinderen(route, aantal):
    from .factories import JeugdigeFactory

    return [JeugdigeFactory(gemeente=route["zwolle"]) for _ in range(aantal)]


def _bouw_corpus(route, crisis_wereld):
    from jeugdregie.catalogus.models import Product
    from jeugdregie.crisis.services import besluit_crisisopvolging
    from jeugdregie.ijw.services.ontvangen import ontvang
    from jeugdregie.ijw.services.uitbox import verzamel
    from jeugdregie.organisaties.models import ContractProduct
    from jeugdregie.toewijzingen.constants import AanpassingReden, AanpassingStatus
    from jeugdregie.toewijzingen.services.intrekken import trek_toewijzing_in
    from jeugdregie.verzoeken.services import wijs_verzoek_af, zet_in_onderzoek
    from jeugdregie.wonen.services.toewijzen import wijzig_intensiteit

    from .builders.aanpassen import aanvraag, besluit
    from .builders.crisis import aanvraag as crisisaanvraag
    from .builders.crisis import beoordeel, meld
    from .builders.ijw import declaratie
    from .builders.ijw import start_stop as regie
    from .builders.ijw import verzoek as verzoeken
    from .builders.ijw import wijziging as verzoekwijziging
    from .builders.ijw.uitgaand import jw315
    from .builders.route import gestart, screen, verwijs
    from .builders.wonen import wonen

    toegang, aanbieder = route["gebruikers"]["toegang"], route["gebruikers"]["aanbieder"]
    # setup, not under test: the route's contract also covers every Wonen intensity
    contract = route["aanbieder"].contract_op(date(2026, 3, 2))
    for code in set(WONEN) - set(contract.producten.values_list("product__code", flat=True)):
        ContractProduct.objects.create(
            contract=contract, product=Product.objects.get(code=code), begindatum=contract.begindatum
        )
    kinderen = iter(_kinderen(route, 7 * KINDEREN + len(WONEN) * 2))
    for i in range(KINDEREN):
        # keuzebudget; withdrawn (13); adjustment granted (12) and refused by JW317 (JW319 1)
        screen(route, verwijs(route, jeugdige=next(kinderen)))
        verzamel()  # as after each commit (gebeurtenissen.NA_COMMIT)
        ingetrokken = verwijs(route, jeugdige=next(kinderen))
        screen(route, ingetrokken)
        verzamel()
        trek_toewijzing_in(toewijzing=ingetrokken.toewijzingen.get(), door=toegang)
        verzamel()
        gestarte = gestart(route, jeugdige=next(kinderen))
        verzamel()
        aangepast = gestarte.verwijzing
        toegekend = aanvraag(route, aangepast, AanpassingReden.HULP_SLAAT_NIET_AAN, referentie_aanbieder=f"VOW-A{i}")
        besluit(route, toegekend, AanpassingStatus.TOEGEKEND)
        afgewezen = gestart(route, jeugdige=next(kinderen)).verwijzing
        nee = aanvraag(route, afgewezen, AanpassingReden.HULP_SLAAT_NIET_AAN, referentie_aanbieder=f"VOW-B{i}")
        besluit(route, nee, AanpassingStatus.AFGEWEZEN)
        verzamel()
        # JW315 requests: in onderzoek (JW319 2), refused (JW319 1)
        route[f"kind{i}"] = next(kinderen)
        zet_in_onderzoek(verzoek=jw315(route, referentie=f"VOT-O{i}", jeugdige=f"kind{i}"), door=toegang)
        route[f"kind{i}b"] = next(kinderen)
        verzoek = jw315(route, referentie=f"VOT-A{i}", jeugdige=f"kind{i}b")
        wijs_verzoek_af(verzoek=verzoek, reden="2", toelichting="Past niet.", door=toegang)
        # crisisopvolging (the crisis world's own child and provider)
        kind = next(kinderen)
        melding = meld(crisis_wereld, bsn=kind.bsn)
        opvolging = crisisaanvraag(crisis_wereld, beoordeel(crisis_wereld, melding), ingediend_op=date(2026, 4, 28))
        besluit_crisisopvolging(
            verzoek=opvolging, toekennen=True, einddatum=date(2026, 4, 30), volume="20", door=toegang
        )
        verzamel()
        # the retours of JW317 (JW318) and JW323 (JW325) on a started allocation
        ontvang(
            verzoekwijziging.jw317(
                route,
                te_wijzigen=[verzoekwijziging.wijziging(gestarte)],
                bsn=gestarte.jeugdige.bsn,
                identificatie=f"W-C{i}",
                referentie=f"VOW-C{i}",
            ),
            door=aanbieder,
        )
        ontvang(
            declaratie.jw323(
                route, [declaratie.prestatie(gestarte, f"R-C{i}")], identificatie=f"D-C{i}", nummer=f"N{i}"
            ),
            door=aanbieder,
        )
    for code in WONEN:  # Wonen per intensity (next to a keuzebudget: TR302), and an intensity change (OP257)
        kind = next(kinderen)
        screen(route, verwijs(route, jeugdige=kind))
        verzamel()
        wonen(route, product=code, jeugdige=kind)
        verblijf = wonen(route, product=code, jeugdige=next(kinderen))
        verzamel()
        wijzig_intensiteit(
            toewijzing=verblijf,
            product=Product.objects.get(code="44W04" if code != "44W04" else "44W05"),
            ingangsdatum=date(2026, 4, 16),
            door=toegang,
            toestemming_verwijzer=True,
            met_verhuizing=True,
        )
    berichten = verzamel()
    # the retours of every inbound type: JW306, JW308, JW316, JW318, JW325
    for i in range(KINDEREN):
        ontvang(verzoeken.jw315(route, f"V-C{i}", producten=[verzoeken.product(f"VC-{i}")]), door=aanbieder)
        ontvang(regie.bericht(route, [regie.product(1)], identificatie=f"S-C{i}"), door=aanbieder)
        ontvang(
            regie.bericht(route, [regie.product(1)], soort=Berichttype.JW307, identificatie=f"T-C{i}"),
            door=aanbieder,
        )
    return berichten


@pytest.mark.slow
@pytest.mark.django_db
def test_corpus_uitgaande_berichten_voldoen_aan_xsd_en_stylesheet(route, crisis, klok):
    """Issue 15 §5: every outbound message of every type and variant passes its XSD and the
    standard's stylesheet: no rule fails, TR006 and TR302 included."""
    klok(DAG)
    _bouw_corpus(route, crisis)
    # no decision's message was refused by the gate (it would be missing, not failing, below)
    from jeugdregie.ijw.models import Uitboxverwerking
    from jeugdregie.ijw.services.uitbox import OORZAKEN
    from jeugdregie.verwijzingen.models import Gebeurtenis

    beslist = Gebeurtenis.objects.filter(gebeurtenis__in=OORZAKEN)
    assert beslist.count() == Uitboxverwerking.objects.filter(gebeurtenis__in=beslist).count() > 0
    uit = list(Bericht.objects.filter(richting=Richting.UIT).order_by("id"))
    per_type, per_variant = Counter(), Counter()
    for bericht in uit:
        root = lees(bytes(bericht.inhoud))
        valideer(root, bericht.berichttype)
        regels = {fout.regel for fout in echte_controle(root)}
        assert regels == set(), (bericht.berichttype, bericht.pk, regels)
        per_type[bericht.berichttype] += 1
        per_variant[_variant(root, bericht.berichttype)] += 1
    print(f"corpus: {len(uit)} berichten, per type {dict(per_type)}, per variant {dict(per_variant)}")
    assert set(per_type) == {"JW301", "JW306", "JW308", "JW316", "JW318", "JW319", "JW325"}, per_type
    assert len(uit) >= 200 and per_type["JW301"] >= 100
    for variant in ("keuzebudget", "crisisopvolging", "reden 12", "reden 13"):
        assert per_variant[variant] >= KINDEREN, (variant, per_variant)
    assert per_variant["wonen"] >= len(WONEN) and per_variant["intensiteit (05)"] >= len(WONEN)
    assert per_variant["JW319 1"] >= KINDEREN and per_variant["JW319 2"] >= KINDEREN


def _variant(root, berichttype: str) -> str:
    if berichttype == Berichttype.JW319:
        return f"JW319 {root.findtext('.//{*}VerzoekAntwoord')}"
    if berichttype != Berichttype.JW301:
        return berichttype
    redenen = {el.text for el in root.iter("{*}RedenWijziging")}
    if redenen:
        return {"12": "reden 12", "13": "reden 13", "05": "intensiteit (05)"}.get(min(redenen), f"reden {redenen}")
    if root.find(".//{*}Budget") is not None:
        return "keuzebudget"
    return "wonen" if root.find(".//{*}Product/{*}Code") is not None else "crisisopvolging"


@pytest.mark.django_db
def test_poort_weigert_jw301_die_een_regel_breekt_en_uitbox_probeert_later_opnieuw(route, klok, caplog, monkeypatch):
    """Issue 15 §1: a JW301 failing a rule of the standard is not stored; the error names rule and
    location, the outbox logs it and leaves the event unhandled, so a later run tries again, and
    once the builder is right the message goes. The defect is made here on purpose: the Contact
    written the way the product wrote it before issue 15 (a Soort only, XSD-valid), which breaks
    TR006 and, for a woonadres, CD034; the gate and the stylesheet are the real ones."""
    import logging

    from jeugdregie.ijw.models import Uitboxverwerking
    from jeugdregie.ijw.services.postvak import Uitgaandefout, controleer_uitgaand
    from jeugdregie.ijw.services.uitbox import verzamel
    from jeugdregie.ijw.uitgaand import jw301

    from .builders.route import screen, verwijs

    def contact_zonder_adres(b, lijst, contact):
        b.sub(b.sub(lijst, b.m("Contact")), b.m("Soort"), contact.soort)

    klok(DAG)
    screen(route, verwijs(route))
    echt_contact = jw301._contact
    monkeypatch.setattr(jw301, "_contact", contact_zonder_adres)
    with caplog.at_level(logging.ERROR):
        assert verzamel() == []
    assert not Bericht.objects.filter(berichttype="JW301").exists() and not Uitboxverwerking.objects.exists()
    melding = [r for r in caplog.records if r.getMessage() == "ijw_uitgaand_afgekeurd"]
    assert len(melding) == 1 and str(melding[0].velden["regels"]) == str(["CD034", "TR006"])
    assert verzamel() == []  # tried again, still refused

    toewijzing = route["jeugdige_zwolle"].toewijzingen.get()
    root = jw301.bouw(
        gemeente=toewijzing.gemeente,
        aanbieder=toewijzing.aanbieder,
        jeugdige=toewijzing.jeugdige,
        producten=jw301.selecteer(
            jeugdige_id=toewijzing.jeugdige_id,
            aanbieder_id=toewijzing.aanbieder_id,
            gemeente_id=toewijzing.gemeente_id,
            onderwerpen={toewijzing.pk: ""},
            vandaag=DAG,
            vorige=None,
        ),
        identificatie="X1",
        dagtekening=DAG,
    )
    with pytest.raises(Uitgaandefout) as fout:
        controleer_uitgaand(root, "JW301")
    assert fout.value.regels == ["CD034", "TR006"]
    assert "TR006 op /Bericht/Client/Contactgegevens/Contact" in str(fout.value)

    monkeypatch.setattr(jw301, "_contact", echt_contact)
    assert len(verzamel()) == 1  # the builder fixed: the waiting decision goes out
    assert Bericht.objects.filter(berichttype="JW301").count() == 1


# --- The demo region's corpus: at least 200 of every outbound type (issue 15, "done when") --------
# A generated demo region (small scale) and its demo provider and municipality (as ``manage.py ijw
# demo``): per young person of the region a JW315 through the receiver (JW316), decided by the
# toegang through the services (taken under investigation, honoured with a keuzebudget and accepted
# at screening: JW319 2 and JW301; a few withdrawn before the start: JW301 reason 13; or refused:
# JW319 1); every started allocation (JW305: JW306) gets a change asked for (JW317: JW318), its
# first month declared (JW323: JW325) and the care stopped (JW307: JW308). The outbox and the
# receiver store nothing that fails the gate; every stored message is judged again here with the
# XSD and the real stylesheet.
REGIO_PER_TYPE = 200
REGIO_AFGEWEZEN = 20  # of the requests, refused (JW319 1); the others honoured (JW319 2 and JW301)
REGIO_INGETROKKEN = 10  # of the honoured, withdrawn before the start (JW301 reason 13)
REGIO_DAG = date(2026, 6, 15)


def _regio_kinderen(gemeente, aanbieder, aantal):
    from dateutil.relativedelta import relativedelta

    from jeugdregie.jeugdigen.models import Jeugdige
    from jeugdregie.toewijzingen.models import Toewijzing
    from jeugdregie.verwijzingen.models import Verwijzing
    from jeugdregie.verzoeken.models import Toewijzingsverzoek

    kinderen = (
        Jeugdige.objects.filter(
            woonplaatsen__gemeente=gemeente,
            woonplaatsen__einddatum__isnull=True,
            geboortedatum__range=(REGIO_DAG - relativedelta(years=16), REGIO_DAG - relativedelta(years=4)),
            adressen__einddatum__isnull=True,
            adressen__begindatum__lte=REGIO_DAG,
        )
        .exclude(pk__in=Toewijzingsverzoek.objects.values("jeugdige"))
        .exclude(pk__in=Toewijzing.objects.filter(aanbieder=aanbieder).values("jeugdige"))
        # nor a referral still to be screened there: one keuzebudget at a time (TW026)
        .exclude(pk__in=Verwijzing.objects.filter(aanbieder=aanbieder).values("jeugdige"))
        .distinct()
        .order_by("pk")
    )
    return list(kinderen[:aantal])


def _bouw_regiocorpus(klok):
    from jeugdregie.catalogus.constants import KeuzebudgetSoort
    from jeugdregie.ijw.policies import aanbiedermedewerkers, toegangsmedewerkers
    from jeugdregie.ijw.services.archief import technische_gebruiker
    from jeugdregie.ijw.services.ontvangen import ontvang
    from jeugdregie.ijw.services.uitbox import verzamel
    from jeugdregie.organisaties.models import Aanbieder, Gemeente
    from jeugdregie.synthese import ijw_demo as demo
    from jeugdregie.synthese.demogebruikers import maak_demogebruikers
    from jeugdregie.synthese.regio import PEILDATUM, genereer_regio
    from jeugdregie.toewijzingen.services import screen_verwijzing
    from jeugdregie.toewijzingen.services.intrekken import trek_toewijzing_in
    from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze
    from jeugdregie.verzoeken.models import Toewijzingsverzoek
    from jeugdregie.verzoeken.services import honoreer_met_verwijzing, wijs_verzoek_af, zet_in_onderzoek

    from .builders.ijw import declaratie
    from .builders.ijw import start_stop as regie
    from .builders.ijw import wijziging as verzoekwijziging

    genereer_regio(peildatum=PEILDATUM, schaal=0.02, seed=42, melden=lambda _: None, vandaag=REGIO_DAG)
    maak_demogebruikers()
    aanbieder = Aanbieder.objects.filter(regio__code="ijsselland").order_by("agb_code").first()
    gemeente = Gemeente.objects.get(cbs_code="0193")
    door = technische_gebruiker(aanbieder)
    toegang = toegangsmedewerkers(gemeente).order_by("username").first()
    screener = aanbiedermedewerkers(aanbieder).exclude(username__startswith="ijw-").order_by("username").first()
    product = demo._uurproduct(aanbieder, REGIO_DAG, gemeente)
    aantal = REGIO_PER_TYPE + REGIO_AFGEWEZEN + REGIO_INGETROKKEN
    kinderen = _regio_kinderen(gemeente, aanbieder, aantal)
    assert len(kinderen) == aantal, len(kinderen)

    toewijzingen = []
    for i, kind in enumerate(kinderen):
        ident = f"RC315-{i}"
        ontvang(demo._jw315(aanbieder, gemeente, ident, REGIO_DAG, kind, product), door=door)
        verzoek = Toewijzingsverzoek.objects.get(aanbieder=aanbieder, referentie_aanbieder=f"{ident}-1")
        if i < REGIO_AFGEWEZEN:
            wijs_verzoek_af(verzoek=verzoek, reden="2", toelichting="Past niet.", door=toegang)
            continue
        verzoek = zet_in_onderzoek(verzoek=verzoek, door=toegang)
        honoreer_met_verwijzing(
            verzoek=verzoek,
            resultaten=["De jeugdige gaat weer met plezier naar school."],
            budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2),
            datum=REGIO_DAG,
            door=toegang,
        )
        verzoek.refresh_from_db()
        screen_verwijzing(verwijzing=verzoek.verwijzing, uitkomst="geaccepteerd", door=screener)
        toewijzingen.append(verzoek.verwijzing.toewijzingen.get())
    verzamel()  # as after each commit (gebeurtenissen.NA_COMMIT)
    for tw in toewijzingen[:REGIO_INGETROKKEN]:
        trek_toewijzing_in(toewijzing=tw, door=toegang)
    verzamel()
    toewijzingen = toewijzingen[REGIO_INGETROKKEN:]

    for i, tw in enumerate(toewijzingen):
        route = {"aanbieder": aanbieder, "zwolle": gemeente, "jeugdige_zwolle": tw.jeugdige}
        ontvang(demo._jw305(aanbieder, tw, f"RC305-{i}", REGIO_DAG, tw.begindatum.isoformat()), door=door)
        tw.refresh_from_db()
        ontvang(
            verzoekwijziging.jw317(
                route,
                te_wijzigen=[verzoekwijziging.wijziging(tw)],
                bsn=tw.jeugdige.bsn,
                identificatie=f"RC317-{i}",
                referentie=f"RCW-{i}",
            ),
            door=door,
        )
    klok(date(2026, 7, 1))  # June declared and the care stopped, sent on the 1st of July
    tarief = int(product.tarief_op(date(2026, 6, 1)).bedrag * 100)
    for i, tw in enumerate(toewijzingen):
        tw.refresh_from_db()
        route = {"aanbieder": aanbieder, "zwolle": gemeente}
        regel = declaratie.prestatie(
            tw, f"RC-{i}", maand=(2026, 6), begin=tw.startdatum_zorg, code=product.code, tarief=tarief, uren=4
        )
        regel["bedrag"] = 4 * tarief
        ontvang(declaratie.jw323(route, [regel], identificatie=f"RC323-{i}", nummer=f"RC{i}"), door=door)
        stop = regie.product(tw.pk, begindatum=tw.startdatum_zorg or tw.begindatum, einddatum=date(2026, 6, 30))
        ontvang(
            regie.bericht(route, [stop], soort=Berichttype.JW307, identificatie=f"RC307-{i}", bsn=tw.jeugdige.bsn),
            door=door,
        )
    return verzamel()


@pytest.mark.slow
@pytest.mark.django_db
def test_demoregio_levert_minstens_200_van_elk_uitgaand_type_die_aan_xsd_en_stylesheet_voldoen(catalogus, klok):
    """Issue 15, done when: at least 200 outbound messages of every type the product sends, built
    from the demo region through the services, the outbox and the receiver, all pass the XSD and
    the standard's stylesheet with no rule failing."""
    import time

    from jeugdregie.ijw.models import Uitboxverwerking
    from jeugdregie.ijw.services.uitbox import OORZAKEN
    from jeugdregie.verwijzingen.models import Gebeurtenis

    klok(REGIO_DAG)
    begin = time.perf_counter()
    _bouw_regiocorpus(klok)
    gebouwd = time.perf_counter() - begin
    # no decision's message was refused by the gate (it would be missing, not failing, below)
    beslist = Gebeurtenis.objects.filter(gebeurtenis__in=OORZAKEN)
    assert beslist.count() == Uitboxverwerking.objects.filter(gebeurtenis__in=beslist).count() > 0
    per_type, per_variant, uitkomst = Counter(), Counter(), Counter()
    for bericht in Bericht.objects.filter(richting=Richting.UIT).select_related("antwoord_op").order_by("id"):
        root = lees(bytes(bericht.inhoud))
        valideer(root, bericht.berichttype)
        regels = {fout.regel for fout in echte_controle(root)}
        assert regels == set(), (bericht.berichttype, bericht.pk, regels)
        per_type[bericht.berichttype] += 1
        per_variant[_variant(root, bericht.berichttype)] += 1
        if bericht.antwoord_op_id:
            uitkomst[f"{bericht.berichttype} {bericht.antwoord_op.status}"] += 1
    print(
        f"demoregio-corpus: {sum(per_type.values())} berichten in {gebouwd:.1f} s; "
        f"per type {dict(sorted(per_type.items()))}; per variant {dict(sorted(per_variant.items()))}; "
        f"antwoord op {dict(sorted(uitkomst.items()))}"
    )
    for berichttype in ("JW301", "JW306", "JW308", "JW316", "JW318", "JW319", "JW325"):
        assert per_type[berichttype] >= REGIO_PER_TYPE, (berichttype, per_type)
    assert per_variant["keuzebudget"] >= REGIO_PER_TYPE and per_variant["reden 13"] >= REGIO_INGETROKKEN
    assert per_variant["JW319 1"] >= REGIO_AFGEWEZEN and per_variant["JW319 2"] >= REGIO_PER_TYPE
