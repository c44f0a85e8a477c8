"""Upload of a declaration file by the provider, its outcome, and the template downloads."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import FormView

from jeugdregie.accounts.policies import regio_id_van
from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import XLSX
from jeugdregie.common.opmaak import getal
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.organisaties.models import Gemeente

from ..constants import DeclaratieBron, RegelStatus
from ..forms import UploadForm, voorgesteld_nummer
from ..models import Declaratie
from ..policies import mag_declaratie_indienen
from ..services.intake import verwerk_declaratie
from ..services.sjabloon import sjabloon_csv, sjabloon_xlsx
from ..services.upload import MAX_REGELS, controleer_grootte, grens, lees_bestand
from .uploadgrens import Uploadgrens

# Where a service names an input the form calls differently.
VELD = {"regels": "bestand", "door": None}


@method_decorator(csrf_exempt, name="dispatch")
class DeclaratieUploaden(LoginRequiredMixin, PaginaMixin, FormView):
    """CSV or XLSX → ``lees_bestand`` → ``verwerk_declaratie`` (bron upload). A structural fault
    refuses the file (nothing stored); the outcome page lists approved and rejected lines."""

    model = Declaratie
    beleid = mag_declaratie_indienen
    persoonsgegevens = True
    form_class = UploadForm
    template_name = "declaraties/uploaden.html"

    def dispatch(self, request, *args, **kwargs):
        # The size guard must be in place before anything reads the body, so CSRF is checked here,
        # after it, instead of by the middleware (Django's documented pattern for upload handlers).
        self.grens = Uploadgrens(grens(), request)
        request.upload_handlers.insert(0, self.grens)
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def get_queryset(self):
        return Declaratie.objects.voor_gebruiker(self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "gemeenten": Gemeente.objects.voor_gebruiker(self.request.user)}

    def get_initial(self):
        return {"nummer": voorgesteld_nummer()}

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if self.grens.te_groot:
            try:
                controleer_grootte(self.grens.aangeboden or self.grens.grens + 1)
            except DomainError as error:
                form.is_valid()
                form.errors.pop("bestand", None)
                form.add_error("bestand", f"{error.message} ({error.code})")
            return self.form_invalid(form)
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def form_valid(self, form):
        data, user = form.cleaned_data, self.request.user
        try:
            regels = lees_bestand(data["bestand"])
            declaratie = verwerk_declaratie(
                aanbieder=user.aanbieder,
                gemeente=data["gemeente"],
                nummer=data["nummer"],
                regels=regels,
                door=user,
                ingediend_op=timezone.now(),
                bron=DeclaratieBron.UPLOAD,
                context=self.toegangscontext,
            )
        except DomainError as error:
            veld = VELD.get(error.field, error.field)
            form.add_error(veld if veld in form.fields else None, f"{error.message} ({error.code})")
            return self.form_invalid(form)
        return redirect(f"{reverse('declaraties:uploaden')}?declaratie={declaratie.pk}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"max_regels": getal(MAX_REGELS), "max_mb": f"{grens() / (1024 * 1024):.0f}"})
        gekozen = self.request.GET.get("declaratie", "")
        uitkomst = self.get_queryset().met_tellingen().filter(pk=gekozen).first() if gekozen.isdigit() else None
        if uitkomst is not None:
            log(
                actie=Actie.LEZEN,
                objecttype=Declaratie._meta.label,
                object_id=uitkomst.pk,
                context=self.toegangscontext,
            )
            context["uitkomst"] = uitkomst
            context["afgekeurd"] = uitkomst.regels.filter(status=RegelStatus.AFGEKEURD)
        return context


class Sjabloon(LoginRequiredMixin, PaginaMixin, View):
    """The empty template with an example row; no personal data."""

    model = Product

    def get(self, request, formaat: str):
        vandaag = timezone.localdate()
        regio_id = regio_id_van(request.user)  # R-R1: the tariffs of the user's region
        if formaat == "csv":
            response = HttpResponse(sjabloon_csv(op=vandaag, regio_id=regio_id), content_type="text/csv; charset=utf-8")
        elif formaat == "xlsx":
            response = HttpResponse(sjabloon_xlsx(op=vandaag, regio_id=regio_id), content_type=XLSX)
        else:
            raise Http404
        response["Content-Disposition"] = f'attachment; filename="declaratiesjabloon.{formaat}"'
        return response
