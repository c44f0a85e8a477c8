from django.urls import path

from . import views

app_name = "catalogus"
urlpatterns = [
    path("", views.ProductenLijst.as_view(), name="producten"),
    path("functies/", views.FunctiesLijst.as_view(), name="functies"),
    path("keuzebudgetten/", views.KeuzebudgettenLijst.as_view(), name="keuzebudgetten"),
]
