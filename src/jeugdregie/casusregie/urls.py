from django.urls import path

from . import views

app_name = "casusregie"
urlpatterns = [
    path("", views.CasusOverzicht.as_view(), name="overzicht"),
    path("<int:pk>/", views.CasusDetail.as_view(), name="detail"),
    path("<int:pk>/<slug:actie>/", views.CasusHandeling.as_view(), name="actie"),
    path("jeugdige/<int:pk>/", views.CasusOpenen.as_view(), name="openen"),
]
