from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DinConfig(AppConfig):
    """The DIN as a whole: drawn as a network, and checked against the rules of a good DIN. Sits
    above the DIN, the monitor, the reports and the budget, and reads them through their
    selectors."""

    name = "koers.din"
    label = "din"
    verbose_name = _("Goals–efforts network")
