from django.urls import path

from . import views

app_name = "begroting"
urlpatterns = [
    path("", views.Budgetbeheersing.as_view(), name="budgetbeheersing"),  # R-V3, R-V4
    path("vaststellen/", views.BegrotingVaststellen.as_view(), name="vaststellen"),  # R-V3
]
