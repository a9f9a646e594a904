"""The choices of the DIN app."""

from django.db import models
from django.utils.translation import gettext_lazy


class Severity(models.TextChoices):
    """How bad a finding is, worst first. Only an error makes ``koers din-check`` fail."""

    ERROR = "fout", gettext_lazy("error")
    WARNING = "waarschuwing", gettext_lazy("warning")
    INFO = "info", gettext_lazy("information")


SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
#: The icon beside the severity's name (never colour alone).
SEVERITY_ICONS = {Severity.ERROR: "✖", Severity.WARNING: "⚠", Severity.INFO: "ℹ"}
