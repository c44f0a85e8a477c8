from rest_framework.routers import DefaultRouter

from jeugdregie.audit.api.views import AuditRegelViewSet
from jeugdregie.betalingen.api.views import BetaalbatchViewSet, BetaalpostViewSet
from jeugdregie.catalogus.api.views import FunctieViewSet, KeuzebudgetNiveauViewSet, ProductViewSet
from jeugdregie.crisis.api.views import CrisismeldingViewSet, CrisisverzoekViewSet
from jeugdregie.declaraties.api.views import BudgetViewSet, DeclaratieViewSet
from jeugdregie.hswv.api.views import HswvViewSet
from jeugdregie.hulpverlening.api.views import HulpverleningViewSet
from jeugdregie.ijw.api.views import BerichtViewSet
from jeugdregie.jeugdigen.api.views import JeugdigeViewSet
from jeugdregie.organisaties.api.views import AanbiederViewSet, ContractViewSet, GemeenteViewSet, WachttijdViewSet
from jeugdregie.toewijzingen.api.views import AanpassingViewSet, ToewijzingViewSet, VerwijzingActies
from jeugdregie.verantwoording.api.views import (
    CrisisverdelingViewSet,
    ProductieregelViewSet,
    ProductieverantwoordingViewSet,
)
from jeugdregie.verwijzingen.api.views import KeuzelijstViewSet, VerwijzingViewSet
from jeugdregie.wonen.api.views import WonenViewSet

router = DefaultRouter()
router.register("jeugdigen", JeugdigeViewSet, basename="jeugdige")
router.register("catalogus/producten", ProductViewSet, basename="product")
router.register("catalogus/functies", FunctieViewSet, basename="functie")
router.register("catalogus/keuzebudgetniveaus", KeuzebudgetNiveauViewSet, basename="keuzebudgetniveau")
router.register("gemeenten", GemeenteViewSet, basename="gemeente")
router.register("aanbieders", AanbiederViewSet, basename="aanbieder")
router.register("contracten", ContractViewSet, basename="contract")
router.register("wachttijden", WachttijdViewSet, basename="wachttijd")  # R-S6: the provider's own
router.register("audit", AuditRegelViewSet, basename="auditregel")
router.register("verwijzingen", VerwijzingViewSet, basename="verwijzing")
# the allocation's actions on a referral (screening, start, adjustment, follow-up): actions only
router.register("verwijzingen", VerwijzingActies, basename="toewijzen")
# Wonen/Verblijf and plan actions on the allocations' path: registered first, so ``toewijzingen/wonen/`` is
# not taken for an allocation's id (the viewset has actions only, no list or detail).
router.register("toewijzingen", WonenViewSet, basename="wonen")
router.register("toewijzingen", HulpverleningViewSet, basename="hulpverlening")
router.register("toewijzingen", ToewijzingViewSet, basename="toewijzing")
router.register("aanpassingen", AanpassingViewSet, basename="aanpassing")
router.register("crisismeldingen", CrisismeldingViewSet, basename="crisismelding")
router.register("crisisverzoeken", CrisisverzoekViewSet, basename="crisisverzoek")
router.register("hswv", HswvViewSet, basename="hswvinzet")
router.register("keuzelijst", KeuzelijstViewSet, basename="keuzelijst")
router.register("declaraties", DeclaratieViewSet, basename="declaratie")
router.register("budgetten", BudgetViewSet, basename="budget")
router.register("crisisverdeling", CrisisverdelingViewSet, basename="crisisverdeling")
router.register("productieverantwoordingen", ProductieverantwoordingViewSet, basename="productieverantwoording")
router.register("productieregels", ProductieregelViewSet, basename="productieregel")
router.register("betaalbatches", BetaalbatchViewSet, basename="betaalbatch")
router.register("betaalposten", BetaalpostViewSet, basename="betaalpost")
router.register("ijw/berichten", BerichtViewSet, basename="bericht")

urlpatterns = router.urls
