from django.urls import path

from . import views

app_name = "documenten"
urlpatterns = [
    path("<int:pk>/documenten/", views.DocumentenLijst.as_view(), name="lijst"),
    path("<int:pk>/documenten/nieuw/", views.DocumentNieuw.as_view(), name="nieuw"),
    path("documenten/<int:pk>/", views.DocumentDownload.as_view(), name="download"),
]
