from django.urls import path

from . import views

app_name = "organisaties"
urlpatterns = [
    path("gemeenten/", views.GemeentenLijst.as_view(), name="gemeenten"),
    path("aanbieders/", views.AanbiedersLijst.as_view(), name="aanbieders"),
    path("aanbieders/<int:pk>/", views.AanbiederDetail.as_view(), name="aanbieder"),
    path("wachttijden/", views.Wachttijden.as_view(), name="wachttijden"),
    path("wachttijden/regio/", views.WachttijdenRegio.as_view(), name="wachttijden_regio"),
]
