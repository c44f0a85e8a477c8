from django.urls import path

from jeugdregie.toewijzingen.views import acties, verwijzingen

app_name = "route"
urlpatterns = [
    path("", verwijzingen.VerwijzingenLijst.as_view(), name="verwijzingen"),
    path("verwijzingen/<int:pk>/", verwijzingen.VerwijzingDetail.as_view(), name="verwijzing"),
    path("verwijzingen/<int:pk>/screening/", acties.Screenen.as_view(), name="screening"),
    path("verwijzingen/<int:pk>/start/", acties.Starten.as_view(), name="start"),
    path("verwijzingen/<int:pk>/aanpassing/", acties.AanpassingIndienen.as_view(), name="aanpassing_nieuw"),
    path("verwijzingen/<int:pk>/opvolging/", acties.OpvolgingSluiten.as_view(), name="opvolging"),
    path("toewijzingen/<int:pk>/stop/", acties.Stoppen.as_view(), name="stop"),
    path("toewijzingen/<int:pk>/intrekken/", acties.Intrekken.as_view(), name="intrekken"),
    path("toewijzingen/<int:pk>/verlengen/", acties.DuurzaamVerlengen.as_view(), name="verlengen"),
    path("aanpassingen/<int:pk>/", acties.AanpassingBesluiten.as_view(), name="aanpassing"),
]
