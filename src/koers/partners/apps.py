from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """What the partner organisations commit to the programme's efforts (money, hours, a
    deliverable, per year) and what they delivered."""

    name = "koers.partners"
    label = "partners"
    verbose_name = _("Partners' contributions")
