"""The second login step, enrolment of the authenticator app or a security key, and the user's own keys
(R-P5). Thin: accounts/tweefactor.py decides; the WebAuthn ceremonies themselves are accounts/webauthn.py."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import tweefactor
from .forms import CodeForm


def _volgende(request) -> str:
    doel = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(doel, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return doel
    return resolve_url("portaal:home")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verifieren(request):
    """After the password: a security key or passkey (when the user registered one; the browser
    talks to accounts/webauthn.py), a code from the app, or a recovery code."""
    if tweefactor.tweede_factor_voldaan(request):
        return redirect(_volgende(request))
    if not tweefactor.heeft_tweede_factor(request.user):
        return redirect(f"{resolve_url('tweefactor:instellen')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if tweefactor.verifieer(request=request, code=form.cleaned_data["code"]):
            return redirect(_volgende(request))
        form.add_error("code", _("Deze code klopt niet of is al gebruikt. Probeer de volgende code uit de app."))
    context = {
        "form": form,
        "next": _volgende(request),
        "heeft_app": tweefactor.heeft_app(request.user),
        "heeft_sleutel": tweefactor.heeft_sleutel(request.user),
    }
    return render(request, "registration/tweede_factor.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def instellen(request):
    """Enrolment: scan the QR code (or type the key), confirm with a code, get recovery codes once.
    Instead of the app, a security key or passkey can be registered (the browser talks to
    accounts/webauthn.py; afterwards the user makes recovery codes). A user who already has an app
    or key and is not verified in this session must verify first."""
    if tweefactor.heeft_tweede_factor(request.user) and not tweefactor.tweede_factor_voldaan(request):
        return redirect(f"{resolve_url('tweefactor:verifieren')}?{request.GET.urlencode()}")
    apparaat = tweefactor.start_inschrijving(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        codes = tweefactor.bevestig_inschrijving(request=request, apparaat=apparaat, code=form.cleaned_data["code"])
        if codes is not None:
            return render(request, "registration/herstelcodes.html", {"codes": codes, "next": _volgende(request)})
        form.add_error("code", _("Deze code klopt niet. Controleer de tijd op uw telefoon en probeer het opnieuw."))
    context = {
        "form": form,
        "next": _volgende(request),
        "qr": tweefactor.qr_svg_data_uri(apparaat),
        "geheim": tweefactor.geheim_base32(apparaat),
        "uri": apparaat.config_url,
        # after registering a key instead: recovery codes, then on to where the user was going
        "na_registratie": f"{resolve_url('tweefactor:herstelcodes')}?{urlencode({'next': _volgende(request)})}",
    }
    return render(request, "registration/tweede_factor_instellen.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def herstelcodes(request):
    """New recovery codes (the old ones stop working); only in a session with the second factor."""
    if not tweefactor.tweede_factor_voldaan(request):
        return redirect(f"{resolve_url('tweefactor:verifieren')}?next={request.path}")
    if request.method == "POST":
        codes = tweefactor.nieuwe_herstelcodes(request.user)
        return render(request, "registration/herstelcodes.html", {"codes": codes, "next": _volgende(request)})
    return render(request, "registration/herstelcodes_vernieuwen.html", {"next": _volgende(request)})


@never_cache
@login_required
@require_http_methods(["GET"])
def sleutels(request):
    """The user's own security keys and passkeys: register another, see when each was used,
    remove one. Only in a session with the second factor (the package refuses registration
    otherwise too)."""
    if not tweefactor.tweede_factor_voldaan(request):
        return redirect(f"{resolve_url('tweefactor:verifieren')}?next={request.path}")
    context = {"sleutels": tweefactor.sleutels_van(request.user), "heeft_app": tweefactor.heeft_app(request.user)}
    return render(request, "registration/sleutels.html", context)


@never_cache
@login_required
@require_POST
def sleutel_verwijderen(request, pk: int):
    """Removes one of the user's own keys; another user's key is not found (404)."""
    if not tweefactor.tweede_factor_voldaan(request):
        return redirect(f"{resolve_url('tweefactor:verifieren')}?next={resolve_url('tweefactor:sleutels')}")
    try:
        if not tweefactor.verwijder_sleutel(request=request, sleutel_id=pk):
            raise Http404
    except tweefactor.LaatsteFactor:
        messages.error(
            request,
            _(
                "Dit is uw enige tweede factor. Registreer eerst een andere sleutel of stel de authenticator-app "
                "in; daarna kunt u deze sleutel verwijderen."
            ),
        )
    else:
        messages.success(request, _("De sleutel is verwijderd. Hij werkt niet meer om in te loggen."))
    return redirect("tweefactor:sleutels")


class InloggenView(auth_views.LoginView):
    """Django's password login (django-axes throttles it) with the municipality's SSO offered when configured."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_aan"] = getattr(settings, "JEUGDREGIE_OIDC_AAN", False)
        return context
