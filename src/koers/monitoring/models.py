"""Measurements of indicators, judgements of qualitative goals, and import batches."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.programmes.models import Indicator, OperationalGoal, Versioned

from .constants import ImportState, JudgementStatus, PeriodKind
from .periods import default_known_from, period_code, period_label


class ImportBatch(models.Model):
    """One uploaded delivery file: first checked and previewed, then (on confirmation) imported.
    Measurements written by it point back to it, so every value says where it came from."""

    file_name = models.CharField(_("file name"), max_length=255)
    stored_file = models.CharField(
        _("stored file"),
        max_length=500,
        blank=True,
        help_text=_("Where the uploaded file is kept until it is imported or cancelled."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=20, choices=ImportState.choices, default=ImportState.PREVIEW
    )
    only_valid_rows = models.BooleanField(
        _("only the valid rows"),
        default=False,
        help_text=_("Import the rows without problems and skip the others."),
    )
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_added = models.PositiveIntegerField(_("added"), default=0)
    rows_changed = models.PositiveIntegerField(_("changed"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    rows_skipped = models.PositiveIntegerField(_("skipped"), default=0)
    preview = models.JSONField(
        _("preview"),
        null=True,
        blank=True,
        editable=False,
        encoder=DjangoJSONEncoder,
        help_text=_("The outcome of checking the file, computed once after the upload."),
    )

    class Meta:
        verbose_name = _("measurement import")
        verbose_name_plural = _("measurement imports")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.uploaded_at:%Y-%m-%d %H:%M})"


class Measurement(Versioned):
    """The value of an indicator over one period (year, quarter, month, ISO week or day)."""

    # Part of the programme's accountability record: what it refers to is archived, not deleted
    # (see koers.programmes.deletion).
    is_record = True

    indicator = models.ForeignKey(
        Indicator, models.CASCADE, related_name="measurements", verbose_name=_("indicator")
    )
    period_kind = models.CharField(_("kind of period"), max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField(_("first day of the period"))
    period_end = models.DateField(_("last day of the period"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    known_from = models.DateField(
        _("known since"),
        blank=True,
        help_text=_(
            "The day from which the value is known, e.g. the publication date of the survey; "
            "the status on a date uses only the values known on that date. Empty: the end of "
            "the period, or the day it is entered when that is earlier."
        ),
    )
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("E.g. Binnenstadsmonitor 2019.")
    )
    note = models.TextField(_("note"), blank=True)
    is_provisional = models.BooleanField(
        _("provisional"),
        default=False,
        help_text=_("The supplier may still correct this value."),
    )
    is_fictitious = models.BooleanField(
        _("fictitious"),
        default=False,
        help_text=_("Illustrative value for demonstration, not a real measurement."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)
    import_batch = models.ForeignKey(
        ImportBatch,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="measurements",
        verbose_name=_("import"),
    )
    history = HistoricalRecords(excluded_fields=["entered_at"])

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "period_end", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "period_end"],
                name="measurement_one_per_period",
                violation_error_message=_("This indicator already has a value for this period."),
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "period_end"], name="measurement_by_end"),
            models.Index(fields=["indicator", "known_from"], name="measurement_by_known"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period_code}: {self.value}"

    @property
    def period_code(self) -> str:
        return period_code(self.period_kind, self.period_start)

    @property
    def period_label(self) -> str:
        return period_label(self.period_kind, self.period_start)

    def fill_known_from(self) -> None:
        """Give an empty ``known_from`` its default (see
        :func:`koers.monitoring.periods.default_known_from`)."""
        if self.known_from is None and self.period_start and self.period_end:
            entered = timezone.localdate(self.entered_at) if self.entered_at else None
            self.known_from = default_known_from(
                self.period_start, self.period_end, entered or timezone.localdate()
            )

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})
        self.fill_known_from()
        if self.known_from and self.period_start and self.known_from < self.period_start:
            raise ValidationError(
                {"known_from": _("The value cannot be known before its period starts.")}
            )

    def save(self, *args, **kwargs):
        self.fill_known_from()
        super().save(*args, **kwargs)


class GoalJudgement(models.Model):
    """The programme manager's judgement of a qualitative goal on a date, with explanation.
    Judgements are never edited away: a new judgement supersedes the previous one."""

    # Part of the programme's accountability record: what it refers to is archived, not deleted
    # (see koers.programmes.deletion).
    is_record = True

    operational_goal = models.ForeignKey(
        OperationalGoal,
        models.CASCADE,
        related_name="judgements",
        verbose_name=_("operational goal"),
    )
    date = models.DateField(_("date"))
    status = models.CharField(_("judgement"), max_length=20, choices=JudgementStatus.choices)
    explanation = models.TextField(
        _("explanation"), help_text=_("What the judgement rests on: observations, sources, talks.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("judgement")
        verbose_name_plural = _("judgements")
        ordering = ["operational_goal", "-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.operational_goal_id} {self.date}: {self.status}"
