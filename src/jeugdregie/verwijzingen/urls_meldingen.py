"""Issue 19 §3: the notification inbox, at /meldingen/."""

from django.urls import path

from jeugdregie.verwijzingen.views import meldingen

app_name = "meldingen"
urlpatterns = [
    path("", meldingen.MeldingenLijst.as_view(), name="lijst"),
    path("<int:pk>/", meldingen.MeldingOpenen.as_view(), name="openen"),
    path("alles-gelezen/", meldingen.AllesGelezen.as_view(), name="alles_gelezen"),
    path("instellingen/", meldingen.Meldingvoorkeuren.as_view(), name="voorkeuren"),
]
