"""Strategic goals, operational goals and the indicator of a measurable goal."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..constants import DatePrecision, GoalKind, MeasuringFrequency, TargetKind
from .base import NOTE_HELP, Archivable, Versioned, validate_code
from .programme import Programme


class StrategicGoal(Versioned):
    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="strategic_goals", verbose_name=_("programme")
    )
    code = models.CharField(
        _("code"),
        max_length=10,
        help_text=_("Short code within the programme, e.g. 1 or A."),
        validators=[validate_code],
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("Optional short label, e.g. 'Netwerken en positionering'."),
    )
    text = models.TextField(_("goal"))
    order = models.PositiveIntegerField(_("order"), default=1)
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")
        ordering = ["programme", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                Lower("code"),
                "programme",
                name="strategic_goal_code_unique",
                violation_error_message=_(
                    "This programme already has a strategic goal with this code."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title or self.text}"

    def get_absolute_url(self) -> str:
        return reverse(
            "programmes:strategic_goal",
            kwargs={"slug": self.programme.slug, "code": self.code},
        )


class OperationalGoal(Archivable, Versioned):
    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="operational_goals", verbose_name=_("programme")
    )
    strategic_goal = models.ForeignKey(
        StrategicGoal,
        models.PROTECT,
        related_name="operational_goals",
        verbose_name=_("strategic goal"),
    )
    code = models.CharField(
        _("code"),
        max_length=10,
        help_text=_("Unique within the programme, e.g. 2a."),
        validators=[validate_code],
    )
    statement = models.TextField(_("goal"))
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=GoalKind.choices,
        default=GoalKind.MEASURABLE,
        help_text=_(
            "Measurable (with an indicator) or explicitly qualitative. Making a goal qualitative "
            "removes its indicator; the history keeps what it was."
        ),
    )
    order = models.PositiveIntegerField(_("order"), default=1)
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("operational goal")
        verbose_name_plural = _("operational goals")
        ordering = ["programme", "strategic_goal__order", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                Lower("code"),
                "programme",
                name="operational_goal_code_unique",
                violation_error_message=_(
                    "This programme already has an operational goal with this code."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.statement}"

    def get_absolute_url(self) -> str:
        return reverse("programmes:goal", kwargs={"slug": self.programme.slug, "code": self.code})

    @property
    def is_measurable(self) -> bool:
        return self.kind == GoalKind.MEASURABLE

    def clean(self) -> None:
        if (
            self.strategic_goal_id
            and self.programme_id
            and self.strategic_goal.programme_id != self.programme_id
        ):
            raise ValidationError(
                {"strategic_goal": _("The strategic goal belongs to another programme.")}
            )


class Indicator(Versioned):
    """How a measurable operational goal is measured. Values are exact decimals."""

    operational_goal = models.OneToOneField(
        OperationalGoal,
        models.CASCADE,
        related_name="indicator",
        verbose_name=_("operational goal"),
    )
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(
        _("unit"), max_length=50, blank=True, help_text=_("E.g. bezoekers per week, m², %, cijfer.")
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    baseline_date_precision = models.CharField(
        _("precision of baseline date"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("When the source gives only a year, the date is the last day of that year."),
    )
    target_kind = models.CharField(
        _("target kind"), max_length=20, choices=TargetKind.choices, blank=True
    )
    target_value = models.DecimalField(
        _("target value"),
        max_digits=16,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("For 'increase by' and 'decrease by': the change, not the end value."),
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    target_date_precision = models.CharField(
        _("precision of target date"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    measuring_frequency = models.CharField(
        _("measuring frequency"),
        max_length=20,
        choices=MeasuringFrequency.choices,
        blank=True,
        default=MeasuringFrequency.UNKNOWN,
    )
    decimals = models.PositiveSmallIntegerField(
        _("decimals shown"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(4)],
        help_text=_(
            "How many decimals values of this indicator are shown with, e.g. 1 for a rating "
            "written as 7,0. Empty: as many as the value needs."
        ),
    )
    tolerance_percent = models.DecimalField(
        _("tolerance (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_(
            "How far a measurement may stay behind the planned trajectory and still count as on "
            "course, as a percentage of the distance from the starting value to the target. "
            "Default 10."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.target_value is not None and not self.target_kind:
            errors["target_kind"] = _("Choose the kind of target for this target value.")
        if self.target_kind and self.target_kind != TargetKind.KEEP and self.target_value is None:
            errors["target_value"] = _("A target of this kind needs a target value.")
        if (
            self.target_kind in (TargetKind.INCREASE_BY, TargetKind.DECREASE_BY)
            and self.target_value is not None
            and self.target_value < 0
        ):
            errors["target_value"] = _("Give the change as a positive number.")
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            errors["target_date"] = _("The target date must lie after the baseline date.")
        if errors:
            raise ValidationError(errors)

    @property
    def target_end_value(self):
        """The value the indicator should have at the target date, or None if unknown."""
        if self.target_kind == TargetKind.INCREASE_BY:
            if self.baseline_value is None or self.target_value is None:
                return None
            return self.baseline_value + self.target_value
        if self.target_kind == TargetKind.DECREASE_BY:
            if self.baseline_value is None or self.target_value is None:
                return None
            return self.baseline_value - self.target_value
        if self.target_kind == TargetKind.KEEP and self.target_value is None:
            return self.baseline_value
        return self.target_value
