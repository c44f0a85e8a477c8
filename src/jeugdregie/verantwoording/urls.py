from django.urls import path

from .views import crisis, productie

app_name = "verantwoording"
urlpatterns = [
    path("crisis/", crisis.Crisisverdeling.as_view(), name="crisisverdeling"),
    path("crisis/instellingen/", crisis.CrisisInstellingen.as_view(), name="crisisinstellingen"),
    path("productie/", productie.ProductieOverzicht.as_view(), name="productie"),
    path("productie/<int:aanbieder>/<int:jaar>/", productie.ProductieDetail.as_view(), name="productieverantwoording"),
    path("productie/<int:aanbieder>/<int:jaar>/indienen/", productie.Indienen.as_view(), name="indienen"),
    path("productie/<int:aanbieder>/<int:jaar>/regels/", productie.ProductieRegels.as_view(), name="productieregels"),
]
