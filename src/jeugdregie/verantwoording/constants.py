from django.db import models
from django.utils.translation import gettext_lazy as _


class Sleutel(models.TextChoices):
    """R-B4: the solidarity key for crisis availability."""

    JEUGDIGEN = "jeugdigen", _("Jeugdige inwoners")
    INWONERS = "inwoners", _("Inwoners")
    HANDMATIG = "handmatig", _("Handmatige verdeling")
