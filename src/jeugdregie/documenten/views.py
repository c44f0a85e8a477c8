"""Pages of the documents (issue 20 §4), reached from the child's dossier. Thin: scoping and the
role check from ``PaginaMixin``, the rules and audit rows from ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import DetailView, FormView
from django.views.generic.detail import SingleObjectMixin

from jeugdregie.common.errors import DomainError
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.declaraties.views.uploadgrens import Uploadgrens  # the generic size-limited handler
from jeugdregie.jeugdigen.models import Jeugdige

from .bestandscontrole import controleer_grootte, max_bytes
from .forms import DocumentForm
from .models import Document
from .overzicht import documenten_van
from .policies import mag_documenten_inzien, mag_documenten_toevoegen_rol, soorten_voor
from .services import open_document, voeg_document_toe


class DocumentenLijst(LoginRequiredMixin, PaginaMixin, DetailView):
    """R-P1/R-P4: the roles with a dossier, for a child in their scope (404 otherwise, logged as
    refused); opening it is one audit row "lezen" of the child (R-P2)."""

    model = Jeugdige
    beleid = mag_documenten_inzien
    persoonsgegevens = True
    template_name = "documenten/lijst.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            documenten=documenten_van(self.request.user, self.object),
            mag_toevoegen=mag_documenten_toevoegen_rol(self.request.user),
            **kwargs,
        )


@method_decorator(csrf_exempt, name="dispatch")
class DocumentNieuw(LoginRequiredMixin, PaginaMixin, SingleObjectMixin, FormView):
    """Add a document: who may add which kind where is ``policies.mag_document_toevoegen``. A
    file above the limit is not stored even temporarily: the upload handler stops reading it."""

    model = Jeugdige
    beleid = mag_documenten_toevoegen_rol
    persoonsgegevens = True
    form_class = DocumentForm
    template_name = "documenten/nieuw.html"

    def dispatch(self, request, *args, **kwargs):
        # The size guard must be in place before anything reads the body, so CSRF is checked here,
        # after it, instead of by the middleware (Django's documented pattern for upload handlers).
        self.grens = Uploadgrens(max_bytes(), request)
        request.upload_handlers.insert(0, self.grens)
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.jeugdige()  # the scope first: 404 for a child out of reach, before any message
        form = self.get_form()
        if self.grens.te_groot:
            form.is_valid()
            form.errors.pop("bestand", None)
            try:
                controleer_grootte(self.grens.aangeboden or self.grens.grens + 1)
            except DomainError as error:
                form.add_error("bestand", error.message)
            return self.form_invalid(form)
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def jeugdige(self) -> Jeugdige:
        if not hasattr(self, "_jeugdige"):
            self._jeugdige = self.object = self.get_object()
        return self._jeugdige

    def get_form_kwargs(self):
        from jeugdregie.toewijzingen.models import Toewijzing
        from jeugdregie.verwijzingen.models import Verwijzing

        gebruiker, jeugdige = self.request.user, self.jeugdige()
        return {
            **super().get_form_kwargs(),
            "soorten": soorten_voor(gebruiker),
            "verwijzingen": Verwijzing.objects.in_overzicht(gebruiker).filter(jeugdige=jeugdige).order_by("-datum"),
            "toewijzingen": Toewijzing.objects.voor_gebruiker(gebruiker)
            .filter(jeugdige=jeugdige)
            .select_related("aanbieder")
            .order_by("-begindatum"),
        }

    def get_initial(self):
        initial = {}
        for veld in ("verwijzing", "toewijzing", "soort"):
            if self.request.GET.get(veld):
                initial[veld] = self.request.GET[veld]
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.jeugdige(), jeugdige=self.jeugdige(), **kwargs)

    def form_valid(self, form):
        try:
            voeg_document_toe(
                jeugdige=self.jeugdige(),
                soort=form.cleaned_data["soort"],
                titel=form.cleaned_data["titel"],
                bestand=form.cleaned_data["bestand"],
                verwijzing=form.cleaned_data["verwijzing"],
                toewijzing=form.cleaned_data["toewijzing"],
                door=self.request.user,
                context=self.toegangscontext,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Document toegevoegd."))
        return redirect("documenten:lijst", pk=self.jeugdige().pk)


class DocumentDownload(LoginRequiredMixin, PaginaMixin, View):
    """Download: the service checks the policy and writes the audit row (read or refused);
    a document out of scope answers 404, as a child out of scope does."""

    beleid = mag_documenten_inzien
    persoonsgegevens = True
    model = Document

    def get(self, request, pk: int):
        document = Document.objects.select_related("jeugdige").filter(pk=pk).first()
        if document is None:
            raise Http404
        try:
            download = open_document(document=document, door=request.user, context=self.toegangscontext)
        except DomainError as fout:
            raise Http404 from fout
        return FileResponse(
            download.bestand, as_attachment=True, filename=download.bestandsnaam, content_type=download.inhoudstype
        )
