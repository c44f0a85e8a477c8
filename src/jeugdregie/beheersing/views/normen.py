"""R-K2 page: the norms in force per indicator, their version history, and (contract manager
only) the form that sets a new version. Norms are no personal data: nothing is audit-logged."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from jeugdregie.accounts.policies import regio_id_van
from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag

from ..forms import NormForm
from ..indicatoren.register import REGISTER
from ..models import Norm, Normsoort
from ..policies import mag_normen_inzien, mag_normen_vaststellen
from ..services.normen import huidige_normen, omschrijving, stel_norm_vast


def _vanaf(tekst: str):
    """The first month a new norm applies from: the period the user came from (``?vanaf=2025-10``
    from the scorecard's "wijzig" link), else the current month."""
    try:
        jaar, maand = (int(deel) for deel in tekst.split("-"))
        return date(jaar, maand, 1)
    except ValueError:
        return vandaag().replace(day=1)


class Normen(LoginRequiredMixin, PaginaMixin, TemplateView):
    model = Norm
    beleid = mag_normen_inzien
    template_name = "beheersing/normen.html"

    def get(self, request, *args, **kwargs):
        formaat = request.GET.get("export")
        if formaat in ("csv", "xlsx"):
            return self._export(formaat)
        begin = {
            "indicator": request.GET.get("indicator", ""),
            "categorie": request.GET.get("categorie", ""),
            "soort": Normsoort.ABSOLUUT,
            "geldig_vanaf": _vanaf(request.GET.get("vanaf", "")),
        }
        return self._toon(NormForm(initial=begin, regio_id=regio_id_van(request.user)))

    def post(self, request, *args, **kwargs):
        if not mag_normen_vaststellen(request.user):
            raise PermissionDenied(_("Alleen de contractmanager kan normen vaststellen."))
        form = NormForm(request.POST, regio_id=regio_id_van(request.user))
        if form.is_valid():
            try:
                norm = stel_norm_vast(door=request.user, **form.cleaned_data)
            except DomainError as fout:
                form.add_error(fout.field, fout.message)
            else:
                indicator = REGISTER[norm.indicator]
                messages.success(
                    request,
                    _("Norm voor %(indicator)s vastgesteld vanaf %(vanaf)s: %(norm)s.")
                    % {
                        "indicator": indicator.naam,
                        "vanaf": norm.geldig_vanaf.strftime("%m-%Y"),
                        "norm": omschrijving(indicator, norm),
                    },
                )
                volgende = request.POST.get("volgende", "")
                if volgende and url_has_allowed_host_and_scheme(volgende, {request.get_host()}):
                    return redirect(volgende)
                return redirect("beheersing:normen")
        return self._toon(form)

    def _export(self, formaat: str):
        """The norms in force as CSV or Excel (issue 6 §8: every table exports)."""
        regels = huidige_normen(regio_id=self.request.user.regio_id, peildatum=vandaag())
        kolommen = [_("Code"), _("Indicator"), _("Pijler"), _("Categorie"), _("Norm"), _("Geldig vanaf")]
        rijen = [
            (
                r.indicator.code,
                r.indicator.naam,
                str(r.indicator.pijler.label),
                r.norm.categorienaam if r.norm and r.norm.categorie else _("Alle categorieën"),
                r.tekst,
                r.norm.geldig_vanaf.strftime("%m-%Y") if r.norm else "",
            )
            for r in regels
        ]
        return tabel_response(naam="normen", formaat=formaat, kolommen=kolommen, rijen=rijen)

    def _toon(self, form):
        user = self.request.user
        versies = Norm.objects.filter(regio_id=user.regio_id).select_related("vastgesteld_door")
        gekozen = self.request.GET.get("indicator")
        if gekozen:
            versies = versies.filter(indicator=gekozen)
        context = {
            "form": form,
            "mag_vaststellen": mag_normen_vaststellen(user),
            "huidig": huidige_normen(regio_id=user.regio_id, peildatum=vandaag()),
            "versies": [
                (v, REGISTER[v.indicator], omschrijving(REGISTER[v.indicator], v))
                for v in versies[:500]
                if v.indicator in REGISTER
            ],
            "register": REGISTER,
            "volgende": self.request.GET.get("volgende", ""),
        }
        return self.render_to_response(self.get_context_data(**context))
