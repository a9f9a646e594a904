from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """What the programme team chooses to publish: the public monitor (no log-in) and the open
    data. Nothing is public unless it is published here."""

    name = "koers.public"
    label = "public"
    verbose_name = _("Publication")
