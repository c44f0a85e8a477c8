from django.urls import path

from . import views

app_name = "overdracht"
urlpatterns = [
    path("", views.OverdrachtLijst.as_view(), name="lijst"),
    path("<int:pk>/", views.OverdrachtDetail.as_view(), name="detail"),
    path("<int:pk>/beeindigen/", views.Beeindigen.as_view(), name="beeindigen"),
    path("<int:pk>/bevestigen/", views.Bevestigen.as_view(), name="bevestigen"),
    path("<int:pk>/afronden/", views.Afronden.as_view(), name="afronden"),
    path("<int:pk>/geschil/", views.GeschilNieuw.as_view(), name="geschil"),
    path("geschillen/<int:pk>/uitkomst/", views.GeschilBeslissen.as_view(), name="uitkomst"),
]
