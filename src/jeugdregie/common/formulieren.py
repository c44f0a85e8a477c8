"""Form fields shared by the apps' forms (shape only; the services enforce the rules)."""

from __future__ import annotations

from django import forms

from .errors import DomainError


def datumveld(label, **kwargs) -> forms.DateField:
    """A business date in the browser's date picker, shown and read as ISO (``YYYY-MM-DD``)."""
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs)


def toon_fout(form, error: DomainError) -> None:
    """Put a service's refusal on the field it names, or on the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)
