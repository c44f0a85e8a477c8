from django.urls import path

from . import views

app_name = "ijw"

urlpatterns = [
    path("", views.BerichtenLijst.as_view(), name="lijst"),
    path("wachtrij/", views.Wachtrij.as_view(), name="wachtrij"),
    path("<int:pk>/", views.BerichtDetail.as_view(), name="bericht"),
    path("<int:pk>/xml/", views.BerichtXml.as_view(), name="xml"),
]
