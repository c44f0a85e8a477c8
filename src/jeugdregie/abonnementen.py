"""Who listens to which domain event, in one place (``common.domein`` dispatches; issue 16 §1).

- ``IN_TRANSACTIE``: inside the publishing service's transaction (a failure undoes the decision).
- ``NA_COMMIT``: after the commit (Django's ``on_commit``, robust): a failure is logged and never
  undoes the decision; each subscriber catches up on its own.
- ``VRAGEN``: an earlier stage's question to later ones, answered in this order.

The composition root of the domain's stages, like the URL configuration: the only module that
names a later stage next to an earlier one."""

from jeugdregie.beheersing.services import keuzeinfo, markeringen, rollup
from jeugdregie.beschikkingen.gebeurtenissen import BeschikkingGemaakt
from jeugdregie.beschikkingen.services import inhalen as beschikkingen
from jeugdregie.beschikkingen.services import opschonen as beschikkingen_opschonen
from jeugdregie.bewaring.gebeurtenissen import Geanonimiseerd, Jeugdbeschermingvraag
from jeugdregie.bezwaar import bewaring as bezwaar_bewaring
from jeugdregie.budgetten.services import grootboek
from jeugdregie.casusregie import bewaring as casusregie_bewaring
from jeugdregie.declaraties import gebeurtenissen as declaraties
from jeugdregie.declaraties.services import bewaking
from jeugdregie.documenten import bewaring as documenten_bewaring
from jeugdregie.gezin.gebeurtenissen import GezinGewijzigd
from jeugdregie.hswv import vragen as hswv_vragen
from jeugdregie.ijw.services import uitbox, wachtrij
from jeugdregie.jeugdigen import gebeurtenissen as jeugdigen
from jeugdregie.jeugdigen.gebeurtenissen import Relatievraag
from jeugdregie.jeugdigen.woonplaatsbeginsel import Verblijfsgemeentevraag, Verblijfvraag
from jeugdregie.organisaties.gebeurtenissen import ContractGewijzigd
from jeugdregie.overdracht import services as overdracht
from jeugdregie.portaal.startpagina import MislukteTakenvraag
from jeugdregie.taakgericht import vragen as taakgericht_vragen
from jeugdregie.taakgericht.gebeurtenissen import TermijnBetaald, ZorgGewijzigd
from jeugdregie.taken import tasks as taken
from jeugdregie.taken import vragen as taken_vragen
from jeugdregie.toewijzingen import besluiten
from jeugdregie.toewijzingen import vragen as toewijzing_vragen
from jeugdregie.toewijzingen.services.beeindigen import GoedgekeurdNaEindevraag
from jeugdregie.verwijzingen import besluiten as verwijzing
from jeugdregie.verwijzingen.services.keuzelijst import Aanbiederinfovraag

IN_TRANSACTIE = {
    # R-D3: an ambulant allocation that runs past a move already registered joins its handover
    besluiten.Toegewezen: [grootboek.bij_toewijzing, overdracht.bij_toewijzing, overdracht.bij_verblijfswijziging],
    # the declarations first: no approved care after a shortened end (OP257), then the ledger.
    besluiten.BedragGewijzigd: [
        bewaking.bij_bedragwijziging,
        grootboek.bij_bedragwijziging,
        overdracht.bij_verblijfswijziging,
    ],
    # R-B7: a stop dated in the past opens the declaration window from the day it was reported
    besluiten.ZorgGestopt: [grootboek.bij_stop],
    besluiten.Ingetrokken: [bewaking.bij_intrekking, grootboek.bij_intrekking, overdracht.bij_verblijfswijziging],
    # R-D3: a move during ambulant care opens the handover in the move's own transaction; a stay
    # allocated, shortened or withdrawn re-assesses it (``overdracht.services.herbeoordeel``)
    jeugdigen.Verhuisd: [overdracht.bij_verhuizing],
    # R-P7, issue 20 §4: an anonymised child's documents are removed with it (rows now, bytes after the commit)
    Geanonimiseerd: [
        documenten_bewaring.bij_anonimisering,
        beschikkingen_opschonen.bij_anonimisering,
        bezwaar_bewaring.bij_anonimisering,
        casusregie_bewaring.bij_anonimisering,  # issue 22 §4, R-R3
    ],
}

