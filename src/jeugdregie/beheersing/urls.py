from django.urls import path

from .views import maatregelen, normen, scorekaart, signalen, vergelijking

app_name = "beheersing"
urlpatterns = [
    path("normen/", normen.Normen.as_view(), name="normen"),  # R-K2
    path("aanbieders/", scorekaart.Scorekaarten.as_view(), name="scorekaarten"),  # R-K3
    path("aanbieders/<int:pk>/scorekaart/", scorekaart.Scorekaart.as_view(), name="scorekaart"),
    path(
        "aanbieders/<int:pk>/scorekaart/<str:indicator>/regels/",
        scorekaart.Onderbouwing.as_view(),
        name="onderbouwing",
    ),
    path("gemeenten/", vergelijking.Vergelijking.as_view(), name="gemeenten"),
    path("gemeenten/trends/<slug:trend>/", vergelijking.Trendweergave.as_view(), name="gemeenten_trend"),
    path("gemeenten/cbs-export/", vergelijking.CbsExport.as_view(), name="cbs_export"),  # issue 21 item 10
    path("signalen/", signalen.Signalen.as_view(), name="signalen"),  # R-K5
    path("maatregelen/", maatregelen.Maatregelen.as_view(), name="maatregelen"),  # R-K6
    path(
        "maatregelen/aanbieder/<int:aanbieder>/",
        maatregelen.Maatregelen.as_view(),
        name="maatregelen_aanbieder",
    ),
    path("maatregelen/nieuw/", maatregelen.MaatregelNieuw.as_view(), name="maatregel_nieuw"),
    path("maatregelen/<int:pk>/", maatregelen.MaatregelDetail.as_view(), name="maatregel"),
    path("maatregelen/<int:pk>/uitkomst/", maatregelen.MaatregelUitkomst.as_view(), name="maatregel_uitkomst"),
    path("maatregelen/<int:pk>/afronden/", maatregelen.MaatregelAfronden.as_view(), name="maatregel_afronden"),
]
