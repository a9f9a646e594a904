from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class KoersUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        """``koers createsuperuser`` makes a functional administrator."""
        extra_fields.setdefault("is_functional_admin", True)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in to Koers.

    What a user may do follows from ``is_functional_admin`` (functioneel beheerder: everything),
    their access to programmes (staff or reader, see ``programmes.ProgrammeAccess``) and the
    efforts they own (through ``programmes.Person.user``). Deny by default.
    """

    is_functional_admin = models.BooleanField(
        _("functional administrator"),
        default=False,
        help_text=_("May see and change everything in Koers, including users and access."),
    )
    history = HistoricalRecords()

    objects = KoersUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs):
        # ``is_functional_admin`` is the one switch: a functional administrator may do everything,
        # including the administration screens (/beheer/); taking it away takes all of that away.
        # Django's own flags follow it, so no account keeps rights the switch does not show.
        self.is_staff = self.is_superuser = self.is_functional_admin
        super().save(*args, **kwargs)
