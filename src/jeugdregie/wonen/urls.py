from django.urls import path

from . import views

app_name = "wonen"
urlpatterns = [
    path("nieuw/", views.WonenNieuw.as_view(), name="nieuw"),
]
