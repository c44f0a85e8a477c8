from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from jeugdregie.accounts.constants import ROLLEN_MET_PERSOONSGEGEVENS, Rol
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.toewijzingen.werkvoorraad import werkvoorraden

from .navigatie import WERKVOORRADEN, links_voor


@login_required
def home(request):
    rol = Rol(request.user.rol) if request.user.rol else None
    context = {
        "rol": rol,
        "toont_jeugdigen": rol in ROLLEN_MET_PERSOONSGEGEVENS,
        "links": links_voor(request.user),
        "werkvoorraden": werkvoorraden(request.user, op=timezone.localdate()),
        "nog_te_bouwen": WERKVOORRADEN.get(rol, []),
        "aantal_jeugdigen": Jeugdige.objects.voor_gebruiker(request.user).count(),
    }
    return render(request, "portaal/home.html", context)
