from django.urls import path

from .views import aanmeldingen, acties, verwijzingen, wonen

app_name = "route"
urlpatterns = [
    path("", verwijzingen.VerwijzingenLijst.as_view(), name="verwijzingen"),
    path("verwijzingen/nieuw/", verwijzingen.VerwijzingNieuw.as_view(), name="verwijzing_nieuw"),
    path("aanmeldingen/", aanmeldingen.AanmeldingenLijst.as_view(), name="aanmeldingen"),
    path("aanmeldingen/werkvoorraad/", aanmeldingen.Werkvoorraad.as_view(), name="aanmeldingen_werkvoorraad"),
    path("aanmeldingen/<int:pk>/honoreren/", aanmeldingen.Honoreren.as_view(), name="aanmelding_honoreren"),
    path("aanmeldingen/<int:pk>/afwijzen/", aanmeldingen.Afwijzen.as_view(), name="aanmelding_afwijzen"),
    path("verwijzingen/<int:pk>/", verwijzingen.VerwijzingDetail.as_view(), name="verwijzing"),
    path("verwijzingen/<int:pk>/screening/", acties.Screenen.as_view(), name="screening"),
    path("verwijzingen/<int:pk>/start/", acties.Starten.as_view(), name="start"),
    path("verwijzingen/<int:pk>/aanpassing/", acties.AanpassingIndienen.as_view(), name="aanpassing_nieuw"),
    path("verwijzingen/<int:pk>/opvolging/", acties.OpvolgingSluiten.as_view(), name="opvolging"),
    path("toewijzingen/<int:pk>/stop/", acties.Stoppen.as_view(), name="stop"),
    path("toewijzingen/<int:pk>/intrekken/", acties.Intrekken.as_view(), name="intrekken"),
    path("aanpassingen/<int:pk>/", acties.AanpassingBesluiten.as_view(), name="aanpassing"),
    path("keuzelijst/", wonen.Keuzelijst.as_view(), name="keuzelijst"),
]
