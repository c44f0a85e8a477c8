from django.urls import path

from . import views

app_name = "crisis"
urlpatterns = [
    path("", views.CrisisOverzicht.as_view(), name="overzicht"),
    path("verzoeken/<int:pk>/", views.CrisisverzoekBesluit.as_view(), name="verzoek"),
    path("meldingen/<int:pk>/", views.CrisisBeoordelen.as_view(), name="melding"),
]
