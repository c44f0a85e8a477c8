from django.urls import path

from . import views

app_name = "verzoeken"
urlpatterns = [
    path("", views.VerzoekenLijst.as_view(), name="lijst"),
    path("<int:pk>/", views.VerzoekDetail.as_view(), name="verzoek"),
    path("<int:pk>/onderzoek/", views.InOnderzoek.as_view(), name="onderzoek"),
    path("<int:pk>/afwijzen/", views.Afwijzen.as_view(), name="afwijzen"),
    path("<int:pk>/honoreren/", views.Honoreren.as_view(), name="honoreren"),
]
