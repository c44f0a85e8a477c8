from django.urls import path

from . import views

app_name = "taakgericht"
urlpatterns = [
    path("", views.Opdrachten.as_view(), name="overzicht"),
    path("nieuw/", views.OpdrachtNieuw.as_view(), name="nieuw"),
    path("verwijzen/", views.Verwijzen.as_view(), name="verwijzen"),
    path("<int:pk>/bedrag/", views.BedragVaststellen.as_view(), name="bedrag"),
    path("<int:pk>/betaalschema/", views.SchemaOpstellen.as_view(), name="betaalschema"),
    path("<int:pk>/", views.Monitoring.as_view(), name="monitoring"),
    path("termijnen/<int:pk>/betalen/", views.TermijnBetalen.as_view(), name="termijn_betalen"),
    # iJw IV096: the opdrachtnemer's start and stop screen (for a provider without JW305/JW307)
    path("zorg/", views.ZorgOpdrachten.as_view(), name="zorg_opdrachten"),
    path("<int:pk>/zorg/", views.Zorg.as_view(), name="zorg"),
    path("zorg/<int:pk>/stop/", views.ZorgActie.as_view(actie="stop"), name="zorg_stop"),
    path("zorg/<int:pk>/stop-verwijderen/", views.ZorgActie.as_view(actie="stop_intrekken"), name="stop_verwijderen"),
    path(
        "zorg/<int:pk>/start-verwijderen/", views.ZorgActie.as_view(actie="start_intrekken"), name="start_verwijderen"
    ),
]
