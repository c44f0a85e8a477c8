"""The template filters of the code registry (``portaal/codes.py``, issue 19 §6), built in through
``TEMPLATES`` like ``opmaak``:

- ``{{ r.retourcode|code_label:"retourcode" }}``: the Dutch label only (text, e.g. in a CSV-like
  cell or a sentence);
- ``{{ r.retourcode|code:"retourcode" }}``: the label with its explanation as a tooltip, and the
  code itself in small print where users need it (to talk to a provider about a retourcode);
- ``{{ b.retourcodes|codes:"retourcode" }}``: the same for a list, comma-separated.

An unknown code shows as the code itself; an empty value as nothing."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from jeugdregie.portaal import codes as register_

register = template.Library()


def _leeg(waarde) -> bool:
    return waarde is None or str(waarde) == ""


@register.filter
def code_label(waarde, soort: str) -> str:
    if _leeg(waarde):
        return ""
    return str(register_.label(soort, waarde))


@register.filter
def code(waarde, soort: str) -> SafeString:
    if _leeg(waarde):
        return SafeString("")
    codesoort = register_.soort(soort)
    gevonden = codesoort.get(waarde)
    if gevonden is None:
        return format_html('<span class="code">{}</span>', waarde)
    label = (
        format_html('<span class="code-label" title="{}">{}</span>', gevonden.uitleg, gevonden.label)
        if gevonden.uitleg
        else format_html('<span class="code-label">{}</span>', gevonden.label)
    )
    if codesoort.toon_code:
        return format_html('{} <small class="code">{}</small>', label, gevonden.code)
    return label


@register.filter
def codes(waarden, soort: str) -> SafeString:
    return format_html_join(", ", "{}", ((code(w, soort),) for w in waarden or ()))
