"""The finance app's choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SpendingKind(models.TextChoices):
    """A commitment (an order or contract that binds money) or an expenditure (money paid)."""

    COMMITMENT = "verplichting", _("commitment")
    EXPENDITURE = "uitgave", _("expenditure")
