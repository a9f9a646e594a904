"""The reporting calendar, which efforts report, the progress reports themselves, and the logs
that keep reminders and digests from being sent twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.programmes.constants import MunicipalityRole
from koers.programmes.models import Effort, Programme, Versioned

from .constants import Aspect, AspectStatus, ReminderKind, ReportingFrequency, ReportState
from .schedule import ReportingPeriod, period_at, period_by_start, periods_until, reporting_period

# By default the efforts where the municipality leads report; a setting per effort overrides it.
REPORTING_ROLES = (MunicipalityRole.PRINCIPAL, MunicipalityRole.DIRECTOR)


class ReportingCalendar(Versioned):
    programme = models.OneToOneField(
        Programme,
        models.CASCADE,
        related_name="reporting_calendar",
        verbose_name=_("programme"),
    )
    frequency = models.CharField(
        _("frequency"),
        max_length=20,
        choices=ReportingFrequency.choices,
        default=ReportingFrequency.BIWEEKLY,
    )
    start_date = models.DateField(
        _("start date"), help_text=_("The first day of the first reporting period.")
    )
    deadline_days = models.PositiveSmallIntegerField(
        _("days to report"),
        default=5,
        help_text=_("A period's report is due this many days after the period's last day."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("remind this many days before the deadline"),
        default=3,
        help_text=_("Owners get one reminder when the deadline is this close, and one when late."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting calendar")
        verbose_name_plural = _("reporting calendars")

    def __str__(self) -> str:
        return f"{self.programme}: {self.get_frequency_display()}"

    def last_day(self, day):
        """``day``, or the programme's end date when that comes first: no period of the
        calendar begins after the programme has ended."""
        end = self.programme.period_end
        return min(day, end) if end is not None else day

    def periods_until(self, day) -> list[ReportingPeriod]:
        """Every period that has begun by ``day`` and by the programme's end date."""
        return periods_until(
            self.frequency, self.start_date, self.deadline_days, self.last_day(day)
        )

    def period_starting(self, start) -> ReportingPeriod | None:
        return period_by_start(self.frequency, self.start_date, self.deadline_days, start)

    def reporting_period(self, today) -> ReportingPeriod | None:
        """The period owners report on ``today``: the latest that has ended. After the
        programme's end: its last period (the one with the end date in it)."""
        found = reporting_period(self.frequency, self.start_date, self.deadline_days, today)
        end = self.programme.period_end
        if found is not None and end is not None and found.start > end:
            return period_at(self.frequency, self.start_date, self.deadline_days, end)
        return found

    def is_past_programme(self, period: ReportingPeriod) -> bool:
        """Does ``period`` begin after the programme's end date?"""
        end = self.programme.period_end
        return end is not None and period.start > end


class EffortReporting(Versioned):
    """Whether an effort reports, where it differs from the default (municipality as
    opdrachtgever or regisseur: yes; otherwise: no)."""

    effort = models.OneToOneField(
        Effort, models.CASCADE, related_name="reporting", verbose_name=_("effort")
    )
    reports = models.BooleanField(_("reports"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting of an effort")
        verbose_name_plural = _("reporting of efforts")

    def __str__(self) -> str:
        return f"{self.effort}: {self.reports}"


def effort_reports_by_default(effort: Effort) -> bool:
    return effort.municipality_role in REPORTING_ROLES


def _aspect_fields():
    fields = {}
    for aspect in Aspect:
        fields[f"{aspect.value}_status"] = models.CharField(
            aspect.label, max_length=10, choices=AspectStatus.choices, blank=True
        )
        fields[f"{aspect.value}_explanation"] = models.TextField(
            format_lazy("{}: {}", _("explanation"), aspect.label), blank=True
        )
    return fields


class ProgressReport(Versioned):
    """An effort's report over one period, on the eight aspects of the reporting format."""

    @property
    def is_record(self) -> bool:
        """A submitted or accepted report is part of the accountability record: its effort is
        archived, not deleted (see koers.programmes.deletion). A draft is not."""
        return self.state in (ReportState.SUBMITTED, ReportState.ACCEPTED)

    effort = models.ForeignKey(
        Effort, models.CASCADE, related_name="progress_reports", verbose_name=_("effort")
    )
    period_start = models.DateField(_("first day of the period"))
    period_end = models.DateField(_("last day of the period"))
    deadline = models.DateField(_("deadline"))
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    overall_status = models.CharField(
        _("overall status"), max_length=10, choices=AspectStatus.choices, blank=True
    )
    locals().update(_aspect_fields())
    principals_request = models.TextField(
        _("asked of the principals"),
        blank=True,
        help_text=_("Decisions or help needed from the bestuurlijk and ambtelijk opdrachtgever."),
    )
    review_comment = models.TextField(
        _("comment of the reviewer"),
        blank=True,
        help_text=_("Why the report was sent back, or a remark on acceptance."),
    )
    snapshot = models.JSONField(
        _("effort as submitted"),
        default=dict,
        blank=True,
        help_text=_("The effort's details frozen at submission; later changes do not alter it."),
    )
    is_fictitious = models.BooleanField(
        _("fictitious"), default=False, help_text=_("Illustrative report for demonstration.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["effort", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["effort", "period_start"],
                name="progress_report_one_per_period",
                violation_error_message=_("This effort already has a report for this period."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.effort} {self.period_start:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse(
            "reporting:report",
            kwargs={
                "slug": self.effort.programme.slug,
                "effort": self.effort_id,
                "period": self.period_start.isoformat(),
            },
        )

    @property
    def is_editable(self) -> bool:
        return self.state in (ReportState.DRAFT, ReportState.RETURNED)

    def aspects(self) -> list[tuple[str, str, str, str]]:
        """(aspect value, label, status, explanation) in the contract's order."""
        return [
            (
                a.value,
                a.label,
                getattr(self, f"{a.value}_status"),
                getattr(self, f"{a.value}_explanation"),
            )
            for a in Aspect
        ]


ASPECT_FIELDS = [f"{a.value}_{part}" for a in Aspect for part in ("status", "explanation")]
REPORT_CONTENT_FIELDS = ["overall_status", *ASPECT_FIELDS, "principals_request"]


class ReminderLog(models.Model):
    """One reminder sent: for an effort, a period and a kind, at most once."""

    effort = models.ForeignKey(Effort, models.CASCADE, related_name="+", verbose_name=_("effort"))
    period_start = models.DateField(_("first day of the period"))
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    recipient = models.EmailField(_("recipient"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["effort", "period_start", "kind"], name="reminder_once_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.effort_id} {self.period_start} {self.kind} → {self.recipient}"


class DigestLog(models.Model):
    """A principals' digest as it was sent: what it said, so the next one can show what
    changed since."""

    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="digests", verbose_name=_("programme")
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    recipients = models.TextField(_("recipients"), blank=True)
    snapshot = models.JSONField(_("content"), default=dict)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        ordering = ["programme", "-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.sent_at:%Y-%m-%d %H:%M}"
