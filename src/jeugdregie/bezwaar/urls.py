from django.urls import path

from . import views

app_name = "bezwaar"
urlpatterns = [
    path("", views.BezwaarOverzicht.as_view(), name="overzicht"),
    path("<int:pk>/", views.BezwaarDetail.as_view(), name="detail"),
    path("<int:pk>/<slug:stap>/", views.BezwaarStap.as_view(), name="stap"),
    path("beschikking/<int:pk>/", views.BezwaarRegistreren.as_view(), name="registreren"),
]
