from django.urls import path

from . import views

app_name = "taakgericht"
urlpatterns = [
    path("", views.Opdrachten.as_view(), name="overzicht"),
    path("<int:pk>/", views.Monitoring.as_view(), name="monitoring"),
    path("termijnen/<int:pk>/betalen/", views.TermijnBetalen.as_view(), name="termijn_betalen"),
]
