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
]
