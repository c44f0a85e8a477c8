from django.urls import path

from . import views

app_name = "jeugdigen"
urlpatterns = [
    path("", views.JeugdigenLijst.as_view(), name="lijst"),
    path("nieuw/", views.JeugdigeNieuw.as_view(), name="nieuw"),
    path("<int:pk>/", views.JeugdigeDetail.as_view(), name="detail"),
    path("<int:pk>/contact/", views.JeugdigeContact.as_view(), name="contact"),
    path("<int:pk>/verhuizing/", views.JeugdigeVerhuizing.as_view(), name="verhuizing"),  # R-D3
]
