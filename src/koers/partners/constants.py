"""Choices of the partners' contributions."""

from django.db import models
from django.utils.translation import pgettext_lazy


class ContributionKind(models.TextChoices):
    MONEY = "geld", pgettext_lazy("contribution kind", "money")
    HOURS = "uren", pgettext_lazy("contribution kind", "hours")
    DELIVERABLE = "product", pgettext_lazy("contribution kind", "deliverable")
