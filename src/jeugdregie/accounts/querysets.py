from django.contrib.auth.models import UserManager
from django.db import models
from django.db.models import Q

from .policies import is_ingelogd, mag_gebruikers_beheren


class GebruikerQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """R-P5: the functioneel beheerder sees the accounts of organisations in its own region
        (superusers are managed on the command line and stay out of sight); everyone else only
        their own account."""
        if not is_ingelogd(user):
            return self.none()
        if mag_gebruikers_beheren(user):
            regio = user.regio_id
            in_regio = Q(regio_id=regio) | Q(gemeente__regio_id=regio)
            in_regio |= Q(aanbieder__regio_id=regio) | Q(verwijzer__regio_id=regio)
            return self.filter(in_regio).exclude(is_superuser=True)
        return self.filter(pk=user.pk)


class GebruikerManager(UserManager.from_queryset(GebruikerQuerySet)):
    pass
