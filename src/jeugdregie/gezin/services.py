"""The family of a young person: who letters go to, who consents, and the toegang's changes
(issue 20 §1 and the consent half of §4).

Read side, used by other apps (beschikkingen, bezwaar):

- ``geadresseerden(jeugdige, op=...)``: R-D1 / Jeugdwet 7.3.4, the parties a decision letter is
  addressed to on day ``op``, or ``GeenGeadresseerde`` with a Dutch message saying what to enter;
- ``toestemmers(jeugdige, op=...)``: the parties whose consent counts on day ``op``;
- ``services_toestemming.toestemming_rond(...)``: whether every party that must consent has.

Write side (the toegang; dates and moments set by the server, everything checked before anything
is written, every write audit-logged without values): ``voeg_gezinslid_toe``,
``wijzig_gezinslid``, ``beeindig_gezinslid``, ``wijzig_contactvoorkeur`` (each publishes
``gebeurtenissen.GezinGewijzigd``); consents in ``services_toestemming`` (``geef_toestemming``,
``trek_toestemming_in``). Reads for a page: ``gezin_van`` (audit-logged)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from jeugdregie.audit.constants import Actie, Uitkomst
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log, log_persoonsgegevens
from jeugdregie.common.domein import publiceer
from jeugdregie.common.errors import DomainError
from jeugdregie.common.periods import geldig_op_q
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.constants import AdresSoort
from jeugdregie.jeugdigen.models import Adres, Adresgegevens, Jeugdige
from jeugdregie.jeugdigen.services_contact import controleer_adres, controleer_telefoon, landcodes

from .constants import Foutcode, Gezinsrol, Kanaal
from .gebeurtenissen import GezinGewijzigd
from .leeftijd import wie_op
from .models import Contactvoorkeur, Gezinslid, GezinslidAdres, Toestemming
from .policies import mag_gezin_lezen, mag_gezin_wijzigen

#: BW 1:245, 1:251, 1:253a: parental authority is held by one or two people at a time.
MAX_GEZAGSDRAGERS = 2


# --------------------------------------------------------------------------- the interface


@dataclass(frozen=True)
class Geadresseerde:
    """One addressee of a letter about a young person (R-D1)."""

    naam: str
    rol: str  # Gezinsrol: "jeugdige" | "ouder" | "voogd" | "gi"
    adresregels: tuple[str, ...]  # postal lines, empty when none
    email: str  # "" when none
    kanaal: str  # Kanaal: "post" | "digitaal"

    @property
    def rol_weergave(self) -> str:
        return str(Gezinsrol(self.rol).label)


@dataclass(frozen=True)
class Toestemmer:
    """One party whose consent counts (Jeugdwet 7.3.4); ``gezinslid_id`` is None for the young
    person themselves."""

    naam: str
    rol: str
    gezinslid_id: int | None

    @property
    def rol_weergave(self) -> str:
        return str(Gezinsrol(self.rol).label)


class GeenGeadresseerde(Exception):
    """Nobody the rule names can be reached; ``str(e)`` is a Dutch message saying what to enter."""


def adresregels(adres: Adresgegevens | None) -> tuple[str, ...]:
    """Postal lines of an address the Dutch way (PostNL): street and number, then postcode, two
    spaces and the place in capitals, then the country abroad."""
    if adres is None:
        return ()
    aanduiding = f"{adres.get_aanduiding_display().lower()} " if adres.aanduiding else ""
    regels = [f"{aanduiding}{adres.straatnaam} {adres.huis}".strip()]
    regels.append(f"{adres.postcode_weergave}  {adres.plaatsnaam.upper()}")
    if adres.land != "NL":
        regels.append(landcodes().get(adres.land, adres.land).upper())
    return tuple(regels)


def _geldig(rij, op: date) -> bool:
    return rij.begindatum <= op and (rij.einddatum is None or rij.einddatum >= op)


@dataclass
class Gezinsvoorraad:
    """What ``geadresseerden`` reads about a set of young people, read at once (the bulk letters
    of the synthetic region, ``synthese.beschikkingen``): their addresses, contact preferences,
    gezag holders and the holders' addresses, each in the order the single reads use, so the
    same rule code gives the same addressees (``tests/test_synthese_beschikkingen.py``)."""

    adressen: dict[int, list[Adres]]
    voorkeuren: dict[int, Contactvoorkeur]
    gezagsdragers: dict[int, list[Gezinslid]]
    lidadressen: dict[int, list[GezinslidAdres]]

    @classmethod
    def lees(cls, jeugdige_ids: list[int], blok: int = 2000) -> Gezinsvoorraad:
        voorraad = cls(defaultdict(list), {}, defaultdict(list), defaultdict(list))
        for i in range(0, len(jeugdige_ids), blok):
            ids = jeugdige_ids[i : i + blok]
            for adres in Adres.objects.filter(jeugdige_id__in=ids).order_by("jeugdige_id", "soort", "begindatum", "id"):
                voorraad.adressen[adres.jeugdige_id].append(adres)
            for voorkeur in Contactvoorkeur.objects.filter(jeugdige_id__in=ids):
                voorraad.voorkeuren[voorkeur.jeugdige_id] = voorkeur
            leden = list(Gezinslid.objects.filter(jeugdige_id__in=ids, gezag=True).order_by("begindatum", "id"))
            for lid in leden:
                voorraad.gezagsdragers[lid.jeugdige_id].append(lid)
            for lidadres in GezinslidAdres.objects.filter(gezinslid__in=[lid.pk for lid in leden]).order_by(
                "gezinslid_id", "begindatum", "id"
            ):
                voorraad.lidadressen[lidadres.gezinslid_id].append(lidadres)
        return voorraad


def _adres_op(jeugdige: Jeugdige, op: date, soort: str, voorraad: Gezinsvoorraad | None):
    if voorraad is None:
        return jeugdige.adres_op(op, soort)
    return next((a for a in voorraad.adressen.get(jeugdige.pk, ()) if a.soort == soort and _geldig(a, op)), None)


def _adres_jeugdige(jeugdige: Jeugdige, op: date, voorraad: Gezinsvoorraad | None = None):
    return _adres_op(jeugdige, op, AdresSoort.CORRESPONDENTIEADRES, voorraad) or _adres_op(
        jeugdige, op, AdresSoort.WOONADRES, voorraad
    )


def gezagsdragers_op(jeugdige: Jeugdige, op: date, voorraad: Gezinsvoorraad | None = None) -> list[Gezinslid]:
    if voorraad is not None:
        return [lid for lid in voorraad.gezagsdragers.get(jeugdige.pk, ()) if _geldig(lid, op)]
    return list(Gezinslid.objects.filter(geldig_op_q(op), jeugdige=jeugdige, gezag=True).order_by("begindatum", "id"))


def _bereikbaar(naam: str, rol: str, regels: tuple[str, ...], email: str, kanaal: str) -> Geadresseerde | None:
    """The addressee when letters can reach them: by e-mail when they chose digital and have an
    address, else on paper when there is a postal address, else by e-mail when that is all."""
    rol = str(rol)
    if kanaal == Kanaal.DIGITAAL and email:
        return Geadresseerde(naam, rol, regels, email, str(Kanaal.DIGITAAL))
    if regels:
        return Geadresseerde(naam, rol, regels, email, str(Kanaal.POST))
    if email:
        return Geadresseerde(naam, rol, regels, email, str(Kanaal.DIGITAAL))
    return None


def _als_geadresseerde_jeugdige(
    jeugdige: Jeugdige, op: date, voorraad: Gezinsvoorraad | None = None
) -> Geadresseerde | None:
    if voorraad is None:
        voorkeur = Contactvoorkeur.objects.filter(jeugdige=jeugdige).first()
    else:
        voorkeur = voorraad.voorkeuren.get(jeugdige.pk)
    email = voorkeur.email if voorkeur else ""
    kanaal = voorkeur.kanaal if voorkeur else Kanaal.POST
    return _bereikbaar(
        str(jeugdige), Gezinsrol.JEUGDIGE, adresregels(_adres_jeugdige(jeugdige, op, voorraad)), email, kanaal
    )


def _als_geadresseerde_gezinslid(
    lid: Gezinslid, jeugdige: Jeugdige, op: date, voorraad: Gezinsvoorraad | None = None
) -> Geadresseerde | None:
    if voorraad is None:
        adres: Adresgegevens | None = lid.adres_op(op)
    else:
        adres = next((a for a in voorraad.lidadressen.get(lid.pk, ()) if _geldig(a, op)), None)
    if adres is None and lid.woont_bij_jeugdige:
        adres = _adres_op(jeugdige, op, AdresSoort.WOONADRES, voorraad)
    return _bereikbaar(lid.naam, lid.rol, adresregels(adres), lid.email, lid.kanaal)


def geadresseerden(jeugdige: Jeugdige, *, op: date, voorraad: Gezinsvoorraad | None = None) -> list[Geadresseerde]:
    """R-D1 / Jeugdwet 7.3.4: below 12 the gezag holders; 12–15 the youth and the gezag
    holders; from 16 the youth alone. Raises GeenGeadresseerde when nobody addressable.

    Every party the rule names must be reachable: from 12 to 16 a letter that reaches only the
    child or only the parents does not meet the rule, so it raises too, naming what is missing.
    A gezag holder without an address is left out when another holder can be reached.
    ``voorraad``: the family rows read at once for many young people (bulk letters)."""
    wie = wie_op(jeugdige.geboortedatum, op)
    if not (wie.jeugdige or wie.gezag):
        raise GeenGeadresseerde("De jeugdige is op deze datum nog niet geboren: controleer de geboortedatum.")
    uitkomst: list[Geadresseerde] = []
    if wie.jeugdige:
        zelf = _als_geadresseerde_jeugdige(jeugdige, op, voorraad)
        if zelf is None:
            raise GeenGeadresseerde(
                f"Vul het woonadres of het e-mailadres van {jeugdige} in: vanaf 12 jaar krijgt de jeugdige de "
                "beschikking zelf."
            )
        uitkomst.append(zelf)
    if wie.gezag:
        dragers = gezagsdragers_op(jeugdige, op, voorraad)
        if not dragers:
            raise GeenGeadresseerde(
                f"Leg bij het gezin van {jeugdige} vast wie het gezag heeft (ouder, voogd of gecertificeerde "
                "instelling), met adres of e-mailadres: onder de 16 jaar krijgen zij de beschikking."
            )
        bereikt = [g for lid in dragers if (g := _als_geadresseerde_gezinslid(lid, jeugdige, op, voorraad)) is not None]
        if not bereikt:
            namen = " en ".join(lid.naam for lid in dragers)
            raise GeenGeadresseerde(f"Vul het adres of e-mailadres in van {namen} (gezag over {jeugdige}).")
        uitkomst.extend(bereikt)
    return uitkomst


def toestemmers(jeugdige: Jeugdige, *, op: date) -> list[Toestemmer]:
    """Jeugdwet 7.3.4 (R-D1's age rule): whose consent counts on day ``op``: below 12 the gezag
    holders, 12–15 the youth and the gezag holders, from 16 the youth alone. Contact details do
    not matter here; an empty list means nobody can consent yet (no gezag holder entered)."""
    wie = wie_op(jeugdige.geboortedatum, op)
    uitkomst = [Toestemmer(str(jeugdige), str(Gezinsrol.JEUGDIGE), None)] if wie.jeugdige else []
    if wie.gezag:
        uitkomst += [Toestemmer(lid.naam, lid.rol, lid.pk) for lid in gezagsdragers_op(jeugdige, op)]
    return uitkomst


# --------------------------------------------------------------------------- reads for a page


@dataclass(frozen=True)
class Gezinsoverzicht:
    """What the dossier shows about the family on one day."""

    huidige: list[Gezinslid]
    beeindigde: list[Gezinslid]
    contactvoorkeur: Contactvoorkeur | None
    toestemmingen: list[Toestemming]
    toestemmers: list[Toestemmer]
    geadresseerden: list[Geadresseerde]
    geen_geadresseerde: str  # the Dutch reason when no letter can go out, else ""
    mag_wijzigen: bool  # the toegang of the child: the buttons to add, end, record, withdraw

    @property
    def lopende_toestemmingen(self) -> list[Toestemming]:
        return [t for t in self.toestemmingen if t.actief]


def gezin_van(jeugdige: Jeugdige, *, door, context: Toegangscontext | None = None) -> Gezinsoverzicht:
    """The family of the child as of today for a page; the read is audit-logged (R-P2). Raises
    ``DomainError`` when ``door`` may not read the child (also logged)."""
    if not mag_gezin_lezen(door, jeugdige):
        _weiger(jeugdige, door, context, Actie.LEZEN, "Gezinslid")
    dag = vandaag()
    leden = list(Gezinslid.objects.filter(jeugdige=jeugdige).prefetch_related("adressen"))
    huidige = [lid for lid in leden if lid.begindatum <= dag and (lid.einddatum is None or lid.einddatum >= dag)]
    beeindigde = [lid for lid in leden if lid not in huidige]
    try:
        namen, reden = geadresseerden(jeugdige, op=dag), ""
    except GeenGeadresseerde as fout:
        namen, reden = [], str(fout)
    log(
        actie=Actie.LEZEN,
        objecttype="gezin.Gezinslid",
        object_id=jeugdige.pk,
        door=door,
        context=context,
        jeugdige=jeugdige,
        details=f"gezin: {len(leden)} leden",
    )
    return Gezinsoverzicht(
        huidige=huidige,
        beeindigde=beeindigde,
        contactvoorkeur=Contactvoorkeur.objects.filter(jeugdige=jeugdige).first(),
        toestemmingen=list(Toestemming.objects.filter(jeugdige=jeugdige).select_related("gezinslid")),
        toestemmers=toestemmers(jeugdige, op=dag),
        geadresseerden=namen,
        geen_geadresseerde=reden,
        mag_wijzigen=mag_gezin_wijzigen(door, jeugdige),
    )


# --------------------------------------------------------------------------- writes


def _weiger(jeugdige: Jeugdige, door, context, actie: Actie, objecttype: str):
    log(
        actie=actie,
        objecttype=f"gezin.{objecttype}",
        object_id=jeugdige.pk,
        door=door,
        context=context,
        jeugdige=jeugdige,
        uitkomst=Uitkomst.GEWEIGERD,
    )
    raise DomainError(Foutcode.GEEN_TOEGANG, "U mag het gezin van deze jeugdige niet inzien of wijzigen.")


def _controleer_email(email: str, kanaal: str, *, veld: str = "email") -> str:
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise DomainError(
                Foutcode.EMAIL_ONGELDIG, "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.", field=veld
            ) from None
    if kanaal not in Kanaal.values:
        raise DomainError(Foutcode.KANAAL_ZONDER_EMAIL, "Kies per post of digitaal.", field="kanaal")
    if kanaal == Kanaal.DIGITAAL and not email:
        raise DomainError(
            Foutcode.KANAAL_ZONDER_EMAIL,
            "Vul een e-mailadres in voor digitale post, of kies per post.",
            field=veld,
        )
    return email


@dataclass(frozen=True)
class Gezinsliddata:
    """What the toegang enters about a parent or gezag holder (shape checked by the form)."""

    rol: str
    gezag: bool
    voornamen: str
    achternaam: str
    email: str = ""
    telefoon: str = ""
    kanaal: str = Kanaal.POST
    woont_bij_jeugdige: bool = False
    adres: dict | None = None  # the fields of ``controleer_adres``; None: no own address


def _controleer_gezinslid(data: Gezinsliddata) -> dict:
    if data.rol not in (Gezinsrol.OUDER, Gezinsrol.VOOGD, Gezinsrol.GI):
        raise DomainError(Foutcode.ROL_ONGELDIG, "Kies ouder, voogd of gecertificeerde instelling.", field="rol")
    achternaam = " ".join((data.achternaam or "").split())
    voornamen = " ".join((data.voornamen or "").split())
    if not achternaam:
        tekst = "Vul de naam van de instelling in." if data.rol == Gezinsrol.GI else "Vul de achternaam in."
        raise DomainError(Foutcode.NAAM_ONTBREEKT, tekst, field="achternaam")
    gezag = True if data.rol in (Gezinsrol.VOOGD, Gezinsrol.GI) else bool(data.gezag)
    email = _controleer_email(data.email, data.kanaal)
    nummer, landnummer = controleer_telefoon(data.telefoon) if (data.telefoon or "").strip() else ("", "")
    adres = controleer_adres(data.adres) if data.adres else None
    if data.kanaal == Kanaal.POST and adres is None and not data.woont_bij_jeugdige:
        raise DomainError(
            Foutcode.GEEN_ADRES,
            "Vul een adres in, kruis aan dat deze persoon op het adres van de jeugdige woont, of kies digitaal.",
            field="straatnaam",
        )
    return {
        "rol": data.rol,
        "gezag": gezag,
        "voornamen": voornamen,
        "achternaam": achternaam,
        "email": email,
        "telefoonnummer": nummer,
        "landnummer": landnummer,
        "kanaal": data.kanaal,
        "woont_bij_jeugdige": bool(data.woont_bij_jeugdige) and adres is None,
        "adres": adres,
    }


def _controleer_gezag(jeugdige: Jeugdige, velden: dict, dag: date, *, behalve: int | None = None) -> None:
    """At most two holders of gezag at once (BW 1:245, 1:251, 1:253a); a voogd or a GI holds it
    instead of the parents (BW 1:280), never beside a parent with gezag."""
    if not velden["gezag"]:
        return
    huidige = [lid for lid in gezagsdragers_op(jeugdige, dag) if lid.pk != behalve]
    if len(huidige) >= MAX_GEZAGSDRAGERS:
        raise DomainError(
            Foutcode.GEZAG_VOL,
            "Er zijn al twee gezagsdragers. Beëindig eerst het gezag van een van hen.",
            field="gezag",
        )
    ouder = velden["rol"] == Gezinsrol.OUDER
    if any((lid.rol == Gezinsrol.OUDER) != ouder for lid in huidige):
        raise DomainError(
            Foutcode.GEZAG_BOTST,
            "Voogdij en ouderlijk gezag gaan niet samen. Beëindig eerst het gezag van de ouder(s) of de voogd.",
            field="rol",
        )


def voeg_gezinslid_toe(
    *, jeugdige: Jeugdige, gegevens: Gezinsliddata, door, context: Toegangscontext | None = None
) -> Gezinslid:
    """The toegang adds a parent, voogd or GI as of today (server date)."""
    if not mag_gezin_wijzigen(door, jeugdige):
        _weiger(jeugdige, door, context, Actie.AANMAKEN, "Gezinslid")
    velden = _controleer_gezinslid(gegevens)
    dag = vandaag()
    with transaction.atomic():
        Jeugdige.objects.select_for_update().filter(pk=jeugdige.pk).first()  # one family change at a time
        _controleer_gezag(jeugdige, velden, dag)
        adres = velden.pop("adres")
        lid = Gezinslid.objects.create(jeugdige=jeugdige, begindatum=dag, **velden)
        if adres is not None:
            GezinslidAdres.objects.create(gezinslid=lid, begindatum=dag, **adres)
        log_persoonsgegevens(actie=Actie.AANMAKEN, obj=lid, jeugdige=jeugdige, door=door, context=context)
        publiceer(GezinGewijzigd(jeugdige_id=jeugdige.pk))
    return lid


def wijzig_gezinslid(
    *, gezinslid: Gezinslid, gegevens: Gezinsliddata, door, context: Toegangscontext | None = None
) -> Gezinslid:
    """Correct the name, contact details or channel of a current parent or gezag holder; a new
    address starts today and closes the previous one the day before (history kept)."""
    jeugdige = gezinslid.jeugdige
    if not mag_gezin_wijzigen(door, jeugdige):
        _weiger(jeugdige, door, context, Actie.WIJZIGEN, "Gezinslid")
    velden = _controleer_gezinslid(gegevens)
    dag = vandaag()
    with transaction.atomic():
        lid = Gezinslid.objects.select_for_update().get(pk=gezinslid.pk)
        if lid.einddatum is not None and lid.einddatum < dag:
            raise DomainError(Foutcode.AL_BEEINDIGD, "Deze persoon is al beëindigd; voeg hem of haar opnieuw toe.")
        _controleer_gezag(jeugdige, velden, dag, behalve=lid.pk)
        adres = velden.pop("adres")
        for veld, waarde in velden.items():
            setattr(lid, veld, waarde)
        lid.save()
        huidig = GezinslidAdres.objects.select_for_update().filter(gezinslid=lid, einddatum__isnull=True).first()
        if huidig is None or adres is None or any(getattr(huidig, k) != v for k, v in adres.items()):
            if huidig is not None:
                if huidig.begindatum >= dag:
                    huidig.delete()
                else:
                    huidig.einddatum = dag - timedelta(days=1)
                    huidig.save(update_fields=["einddatum"])
            if adres is not None:
                GezinslidAdres.objects.create(gezinslid=lid, begindatum=dag, **adres)
        log_persoonsgegevens(actie=Actie.WIJZIGEN, obj=lid, jeugdige=jeugdige, door=door, context=context)
        publiceer(GezinGewijzigd(jeugdige_id=jeugdige.pk))
    return lid


def beeindig_gezinslid(*, gezinslid: Gezinslid, door, context: Toegangscontext | None = None) -> Gezinslid:
    """End a parent's or gezag holder's place in the family as of today: from today letters no
    longer go to them and their consent no longer counts (the period ends yesterday)."""
    jeugdige = gezinslid.jeugdige
    if not mag_gezin_wijzigen(door, jeugdige):
        _weiger(jeugdige, door, context, Actie.WIJZIGEN, "Gezinslid")
    dag = vandaag()
    with transaction.atomic():
        lid = Gezinslid.objects.select_for_update().get(pk=gezinslid.pk)
        if lid.einddatum is not None and lid.einddatum < dag:
            raise DomainError(Foutcode.AL_BEEINDIGD, "Deze persoon is al beëindigd.")
        lid.einddatum = dag - timedelta(days=1)
        if lid.einddatum < lid.begindatum:  # added today by mistake: the row never counted
            lid.begindatum = lid.einddatum
        lid.save(update_fields=["begindatum", "einddatum"])
        GezinslidAdres.objects.filter(gezinslid=lid, einddatum__isnull=True).update(
            einddatum=max(lid.einddatum, lid.begindatum)
        )
        log_persoonsgegevens(
            actie=Actie.WIJZIGEN, obj=lid, jeugdige=jeugdige, door=door, context=context, details="beeindigd"
        )
        publiceer(GezinGewijzigd(jeugdige_id=jeugdige.pk))
    return lid


def wijzig_contactvoorkeur(
    *, jeugdige: Jeugdige, email: str, kanaal: str, door, context: Toegangscontext | None = None
) -> Contactvoorkeur:
    """The young person's own e-mail address and channel (used from 12, Jeugdwet 7.3.4)."""
    if not mag_gezin_wijzigen(door, jeugdige):
        _weiger(jeugdige, door, context, Actie.WIJZIGEN, "Contactvoorkeur")
    email = _controleer_email(email, kanaal)
    with transaction.atomic():
        voorkeur, _ = Contactvoorkeur.objects.select_for_update().get_or_create(jeugdige=jeugdige)
        voorkeur.email, voorkeur.kanaal = email, kanaal
        voorkeur.save()
        log_persoonsgegevens(actie=Actie.WIJZIGEN, obj=voorkeur, jeugdige=jeugdige, door=door, context=context)
        publiceer(GezinGewijzigd(jeugdige_id=jeugdige.pk))
    return voorkeur
