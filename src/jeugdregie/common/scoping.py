"""The one place where access scoping is applied to views and API endpoints (R-P1).

Every view or viewset over data with a ``voor_gebruiker(user)`` queryset uses
``VoorGebruikerMixin``. It narrows the queryset to what the user may see, refuses roles the
view is not for, and writes the audit rows for reads and searches of personal data (R-P2).
It works for Django class-based views and DRF generic views alike: both ask ``get_queryset``
and ``get_object``.

``common`` imports no app: the audit rows are written by the module that
``settings.JEUGDREGIE_TOEGANGSLOG`` names (``audit.toegangslog``: ``geweigerd``, ``gelezen``,
``gezocht``), loaded once, as ``domein.py`` loads the subscribers. The audit context of those
rows (who, on whose behalf, purpose, address: issue 16 §4) is built once per request by that
module's ``context_uit_request``; a view passes the same ``toegangscontext`` to the services it
calls.
"""

from __future__ import annotations

import inspect
from functools import cache
from importlib import import_module
from types import ModuleType

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .policies import is_ingelogd


@cache
def _toegangslog() -> ModuleType:
    return import_module(settings.JEUGDREGIE_TOEGANGSLOG)


class VoorGebruikerMixin:
    #: R-P4: the named policy that decides whether a user may use this view at all: a predicate
    #: ``(gebruiker) -> bool`` from the app's ``policies`` module, assigned as a plain function
    #: (``beleid = policies.mag_verwijzingen_gebruiken``). Default: every logged-in user.
    beleid = is_ingelogd
    #: Set on views that show personal data: reads and searches are audit-logged.
    persoonsgegevens: bool = False

    @property
    def toegangscontext(self):
        """The audit context of this request (``audit.context.Toegangscontext``), built once,
        after authentication; views pass it to the services they call (``context=``)."""
        context = self.__dict__.get("_toegangscontext")
        if context is None:
            context = self.__dict__["_toegangscontext"] = _toegangslog().context_uit_request(self.request)
        return context

    def _controleer_rol(self, request) -> None:
        user = request.user
        if not user.is_authenticated:
            return  # the login requirement answers first
        if not self.toegestaan(user):
            if self.persoonsgegevens:
                _toegangslog().geweigerd(
                    objecttype=self._objecttype(),
                    context=self.toegangscontext,
                    details=f"rol niet toegestaan op {request.path}",
                )
            raise PermissionDenied("Uw rol heeft geen toegang tot deze pagina.")

    @classmethod
    def mag_gebruiken(cls, gebruiker) -> bool:
        """Whether ``gebruiker`` may use this view: its named policy (read unbound, so a plain
        function works as the class attribute). Navigation asks the same question."""
        return bool(inspect.getattr_static(cls, "beleid")(gebruiker))

    def toegestaan(self, gebruiker) -> bool:
        """The check on each request. A viewset whose actions have different policies overrides
        this and picks the action's named policy (``self.action``)."""
        return type(self).mag_gebruiken(gebruiker)

    def get_queryset(self):
        return super().get_queryset().voor_gebruiker(self.request.user)

    def _objecttype(self) -> str:
        model = getattr(self, "model", None) or self.get_queryset().model
        return model._meta.label

    def get_object(self, *args, **kwargs):
        try:
            obj = super().get_object(*args, **kwargs)
        except Http404:
            if self.persoonsgegevens:
                _toegangslog().geweigerd(
                    objecttype=self._objecttype(),
                    object_id=self.kwargs.get("pk", ""),
                    context=self.toegangscontext,
                    details="niet gevonden of buiten bereik",
                )
            raise
        if self.persoonsgegevens:
            _toegangslog().gelezen(
                objecttype=obj._meta.label,
                object_id=obj.pk,
                context=self.toegangscontext,
                jeugdige=self.jeugdige_van(obj),
            )
        return obj

    def log_zoeken(self, *, aantal: int, actie: str | None = None, objecten=()) -> None:
        """A search (``actie`` None) or an export (``actie=Actie.EXPORTEREN`` of the audit app).
        ``objecten``: for an export, what it contained; its row names those young people (R-P6)."""
        if self.persoonsgegevens:
            # R-P8: a search may come by POST (a BSN stays out of URLs); the names of the criteria only.
            criteria = "&".join(f"{k}=…" for k in _zoekparameters(self.request) if k not in _GEEN_CRITERIUM)
            _toegangslog().gezocht(
                actie=actie,
                objecttype=self._objecttype(),
                context=self.toegangscontext,
                details=f"{aantal} resultaten; criteria: {criteria or 'geen'}",
                objecten=objecten,
            )

    def jeugdige_van(self, obj):
        """The young person an object is about, for the audit row's client reference."""
        return getattr(obj, "jeugdige", None) if not hasattr(obj, "bsn") else obj


_GEEN_CRITERIUM = ("page", "doel", "csrfmiddlewaretoken")


def _zoekparameters(request):
    """The names of the search criteria: from the query string, or from a posted search form or
    API body (DRF's parsed ``data``). Names only, never values (a value may be a BSN)."""
    if request.method == "GET":
        return request.GET.keys()
    gegevens = getattr(request, "data", None) or request.POST
    return gegevens.keys() if hasattr(gegevens, "keys") else ()


class PaginaMixin(VoorGebruikerMixin):
    # For Django pages: login required, then the role check. Use with LoginRequiredMixin first.

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self._controleer_rol(request)
        return super().dispatch(request, *args, **kwargs)


class ApiActieMixin(VoorGebruikerMixin):
    # For DRF views: authentication (session or token) happens in ``initial``, then the role check.
    # (A comment, not a docstring: DRF would publish it as every endpoint's description.) Alone,
    # for a viewset of actions only: it defines no ``list``, so a router adds no list route.

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self._controleer_rol(request)


class ApiMixin(ApiActieMixin):
    # ``ApiActieMixin`` plus the audit row of every list (a search, R-P6).

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        data = response.data
        self.log_zoeken(aantal=data.get("count", 0) if isinstance(data, dict) else len(data))
        return response
