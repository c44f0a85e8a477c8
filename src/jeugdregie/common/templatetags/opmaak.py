"""The template filters of ``common.opmaak`` (built in through ``TEMPLATES``: every template has
them): ``{{ x|euro }}``, ``{{ x|bedrag }}``, ``{{ x|getal }}`` / ``{{ x|getal:1 }}`` and
``{{ x|procent }}`` / ``{{ x|procent:0 }}``."""

from __future__ import annotations

from django import template

from jeugdregie.common import opmaak

register = template.Library()


@register.filter
def euro(waarde) -> str:
    return opmaak.euro(waarde)


@register.filter
def bedrag(waarde) -> str:
    return opmaak.bedrag(waarde)


@register.filter
def getal(waarde, decimalen=0) -> str:
    return opmaak.getal(waarde, int(decimalen))


@register.filter
def procent(waarde, decimalen=1) -> str:
    return opmaak.procent(waarde, int(decimalen))
