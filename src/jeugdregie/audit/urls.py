from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [path("", views.AuditLijst.as_view(), name="lijst")]