NA_COMMIT = {
    # the iJw outbox: the message a route decision causes (issue 5 §3)
    # … and the control system queues the months the decision touches (issue 18 §2)
    # … and a toegang decision gets its letter to the family (issue 20 §2, R-D1)
    verwijzing.GebeurtenisVastgelegd: [
        uitbox.bij_gebeurtenis,
        rollup.markeer_gebeurtenis,
        beschikkingen.bij_gebeurtenis,
        # R-D3: a stay whose care stopped early can pass the child's other care to another municipality
        overdracht.bij_zorg_gestopt,
    ],
    # a JW301 held back for want of an address goes once it is entered (issue 15 §2)
    # … and so does a letter waiting for an addressee (issue 20 §2, R-D1)
    jeugdigen.ContactGewijzigd: [wachtrij.na_contactwijziging, beschikkingen.bij_contactwijziging],
    # a letter waiting for an addressee is made once the toegang enters the family (issue 20 §1, R-D1)
    GezinGewijzigd: [beschikkingen.bij_contactwijziging],
    # the control system queues the months whose figures moved (issue 6 §9)
    # … and a worker processes them (issue 17 part B: never inside a request)
    declaraties.Verwerkt: [rollup.markeer_declaraties, taken.na_declaraties],
    # issue 22 review F6: a start or stop reported (or withdrawn) under a task-based assignment,
    # a paid term, a contract that changes which allocations are bought locally (R-R3)
    ZorgGewijzigd: [markeringen.markeer_taakgericht],
    TermijnBetaald: [markeringen.markeer_taakgericht],
    ContractGewijzigd: [markeringen.markeer_contract],
    # issue 19 §3: a worker e-mails a new notification to the users who chose its kind
    verwijzing.MeldingGemaakt: [taken.na_melding],
    # issue 20 §2, R-D1: a worker renders a new letter's PDF from its frozen content
    BeschikkingGemaakt: [taken.na_beschikking],
}

VRAGEN = {
    # provider information in the toegang's choice list (R-K7)
    Aanbiederinfovraag: [keuzeinfo.beantwoord],
    # R-P4: does an organisation's relation with a child still run (the register asks the route)
    # … and the start reported under a task-based assignment (R-R2, iJw IV096)
    Relatievraag: [
        toewijzing_vragen.beantwoord_relatievraag,
        hswv_vragen.beantwoord_relatievraag,
        taakgericht_vragen.beantwoord_relatievraag,
    ],
    # R-D3: the stays that decide the responsible municipality (the register asks the allocation)
    Verblijfvraag: [toewijzing_vragen.beantwoord_verblijfvraag],
    Verblijfsgemeentevraag: [toewijzing_vragen.beantwoord_verblijfsgemeentevraag],
    # R-A4/R-T5, TR302: which keuzebudgets run for a child (the referral asks the allocation)
    verwijzing.Keuzebudgetvraag: [toewijzing_vragen.beantwoord_keuzebudgetvraag],
    # issue 19 §4: the failed background runs on the beheerder's home page (the portal asks)
    MislukteTakenvraag: [taken_vragen.beantwoord_mislukte_taken],
    # R-P7, issue 20 §4: a court order among a child's documents keeps it as an OTS/voogdij dossier
    Jeugdbeschermingvraag: [documenten_bewaring.beantwoord_jeugdbeschermingvraag],
    # R-D3 with R-B7: approved care after the end a move sets (the allocation asks the declarations)
    GoedgekeurdNaEindevraag: [bewaking.beantwoord_goedgekeurd_na_einde],
}
