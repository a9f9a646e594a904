from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportingFrequency(models.TextChoices):
    BIWEEKLY = "tweewekelijks", _("every two weeks")
    MONTHLY = "maandelijks", _("monthly")
    QUARTERLY = "kwartaal", _("quarterly")
    HALF_YEARLY = "halfjaarlijks", _("every six months")
    YEARLY = "jaarlijks", _("yearly")


class Aspect(models.TextChoices):
    """The eight aspects of the contract's reporting format, in the contract's order."""

    RESULTS = "resultaten", _("realisation of the agreed results")
    PLANNING = "planning", _("planning")
    QUALITY = "kwaliteit", _("quality")
    FINANCES = "financien", _("finances")
    RISKS = "risicos", _("risks")
    STAKEHOLDERS = "belanghebbenden", _("stakeholder involvement")
    DEVELOPMENTS = "ontwikkelingen", _("future developments")
    OBSTACLES = "knelpunten", _("possible obstacles")


class AspectStatus(models.TextChoices):
    GOOD = "goed", _("good")
    ATTENTION = "aandacht", _("attention")
    PROBLEM = "probleem", _("problem")


class ReportState(models.TextChoices):
    DRAFT = "concept", _("draft")
    SUBMITTED = "ingediend", _("submitted")
    ACCEPTED = "geaccepteerd", _("accepted")
    RETURNED = "teruggestuurd", _("returned")


EDITABLE_STATES = (ReportState.DRAFT, ReportState.RETURNED)


class ReminderKind(models.TextChoices):
    DUE = "binnenkort", _("due soon")
    LATE = "te_laat", _("late")
