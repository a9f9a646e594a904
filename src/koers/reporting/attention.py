"""Which efforts report *aandacht* or *probleem*, and which decisions their owners ask of the
principals: the one answer for the principals' digest, the portfolio and the progress report.

Over a reporting period, each effort that reports and was running in the period counts with its
handed-in (submitted or accepted) report over that period, or else with its latest handed-in
report over an earlier period. An effort is a concern when that report's overall status or one
of its aspects is *aandacht* or *probleem*; a decision is asked when the report asks the
principals something."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db.models import Case, DateField, Max, OuterRef, Subquery, Value, When

from koers.programmes.models import Effort, Programme

from .badges import Badge, aspect_badge
from .constants import AspectStatus
from .models import ProgressReport, ReportingCalendar
from .obligations import DONE_STATES
from .schedule import ReportingPeriod
from .selectors import calendar_get, effort_active_in, effort_reports, reporting_efforts
from .selectors_overview import period_default

CONCERNS = (AspectStatus.ATTENTION, AspectStatus.PROBLEM)


@dataclass(frozen=True)
class AspectLine:
    label: str
    status: str
    explanation: str

    @property
    def badge(self) -> Badge:
        return aspect_badge(self.status)


@dataclass
class EffortReport:
    """An effort with the report that counts for it."""

    effort: Effort
    report: ProgressReport
    current: bool  # over the chosen period (else an earlier one)

    @property
    def badge(self) -> Badge:
        return aspect_badge(self.report.overall_status)

    @property
    def aspects(self) -> list[AspectLine]:
        """The aspects in *aandacht* or *probleem*, in the contract's order."""
        return [
            AspectLine(label, status, explanation)
            for _value, label, status, explanation in self.report.aspects()
            if status in CONCERNS
        ]

    @property
    def is_concern(self) -> bool:
        return self.report.overall_status in CONCERNS or bool(self.aspects)

    @property
    def severity(self) -> int:
        statuses = [self.report.overall_status, *(a.status for a in self.aspects)]
        return 0 if AspectStatus.PROBLEM in statuses else 1

    @property
    def path(self) -> str:
        return self.report.get_absolute_url()

    @property
    def url(self) -> str:
        return settings.BASE_URL.rstrip("/") + self.report.get_absolute_url()


@dataclass
class Decision:
    """A decision an effort's report asks of the principals."""

    effort: Effort
    report: ProgressReport
    text: str
    is_new: bool = False

    @property
    def key(self) -> tuple[int, str]:
        return (self.effort.pk, " ".join(self.text.split()))


@dataclass
class Attention:
    """What the handed-in reports say over ``period`` (None: the programme has no calendar
    or no period has begun; then the latest handed-in reports up to ``as_of``)."""

    programme: Programme
    period: ReportingPeriod | None
    as_of: dt.date
    reports: list[EffortReport]  # one per effort that has a handed-in report
    without_report: list[Effort]  # efforts that report but have no handed-in report at all

    @property
    def concerns(self) -> list[EffortReport]:
        found = [r for r in self.reports if r.is_concern]
        return sorted(found, key=lambda r: r.severity)  # stable: problems first, then order

    @cached_property
    def decisions(self) -> list[Decision]:
        return [
            Decision(r.effort, r.report, r.report.principals_request.strip())
            for r in self.reports
            if r.report.principals_request.strip()
        ]

    @property
    def not_current(self) -> list[Effort]:
        """Efforts without a handed-in report over the period itself."""
        if self.period is None:
            return []
        current = {r.effort.pk for r in self.reports if r.current}
        return [r.effort for r in self.reports if r.effort.pk not in current] + list(
            self.without_report
        )


class FromAttention:
    """For a page or document that carries an :class:`Attention` as ``attention``: its reads,
    so that every screen names the same reports, concerns and decisions."""

    attention: Attention

    @property
    def reports(self) -> list[EffortReport]:
        return self.attention.reports

    @property
    def without_report(self) -> list[Effort]:
        return self.attention.without_report

    @property
    def concerns(self) -> list[EffortReport]:
        return self.attention.concerns

    @property
    def not_current(self) -> list[Effort]:
        return self.attention.not_current


