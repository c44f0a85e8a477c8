from django.urls import path

from . import views

app_name = "betalingen"

urlpatterns = [
    path("", views.BatchLijst.as_view(), name="lijst"),
    path("nieuw/", views.BatchNieuw.as_view(), name="nieuw"),
    path("<int:pk>/", views.BatchDetail.as_view(), name="batch"),
    path("<int:pk>/goedkeuren/", views.Goedkeuren.as_view(), name="goedkeuren"),
    path("<int:pk>/afwijzen/", views.Afwijzen.as_view(), name="afwijzen"),
    path("<int:pk>/csv/", views.CsvDownload.as_view(), name="csv"),
    path("<int:pk>/sepa/", views.SepaDownload.as_view(), name="sepa"),
]
