from django.urls import path

from . import views

app_name = "gebruikersbeheer"
urlpatterns = [
    path("", views.GebruikersLijst.as_view(), name="lijst"),
    path("nieuw/", views.GebruikerNieuw.as_view(), name="nieuw"),
    path("<int:pk>/", views.GebruikerWijzigen.as_view(), name="wijzigen"),
    path("<int:pk>/deactiveren/", views.GebruikerActief.as_view(actief=False), name="deactiveren"),
    path("<int:pk>/activeren/", views.GebruikerActief.as_view(actief=True), name="activeren"),
    path("<int:pk>/tweede-factor-herstellen/", views.TweedeFactorHerstellen.as_view(), name="tweede_factor"),
]
