from django.contrib.auth.models import UserManager


class GebruikerManager(UserManager):
    def voor_gebruiker(self, user):
        """The beheerder sees every account; everyone else only their own."""
        from .constants import Rol

        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.rol == Rol.BEHEERDER:
            return self.all()
        return self.filter(pk=user.pk)
