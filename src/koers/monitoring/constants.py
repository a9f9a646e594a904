from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    YEAR = "jaar", _("year")
    QUARTER = "kwartaal", _("quarter")
    MONTH = "maand", _("month")
    WEEK = "week", _("week")
    DAY = "dag", _("day")


class Status(models.TextChoices):
    """Where an operational goal stands. The values are the ones in the CLI's JSON and the docs."""

    ACHIEVED = "behaald", _("achieved")
    ON_COURSE = "op_koers", _("on course")
    ATTENTION = "aandacht", _("needs attention")
    OFF_COURSE = "niet_op_koers", _("off course")
    NO_DATA = "geen_gegevens", _("no data")
    NOT_MEASURABLE = "niet_meetbaar", _("not measurable")


class JudgementStatus(models.TextChoices):
    """What the programme manager may judge a qualitative goal to be."""

    ACHIEVED = "behaald", _("achieved")
    ON_COURSE = "op_koers", _("on course")
    ATTENTION = "aandacht", _("needs attention")
    OFF_COURSE = "niet_op_koers", _("off course")


class ImportState(models.TextChoices):
    PREVIEW = "voorbeeld", _("awaiting confirmation")
    IMPORTED = "geimporteerd", _("imported")
    CANCELLED = "geannuleerd", _("cancelled")
