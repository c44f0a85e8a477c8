"""``{% mag_rechten_uitoefenen user jeugdige as mag %}``: whether to link a child's page to its
rights page (R-P7), asked of the policy, never a role comparison in a template."""

from django import template

from ..policies import mag_inzage_geven

register = template.Library()


@register.simple_tag
def mag_rechten_uitoefenen(gebruiker, jeugdige) -> bool:
    return mag_inzage_geven(gebruiker, jeugdige)
