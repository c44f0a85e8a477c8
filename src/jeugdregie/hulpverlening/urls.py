from django.urls import path

from . import views

app_name = "hulpverlening"
urlpatterns = [
    path("toewijzingen/<int:pk>/plan/", views.PlanOpstellen.as_view(), name="plan"),
]
