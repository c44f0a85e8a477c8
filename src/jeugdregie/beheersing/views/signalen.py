"""R-K5 page: the signals of a quarter or year with their evidence (pseudonymised), for the
contract manager and read-only for policy, board and the functioneel beheerder; CSV/XLSX."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin

from ..constants import Periodesoort
from ..models_maatregel import Maatregel
from ..policies import mag_maatregelen_vastleggen, mag_signalen_inzien
from ..services.rollup import periodebegin
from ..services.signalen import Signaal, signalen


def vorig_kwartaal(vandaag: date) -> date:
    begin = periodebegin(vandaag, Periodesoort.KWARTAAL)
    return date(begin.year - 1, 10, 1) if begin.month == 1 else date(begin.year, begin.month - 3, 1)


class PeriodeForm(forms.Form):
    periodesoort = forms.ChoiceField(
        label=gettext_lazy("Periode"),
        choices=[(Periodesoort.KWARTAAL, gettext_lazy("Kwartaal")), (Periodesoort.JAAR, gettext_lazy("Jaar"))],
    )
    periode = forms.DateField(
        label=gettext_lazy("Een dag in de periode"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def begin(self) -> tuple[str, date]:
        soort = self.cleaned_data["periodesoort"]
        return soort, periodebegin(self.cleaned_data["periode"], soort)


def _rijen(lijst: list[Signaal]):
    for s in lijst:
        basis = [
            s.code,
            s.naam,
            s.aanbieder.agb_code,
            s.aanbieder.naam,
            s.aanbieder.categorienaam,
            s.vergeleken_met,
            "; ".join(s.redenen),
            "; ".join(f"{k}: {'—' if v is None else v}" for k, v in s.cijfers.items()),
        ]
        for o in s.onderbouwing or [None]:
            if o is None:
                yield [*basis, "", "", "", "", ""]
            else:
                yield [*basis, o.toewijzing_id or "", o.pseudoniem, o.gemeente, o.datum.isoformat(), o.omschrijving]


KOLOMMEN = [
    "Signaal",
    "Omschrijving",
    "AGB-code",
    "Aanbieder",
    "Categorie",
    "Vergeleken met",
    "Redenen",
    "Cijfers",
    "Toewijzing",
    "Pseudoniem jeugdige",
    "Gemeente",
    "Datum",
    "Onderbouwing",
]


class Signalen(LoginRequiredMixin, PaginaMixin, TemplateView):
    """Aggregates and pseudonyms only (R-P1); every view and export is audit-logged (R-P2)."""

    model = Maatregel
    beleid = mag_signalen_inzien
    template_name = "beheersing/signalen.html"

    def get(self, request, *args, **kwargs):
        standaard = {"periodesoort": Periodesoort.KWARTAAL, "periode": vorig_kwartaal(timezone.localdate())}
        form = PeriodeForm(request.GET if "periode" in request.GET else standaard)
        context = {"form": form, "signalen": None, "mag_maatregel": mag_maatregelen_vastleggen(request.user)}
        if form.is_valid():
            soort, begin = form.begin()
            lijst = signalen(periodesoort=soort, periode=begin, regio=request.user.regio)
            formaat = request.GET.get("export")
            regels = sum(len(s.onderbouwing) for s in lijst)
            log(
                actie=Actie.EXPORTEREN if formaat in ("csv", "xlsx") else Actie.LEZEN,
                objecttype="toewijzingen.Toewijzing",
                context=self.toegangscontext,
                details=f"signalen {soort} {begin}: {len(lijst)} signalen, {regels} regels (gepseudonimiseerd)",
            )
            if formaat in ("csv", "xlsx"):
                return tabel_response(
                    naam=f"signalen-{soort}-{begin}",
                    formaat=formaat,
                    kolommen=[_(k) for k in KOLOMMEN],
                    rijen=_rijen(lijst),
                )
            context.update(signalen=lijst, periodesoort=soort, begin=begin)
        return self.render_to_response(self.get_context_data(**context))
