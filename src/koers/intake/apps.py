from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    """New initiatives that touch a programme: registered by anyone with an account, assessed by
    the programme manager (opdrachtgever, regie, afstemming or buiten programma)."""

    name = "koers.intake"
    label = "intake"
    verbose_name = _("Intake of initiatives")
