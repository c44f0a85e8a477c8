"""The glossary page "Begrippen en codes" (issue 19 §6): every kind of code of the registry
(``codes.py``) with its codes, labels and explanations, for every logged-in user. It shows no
personal data, so it needs no scoping and no audit entry."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import codes


@login_required
def begrippen(request):
    return render(request, "portaal/begrippen.html", {"soorten": list(codes.alle_soorten())})
