"""The full page of a worklist (issue 19 §1): every item, filtered, 50 a page, exported to CSV or
Excel, and the form that assigns an item to a colleague with a note. A list is reached only
through ``policies.werkvoorraad.werkvoorraad_van``: the same list the user's home page shows."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from jeugdregie.audit import toegangslog
from jeugdregie.audit.constants import Actie
from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin

from .policies.werkvoorraad import collegas, werkvoorraad_van
from .services import koppel_toewijzingen, wijs_werkitem_toe

PER_PAGINA = 50


class _Werkvoorraad(LoginRequiredMixin, PaginaMixin):
    persoonsgegevens = True  # the items name children (initials, age) and are logged as a search

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.werkvoorraad = werkvoorraad_van(request.user, kwargs["slug"])
            if self.werkvoorraad is None:
                # NEN 7513: a refused reach for another organisation's or role's list is logged
                toegangslog.geweigerd(
                    objecttype=self._objecttype(),
                    context=self.toegangscontext,
                    details=f"werkvoorraad {kwargs['slug'][:40]} niet van deze gebruiker",
                )
                raise PermissionDenied(gettext("Deze werkvoorraad hoort niet bij uw rol of organisatie."))
        return super().dispatch(request, *args, **kwargs)

    def _objecttype(self) -> str:
        return "portaal.Werkvoorraad"


def _filter(items, gebruiker, params):
    zoek = params.get("q", "").strip().lower()
    if zoek:
        items = [
            i for i in items if zoek in i.jeugdige_weergave.lower() or zoek in i.onderwerp.lower() or zoek == str(i.pk)
        ]
    if params.get("te_laat"):
        items = [i for i in items if i.verstreken]
    toegewezen = params.get("toegewezen")
    if toegewezen == "mij":
        items = [i for i in items if i.toewijzing and i.toewijzing.toegewezen_aan_id == gebruiker.pk]
    elif toegewezen == "niemand":
        items = [i for i in items if not (i.toewijzing and i.toewijzing.toegewezen_aan_id)]
    return items


KOLOMMEN = (
    _("Onderwerp"),
    _("Jeugdige"),
    _("Leeftijd"),
    _("Andere partij"),
    _("Sinds"),
    _("Uiterlijk"),
    _("Te laat"),
    _("Toegewezen aan"),
    _("Notitie"),
)


def _toegewezen_naam(item) -> str:
    gebruiker = item.toewijzing.toegewezen_aan if item.toewijzing else None
    return (gebruiker.get_full_name() or gebruiker.get_username()) if gebruiker else ""


class Lijst(_Werkvoorraad, TemplateView):
    template_name = "portaal/werkvoorraad.html"

    def get(self, request, *args, **kwargs):
        gebruiker = request.user
        items = self.werkvoorraad.werkitems(gebruiker)
        koppel_toewijzingen(gebruiker, items)
        items = _filter(items, gebruiker, request.GET)
        formaat = request.GET.get("export")
        if formaat in ("csv", "xlsx"):
            self.log_zoeken(aantal=len(items), actie=Actie.EXPORTEREN, objecten=items)
            rijen = (
                (
                    i.onderwerp,
                    i.jeugdige_weergave,
                    i.leeftijd,
                    i.andere_partij,
                    i.sinds,
                    i.uiterlijk,
                    i.verstreken,
                    _toegewezen_naam(i),
                    i.toewijzing.notitie if i.toewijzing else "",
                )
                for i in items
            )
            kolommen = [str(k) for k in KOLOMMEN]
            return tabel_response(
                naam=f"werkvoorraad-{self.werkvoorraad.slug}", formaat=formaat, kolommen=kolommen, rijen=rijen
            )
        pagina = Paginator(items, PER_PAGINA).get_page(request.GET.get("page"))
        self.log_zoeken(aantal=len(items), objecten=pagina.object_list)
        zoekparams = request.GET.copy()
        zoekparams.pop("page", None)
        zoekparams.pop("export", None)
        context = self.get_context_data(
            werkvoorraad=self.werkvoorraad,
            page_obj=pagina,
            items=pagina.object_list,
            aantal_gefilterd=len(items),
            collegas=collegas(gebruiker),
            zoekparams=zoekparams.urlencode(),
            filter=request.GET,
        )
        return self.render_to_response(context)


class Toewijzen(_Werkvoorraad, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        collega = None
        gekozen = request.POST.get("toegewezen_aan", "")
        if gekozen:
            # only among the user's colleagues: another organisation's user and an id that does not
            # exist get the same answer, so the form tells nothing about who has an account
            collega = collegas(request.user).filter(pk=int(gekozen)).first() if gekozen.isdigit() else None
            if collega is None:
                messages.error(
                    request,
                    gettext(
                        "U kunt een item alleen toewijzen aan een collega van uw eigen organisatie met dezelfde rol."
                    ),
                )
                return redirect(self._terug(request))
        try:
            wijs_werkitem_toe(
                werkvoorraad=self.werkvoorraad,
                sleutel=request.POST.get("sleutel", ""),
                toegewezen_aan=collega,
                notitie=request.POST.get("notitie", ""),
                door=request.user,
                context=self.toegangscontext,
            )
        except DomainError as fout:
            messages.error(request, fout.message)
        else:
            messages.success(request, gettext("Toewijzing en notitie opgeslagen."))
        return redirect(self._terug(request))

    def _terug(self, request) -> str:
        """Back to the list with the user's search kept (a path on this site only)."""
        terug = reverse("werk:lijst", args=[self.werkvoorraad.slug])
        zoek = request.POST.get("terug", "")
        if zoek and url_has_allowed_host_and_scheme(f"{terug}?{zoek}", allowed_hosts={request.get_host()}):
            terug = f"{terug}?{zoek}"
        return terug
