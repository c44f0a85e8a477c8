from django.urls import path

from . import views

app_name = "gezin"
urlpatterns = [
    path("<int:pk>/gezin/", views.GezinOverzicht.as_view(), name="overzicht"),
    path("<int:pk>/gezin/nieuw/", views.GezinslidNieuw.as_view(), name="lid_nieuw"),
    path("<int:pk>/gezin/<int:lid>/wijzigen/", views.GezinslidWijzigen.as_view(), name="lid_wijzigen"),
    path("<int:pk>/gezin/<int:lid>/beeindigen/", views.GezinslidBeeindigen.as_view(), name="lid_beeindigen"),
    path("<int:pk>/gezin/contactvoorkeur/", views.ContactvoorkeurWijzigen.as_view(), name="contactvoorkeur"),
    path("<int:pk>/toestemmingen/nieuw/", views.ToestemmingNieuw.as_view(), name="toestemming_nieuw"),
    path(
        "<int:pk>/toestemmingen/<int:toestemming>/intrekken/",
        views.ToestemmingIntrekken.as_view(),
        name="toestemming_intrekken",
    ),
]
