from django.urls import path

from . import werk_views

app_name = "werk"

urlpatterns = [
    path("<slug:slug>/", werk_views.Lijst.as_view(), name="lijst"),
    path("<slug:slug>/toewijzen/", werk_views.Toewijzen.as_view(), name="toewijzen"),
]
