from django.urls import path

from jeugdregie.verwijzingen.views import aanmeldingen, keuzelijst, nieuw, toestemming

app_name = "verwijzingen"
urlpatterns = [
    path("verwijzingen/nieuw/", nieuw.VerwijzingNieuw.as_view(), name="verwijzing_nieuw"),
    path("aanmeldingen/", aanmeldingen.AanmeldingenLijst.as_view(), name="aanmeldingen"),
    path("aanmeldingen/werkvoorraad/", aanmeldingen.Werkvoorraad.as_view(), name="aanmeldingen_werkvoorraad"),
    path("aanmeldingen/<int:pk>/honoreren/", aanmeldingen.Honoreren.as_view(), name="aanmelding_honoreren"),
    path("aanmeldingen/<int:pk>/afwijzen/", aanmeldingen.Afwijzen.as_view(), name="aanmelding_afwijzen"),
    path("keuzelijst/", keuzelijst.Keuzelijst.as_view(), name="keuzelijst"),
    path(  # R-T10
        "jeugdigen/<int:pk>/toestemming-huisartsroute/",
        toestemming.ToestemmingHuisartsrouteNieuw.as_view(),
        name="toestemming_huisartsroute",
    ),
]
