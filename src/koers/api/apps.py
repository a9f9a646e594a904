from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API (/api/v1) following the NL GOV API Design Rules."""

    name = "koers.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        # Registers the bearer-token scheme with drf-spectacular.
        from . import authentication  # noqa: F401
