from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from jeugdregie.accounts import urls as accounts_urls
from jeugdregie.accounts import views as accounts_views
from jeugdregie.portaal import begrippen
from jeugdregie.portaal import views as portaal

urlpatterns = [
    path("", include(([path("", portaal.home, name="home")], "portaal"))),
    path("werk/", include("jeugdregie.portaal.werk_urls")),  # issue 19 §1: full worklists
    path("begrippen/", begrippen.begrippen, name="begrippen"),  # issue 19 §6: glossary of codes
    path("inloggen/", accounts_views.InloggenView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    # R-P5: second factor, password reset and the municipality's single sign-on (accounts/)
    path("inloggen/tweede-factor/", include(accounts_urls.tweefactor)),
    path("inloggen/tweede-factor/sleutel/", include(accounts_urls.webauthn)),
    path("inloggen/", include(accounts_urls.wachtwoord)),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jeugdigen/", include("jeugdregie.jeugdigen.urls")),
    path("jeugdigen/", include("jeugdregie.dossiers.urls")),  # issue 19 §2: the child's dossier
    path("jeugdigen/", include("jeugdregie.documenten.urls")),  # issue 20 §4: documents
    path("jeugdigen/", include("jeugdregie.gezin.urls")),  # issue 20 §1: family, gezag, consent
    path("catalogus/", include("jeugdregie.catalogus.urls")),
    path("organisaties/", include("jeugdregie.organisaties.urls")),
    path("audit/", include("jeugdregie.audit.urls")),
    path("gebruikers/", include("jeugdregie.gebruikersbeheer.urls")),  # R-P5 user management
    path("route/crisis/", include("jeugdregie.crisis.urls")),
    path("bezwaar/", include("jeugdregie.bezwaar.urls")),  # issue 20 §3, R-D2
    path("casusregie/", include("jeugdregie.casusregie.urls")),  # issue 22 §4, R-R3
    path("taakgericht/", include("jeugdregie.taakgericht.urls")),  # issue 22 §2, R-R2
    path("route/wonen/", include("jeugdregie.wonen.urls")),
    path("route/overdrachten/", include("jeugdregie.overdracht.urls")),  # issue 20 §5, R-D3
    path("route/verzoeken/", include("jeugdregie.verzoeken.urls")),
    path("meldingen/", include("jeugdregie.verwijzingen.urls_meldingen")),  # issue 19 §3
    path("route/", include("jeugdregie.verwijzingen.urls")),
    path("route/", include("jeugdregie.hulpverlening.urls")),
    path("route/", include("jeugdregie.toewijzingen.urls")),
    path("beschikkingen/", include("jeugdregie.beschikkingen.urls")),  # issue 20 §2, R-D1
    path("declaraties/", include("jeugdregie.declaraties.urls")),
    path("betalingen/", include("jeugdregie.betalingen.urls")),
    path("verantwoording/", include("jeugdregie.verantwoording.urls")),
    path("ijw/", include("jeugdregie.ijw.urls")),
    path("beheersing/", include("jeugdregie.beheersing.urls")),
    path("bewaring/", include("jeugdregie.bewaring.urls")),  # R-P7 retention and rights
    path("begroting/", include("jeugdregie.begroting.urls")),  # R-V3, R-V4
    path("beheer/", admin.site.urls),
    path("api/v1/", include("jeugdregie.config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # Issue 17: liveness, readiness and metrics, without login (docs/ops/monitoring.md)
    path("", include(("jeugdregie.gezondheid.urls", "gezondheid"))),
]
