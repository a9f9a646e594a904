from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs):
        # A functional administrator may do everything, including the administration screens
        # (/beheer/) where accounts and access to programmes are managed.
        if self.is_functional_admin:
            self.is_staff = True
            self.is_superuser = True
        super().save(*args, **kwargs)
