from django.urls import path, re_path

from .views import budget, declaraties, uploaden

app_name = "declaraties"

urlpatterns = [
    path("", declaraties.DeclaratiesLijst.as_view(), name="lijst"),
    path("<int:pk>/", declaraties.DeclaratieDetail.as_view(), name="detail"),
    path("uploaden/", uploaden.DeclaratieUploaden.as_view(), name="uploaden"),
    re_path(r"^sjabloon\.(?P<formaat>csv|xlsx)$", uploaden.Sjabloon.as_view(), name="sjabloon"),
    path("budgetten/", budget.Budgetoverzicht.as_view(), name="budgetten"),
]
