from django.urls import path

from . import views

urlpatterns = [
    path("gezondheid/", views.gezondheid, name="gezondheid"),
    path("gereedheid/", views.gereedheid, name="gereedheid"),
    path("metrics", views.metrics_tekst, name="metrics"),
]
