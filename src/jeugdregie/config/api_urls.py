from rest_framework.routers import DefaultRouter

from jeugdregie.audit.api.views import AuditRegelViewSet
from jeugdregie.catalogus.api.views import FunctieViewSet, KeuzebudgetNiveauViewSet, ProductViewSet
from jeugdregie.jeugdigen.api.views import JeugdigeViewSet
from jeugdregie.organisaties.api.views import AanbiederViewSet, ContractViewSet, GemeenteViewSet
from jeugdregie.toewijzingen.api.views import AanpassingViewSet, ToewijzingViewSet, VerwijzingViewSet
from jeugdregie.toewijzingen.api.views_crisis import CrisismeldingViewSet, CrisisverzoekViewSet, HswvViewSet
from jeugdregie.toewijzingen.api.views_vervolg import KeuzelijstViewSet

router = DefaultRouter()
router.register("jeugdigen", JeugdigeViewSet, basename="jeugdige")
router.register("catalogus/producten", ProductViewSet, basename="product")
router.register("catalogus/functies", FunctieViewSet, basename="functie")
router.register("catalogus/keuzebudgetniveaus", KeuzebudgetNiveauViewSet, basename="keuzebudgetniveau")
router.register("gemeenten", GemeenteViewSet, basename="gemeente")
router.register("aanbieders", AanbiederViewSet, basename="aanbieder")
router.register("contracten", ContractViewSet, basename="contract")
router.register("audit", AuditRegelViewSet, basename="auditregel")
router.register("verwijzingen", VerwijzingViewSet, basename="verwijzing")
router.register("toewijzingen", ToewijzingViewSet, basename="toewijzing")
router.register("aanpassingen", AanpassingViewSet, basename="aanpassing")
router.register("crisismeldingen", CrisismeldingViewSet, basename="crisismelding")
router.register("crisisverzoeken", CrisisverzoekViewSet, basename="crisisverzoek")
router.register("hswv", HswvViewSet, basename="hswvinzet")
router.register("keuzelijst", KeuzelijstViewSet, basename="keuzelijst")

urlpatterns = router.urls
