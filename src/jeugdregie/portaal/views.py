from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from jeugdregie.audit.context import context_uit_request
from jeugdregie.begroting.services.signalen import signalen_voor
from jeugdregie.common.tijd import nu, vandaag
from jeugdregie.jeugdigen.models import Jeugdige

from . import policies
from .navigatie import links_voor
from .services import kaarten
from .startpagina import startpagina
from .werkvoorraden import werkvoorraden


@login_required
def home(request):
    gebruiker = request.user
    budgetsignalen = policies.toont_budgetsignalen(gebruiker)
    context = {
        "rol": gebruiker.get_rol_display() if gebruiker.rol else None,
        "toont_jeugdigen": policies.toont_jeugdigen(gebruiker),
        "links": links_voor(request.user),
        # issue 19 §1: the cards with their first items; naming children, so the read is logged
        "kaarten": kaarten(gebruiker, werkvoorraden(gebruiker, op=vandaag()), context=context_uit_request(request)),
        "aantal_jeugdigen": Jeugdige.objects.voor_gebruiker(request.user).count(),
        # R-V4: finance and the board see on their home page when a forecast exceeds the begroting
        "toont_budgetsignalen": budgetsignalen,
        "budgetsignalen": signalen_voor(request.user) if budgetsignalen else [],
        # issue 19 §4: the role's own section (finance, contract manager, policy and board,
        # referrer and GI, beheerder), each scoped by its policy
        "start": startpagina(gebruiker, op=vandaag(), nu=nu()),
    }
    return render(request, "portaal/home.html", context)
