from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from jeugdregie.accounts.constants import Rol
from jeugdregie.begroting.services.signalen import signalen_voor
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.policies import ROLLEN_MET_DOSSIER
from jeugdregie.toewijzingen.werkvoorraad import werkvoorraden

from .navigatie import WERKVOORRADEN, links_voor

#: Roles whose home page carries the budget-control signal (issue 13 §5, R-V4).
BUDGETSIGNAAL_ROLLEN = (Rol.FINANCIEEL, Rol.BESTUURDER)


@login_required
def home(request):
    rol = Rol(request.user.rol) if request.user.rol else None
    context = {
        "rol": rol,
        "toont_jeugdigen": rol in ROLLEN_MET_DOSSIER,
        "links": links_voor(request.user),
        "werkvoorraden": werkvoorraden(request.user, op=timezone.localdate()),
        "nog_te_bouwen": WERKVOORRADEN.get(rol, []),
        "aantal_jeugdigen": Jeugdige.objects.voor_gebruiker(request.user).count(),
        # R-V4: finance and the board see on their home page when a forecast exceeds the begroting
        "toont_budgetsignalen": rol in BUDGETSIGNAAL_ROLLEN,
        "budgetsignalen": signalen_voor(request.user) if rol in BUDGETSIGNAAL_ROLLEN else [],
    }
    return render(request, "portaal/home.html", context)
