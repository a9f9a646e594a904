from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    """All programmes of the municipality on one page for college, directors and programme
    managers, and the recurring meetings of a programme with their agenda and actions."""

    name = "koers.portfolio"
    label = "portfolio"
    verbose_name = _("Portfolio")