def counting_reports(efforts: list[Effort], bound) -> dict[int, ProgressReport]:
    """Per effort its latest handed-in report over a period starting on or before ``bound`` (a
    date, or a date per programme id). One query."""
    ids = [e.pk for e in efforts]
    if isinstance(bound, dict):
        if not bound:
            return {}
        limit = Case(
            *(When(programme_id=pk, then=Value(day)) for pk, day in bound.items()),
            output_field=DateField(),
        )
        newest_of = Effort.objects.filter(pk=OuterRef("effort_id")).annotate(bound=limit)
        bound_value = Subquery(newest_of.values("bound")[:1])
    else:
        bound_value = Value(bound, output_field=DateField())
    newest = (
        ProgressReport.objects.filter(effort_id=OuterRef("effort_id"), state__in=DONE_STATES)
        .filter(period_start__lte=bound_value)
        .order_by("-period_start")
        .values("pk")[:1]
    )
    reports = ProgressReport.objects.filter(effort_id__in=ids, pk=Subquery(newest)).defer(
        "snapshot"
    )
    return {r.effort_id: r for r in reports}


def _attention(
    programme: Programme,
    period: ReportingPeriod | None,
    as_of: dt.date,
    efforts: list[Effort],
    counting: dict[int, ProgressReport],
) -> Attention:
    reports = []
    for effort in efforts:
        report = counting.get(effort.pk)
        if report is None:
            continue
        report.effort = effort  # the effort with its programme, already fetched
        current = period is not None and report.period_start == period.start
        reports.append(EffortReport(effort, report, current))
    without = [e for e in efforts if e.pk not in counting]
    return Attention(programme, period, as_of, reports, without)


def _owing(efforts: list[Effort], period: ReportingPeriod | None) -> list[Effort]:
    if period is None:
        return [e for e in efforts if e.archived_at is None]
    return [e for e in efforts if effort_active_in(e, period.start, period.end)]


def reference_date(period: ReportingPeriod | None, today: dt.date) -> dt.date:
    """The date a view over ``period`` is about: the period's last day once it has ended."""
    if period is None or period.end >= today:
        return today
    return period.end


def attention(
    programme: Programme,
    *,
    today: dt.date,
    period: ReportingPeriod | None = None,
    calendar: ReportingCalendar | None = None,
    default: bool = True,
) -> Attention:
    """What the handed-in reports of ``programme`` say over ``period`` (default: the period
    that matters on ``today``, see :func:`period_default`; ``default=False`` keeps None). Three
    queries, whatever the number of efforts."""
    if period is None and default:
        calendar = calendar or calendar_get(programme)
        period = period_default(calendar, today=today) if calendar else None
    efforts = _owing(reporting_efforts(programme), period)
    counting = counting_reports(efforts, period.start if period else today)
    return _attention(programme, period, reference_date(period, today), efforts, counting)


def attention_many(programmes: list[Programme], *, today: dt.date) -> dict[int, Attention]:
    """:func:`attention` of each programme at its default period, in a fixed number of queries
    (for the portfolio)."""
    if not programmes:
        return {}
    ids = [p.pk for p in programmes]
    calendars = {c.programme_id: c for c in ReportingCalendar.objects.filter(programme_id__in=ids)}
    latest = dict(
        ProgressReport.objects.filter(effort__programme_id__in=ids, state__in=DONE_STATES)
        .order_by()
        .values_list("effort__programme_id")
        .annotate(latest=Max("period_start"))
    )
    periods: dict[int, ReportingPeriod | None] = {}
    for programme in programmes:
        calendar = calendars.get(programme.pk)
        if calendar is None:
            periods[programme.pk] = None
            continue
        calendar.programme = programme
        periods[programme.pk] = _default_with(calendar, today, latest.get(programme.pk))
    all_efforts = [
        e
        for e in Effort.objects.filter(programme_id__in=ids, archived_at__isnull=True)
        .select_related("owner", "track", "programme", "reporting")
        .order_by("track__order", "track__name", "order", "name")
        if effort_reports(e)
    ]
    by_programme: dict[int, list[Effort]] = {pk: [] for pk in ids}
    for effort in all_efforts:
        by_programme[effort.programme_id].append(effort)
    owing = {pk: _owing(by_programme[pk], periods[pk]) for pk in ids}
    bounds = {pk: (periods[pk].start if periods[pk] else today) for pk in ids}
    counting = counting_reports([e for pk in ids for e in owing[pk]], bounds)
    return {
        p.pk: _attention(
            p,
            periods[p.pk],
            reference_date(periods[p.pk], today),
            owing[p.pk],
            {e.pk: counting[e.pk] for e in owing[p.pk] if e.pk in counting},
        )
        for p in programmes
    }


def _default_with(calendar: ReportingCalendar, today: dt.date, latest_done):
    """:func:`period_default` with the latest handed-in period known (no query); a latest
    period after the period reported on now does not count."""
    current = calendar.reporting_period(today)
    if latest_done is not None and current is not None and latest_done > current.start:
        latest_done = None  # only reports up to the current period count; ask the database
    return period_default(calendar, today=today, latest_done=latest_done)
