from django.urls import path

from . import views

app_name = "dossiers"
urlpatterns = [
    path("<int:pk>/dossier/", views.JeugdigeDossier.as_view(), name="jeugdige"),
]
