from django.urls import path

from . import regelset_views, views

app_name = "organisaties"
urlpatterns = [
    path("gemeenten/", views.GemeentenLijst.as_view(), name="gemeenten"),
    path("aanbieders/", views.AanbiedersLijst.as_view(), name="aanbieders"),
    path("aanbieders/<int:pk>/", views.AanbiederDetail.as_view(), name="aanbieder"),
    path("wachttijden/", views.Wachttijden.as_view(), name="wachttijden"),
    path("wachttijden/regio/", views.WachttijdenRegio.as_view(), name="wachttijden_regio"),
    # R-R1: the region's rule set, for its functioneel beheerder
    path("regelset/", regelset_views.Regelsets.as_view(), name="regelsets"),
    path("regelset/nieuw/", regelset_views.RegelsetNieuw.as_view(), name="regelset_nieuw"),
    path("regelset/tarieven/", regelset_views.Regiotarieven.as_view(), name="regiotarieven"),
    path("regelset/keuzebudgetten/", regelset_views.Regiokeuzebudgetten.as_view(), name="regiokeuzebudgetten"),
    path("regelset/inkoop/", regelset_views.Inkoopniveaus.as_view(), name="inkoopniveaus"),
    path(
        "regelset/aanbiedercategorieen/",
        regelset_views.Aanbiedercategorieen.as_view(),
        name="aanbiedercategorieen",
    ),
]
