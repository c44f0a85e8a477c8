"""The items of a worklist card on the home page (issue 19 §1): the first few, named as the user
may see them, with their assignment and note."""

from __future__ import annotations

from django import template

from jeugdregie.toewijzingen.werkitem import OP_KAART

from ..services import koppel_toewijzingen

register = template.Library()


@register.simple_tag
def kaartitems(werkvoorraad, gebruiker):
    items = werkvoorraad.werkitems(gebruiker, limiet=OP_KAART)
    koppel_toewijzingen(gebruiker, items)
    return items
