from django.urls import path

from . import views

app_name = "beschikkingen"

urlpatterns = [
    path("", views.Register.as_view(), name="register"),
    path("wachtend/", views.Wachtend.as_view(), name="wachtend"),
    path("wachtend/<int:pk>/opnieuw/", views.OpnieuwProberen.as_view(), name="opnieuw"),
    path("<int:pk>/pdf/", views.Downloaden.as_view(), name="pdf"),
    path("<int:pk>/verzenden/", views.Verzenden.as_view(), name="verzenden"),
    path("sjablonen/", views.Sjablonen.as_view(), name="sjablonen"),
    path("sjablonen/<int:gemeente>/", views.SjabloonBewerken.as_view(), name="sjabloon"),
]
