"""Retention terms per data class, read from settings (R-P7). Nothing in the services hard-codes a
term: they ask ``termijnen(regio_code)``.

``JEUGDREGIE_BEWAARTERMIJNEN`` holds the defaults; ``JEUGDREGIE_BEWAARTERMIJNEN_PER_REGIO``
(region code → partial dict) overrides them per region (SPEC §13), e.g. a region that keeps its
jeugdhulp dossiers 20 years. The audit term may never drop below 5 years (NEN 7513): a shorter
value is an error of ``manage.py check`` (``checks.py``) and ``termijnen`` refuses it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .constants import Dataklasse

MINIMUM_AUDIT_JAREN = 5  # NEN 7513

STANDAARD = {
    Dataklasse.JEUGDHULPDOSSIER: {"jaren_na_einde_zorg": 15},  # Jeugdwet 7.3.8
    Dataklasse.JEUGDBESCHERMING: {"meerderjarig_op": 18, "jaren_na_meerderjarigheid": 30},
    Dataklasse.FINANCIEEL: {"jaren_na_boekjaar": 7},  # fiscal record keeping (AWR art. 52)
    Dataklasse.AUDITLOG: {"jaren": 5},  # NEN 7513: at least 5 years
}


@dataclass(frozen=True)
class Bewaartermijnen:
    jaren_na_einde_zorg: int
    meerderjarig_op: int
    jaren_na_meerderjarigheid: int
    jaren_na_boekjaar: int
    audit_jaren: int

    def dossier_tot(self, einde_zorg: date) -> date:
        """The last day a jeugdhulp dossier is kept."""
        return plus_jaren(einde_zorg, self.jaren_na_einde_zorg)

    def jeugdbescherming_tot(self, geboortedatum: date) -> date:
        """OTS/voogdij: until ``jaren_na_meerderjarigheid`` years after majority (18 + 30 = the
        48th birthday)."""
        return plus_jaren(geboortedatum, self.meerderjarig_op + self.jaren_na_meerderjarigheid)

    def financieel_tot(self, laatste_dag: date) -> date:
        """A financial record: until the end of the ``jaren_na_boekjaar``-th year after its year."""
        return date(laatste_dag.year + self.jaren_na_boekjaar, 12, 31)

    def audit_grens(self, vandaag: date) -> date:
        """Audit rows dated before this day are past their term."""
        return plus_jaren(vandaag, -self.audit_jaren)


def plus_jaren(dag: date, jaren: int) -> date:
    """``dag`` moved by whole years; 29 February becomes 28 February in a common year."""
    try:
        return dag.replace(year=dag.year + jaren)
    except ValueError:
        return dag.replace(year=dag.year + jaren, day=28)


def instellingen(regio_code: str | None = None) -> dict:
    """The merged configuration: defaults, then the setting, then the region's override."""
    samengevoegd = {str(k): dict(v) for k, v in STANDAARD.items()}
    bronnen = [getattr(settings, "JEUGDREGIE_BEWAARTERMIJNEN", {}) or {}]
    if regio_code:
        bronnen.append((getattr(settings, "JEUGDREGIE_BEWAARTERMIJNEN_PER_REGIO", {}) or {}).get(regio_code, {}))
    for bron in bronnen:
        for klasse, waarden in bron.items():
            samengevoegd.setdefault(str(klasse), {}).update(waarden)
    return samengevoegd


def fouten_in(config: dict) -> list[str]:
    """What is wrong with a configuration (empty: fine). Used by the system check."""
    fouten = []
    for klasse, velden in STANDAARD.items():
        for veld in velden:
            waarde = config.get(str(klasse), {}).get(veld)
            if not isinstance(waarde, int) or isinstance(waarde, bool) or waarde < 0:
                fouten.append(f"{klasse}.{veld} moet een geheel aantal jaren (≥ 0) zijn, niet {waarde!r}.")
    audit = config.get(str(Dataklasse.AUDITLOG), {}).get("jaren")
    if isinstance(audit, int) and audit < MINIMUM_AUDIT_JAREN:
        fouten.append(f"auditlog.jaren is {audit}; NEN 7513 vraagt minstens {MINIMUM_AUDIT_JAREN} jaar.")
    return fouten


def termijnen(regio_code: str | None = None) -> Bewaartermijnen:
    config = instellingen(regio_code)
    fouten = fouten_in(config)
    if fouten:
        raise ImproperlyConfigured("Bewaartermijnen ongeldig: " + " ".join(fouten))
    return Bewaartermijnen(
        jaren_na_einde_zorg=config[Dataklasse.JEUGDHULPDOSSIER]["jaren_na_einde_zorg"],
        meerderjarig_op=config[Dataklasse.JEUGDBESCHERMING]["meerderjarig_op"],
        jaren_na_meerderjarigheid=config[Dataklasse.JEUGDBESCHERMING]["jaren_na_meerderjarigheid"],
        jaren_na_boekjaar=config[Dataklasse.FINANCIEEL]["jaren_na_boekjaar"],
        audit_jaren=config[Dataklasse.AUDITLOG]["jaren"],
    )
