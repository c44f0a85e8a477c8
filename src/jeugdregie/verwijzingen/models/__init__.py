"""Models of the referral: the referral with its results and keuzebudget, the submission on the
referral form, notifications, and the route's event log."""

from jeugdregie.verwijzingen.models.aanmelding import Aanmelding
from jeugdregie.verwijzingen.models.gebeurtenis import Gebeurtenis
from jeugdregie.verwijzingen.models.melding import Melding, MeldingGelezen, MeldingGemaild, Meldingvoorkeur
from jeugdregie.verwijzingen.models.toestemming import ToestemmingHuisartsroute
from jeugdregie.verwijzingen.models.verwijzing import Keuzebudget, Resultaat, Verwijzing

__all__ = [
    "Aanmelding",
    "Gebeurtenis",
    "Keuzebudget",
    "Melding",
    "MeldingGelezen",
    "MeldingGemaild",
    "Meldingvoorkeur",
    "Resultaat",
    "ToestemmingHuisartsroute",
    "Verwijzing",
]
