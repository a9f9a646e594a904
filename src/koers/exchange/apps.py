from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """The complete exchange of a programme (format ``koers-programma`` version 2).

    Sits above every app that holds part of a programme's record, so it may import them all; it
    has no models of its own. The DIN part is :mod:`koers.programmes.exchange`."""

    name = "koers.exchange"
    label = "exchange"
    verbose_name = _("Exchange")
