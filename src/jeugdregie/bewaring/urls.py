from django.urls import path

from . import views

app_name = "bewaring"
urlpatterns = [
    path("jeugdigen/<int:pk>/", views.Rechten.as_view(), name="rechten"),
    path("jeugdigen/<int:pk>/inzage.<str:formaat>", views.Inzage.as_view(), name="inzage"),
    path("jeugdigen/<int:pk>/corrigeren/", views.Corrigeren.as_view(), name="corrigeren"),
    path("jeugdigen/<int:pk>/langer-bewaren/", views.LangerBewaren.as_view(), name="langer_bewaren"),
]
