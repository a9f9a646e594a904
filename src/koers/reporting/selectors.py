"""Reads for progress reports: which efforts report, a report with its effort, the effort as
it is now (for the frozen snapshot)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from koers.programmes.models import Effort, GoalEffortLink, Programme

from .models import (
    REPORT_CONTENT_FIELDS,
    EffortReporting,
    ProgressReport,
    ReportingCalendar,
    effort_reports_by_default,
)


def calendar_get(programme: Programme) -> ReportingCalendar | None:
    calendar = ReportingCalendar.objects.filter(programme=programme).first()
    if calendar is not None:
        calendar.programme = programme  # its end date bounds the periods; no second query
    return calendar


def _efforts(programme: Programme) -> QuerySet[Effort]:
    return (
        Effort.objects.filter(programme=programme)
        .select_related("owner", "owner__user", "track", "programme")
        .prefetch_related(Prefetch("reporting", queryset=EffortReporting.objects.all()))
        .order_by("track__order", "track__name", "order", "name")
    )


def effort_reports(effort: Effort) -> bool:
    """Does this effort report? Its own setting, or else the default by municipality role."""
    try:
        return effort.reporting.reports
    except EffortReporting.DoesNotExist:
        return effort_reports_by_default(effort)


def effort_active_in(effort: Effort, period_start, period_end=None) -> bool:
    """An effort that ended before a period began, or begins after it ended, owes no report
    over it; nor does an effort archived by the end of the period (over the periods before, its
    reports stay in the record and the documents of their time)."""
    archived, last = getattr(effort, "archived_at", None), period_end or period_start
    if archived is not None and last is not None and archived <= last:
        return False
    if period_start is not None and effort.end_date is not None and effort.end_date < period_start:
        return False
    if period_end is not None and effort.start_date is not None and effort.start_date > period_end:
        return False
    return True


def reporting_efforts(programme: Programme, period_start=None) -> list[Effort]:
    """The efforts of ``programme`` that report (over the period beginning on ``period_start``,
    if given: not those that ended before it). Two queries."""
    return [
        e for e in _efforts(programme) if effort_reports(e) and effort_active_in(e, period_start)
    ]


def all_efforts_with_reporting(programme: Programme) -> list[tuple[Effort, bool, bool]]:
    """Every effort with (reports?, is that its own setting rather than the default?)."""
    rows = []
    for effort in _efforts(programme):
        try:
            own = effort.reporting.reports
            rows.append((effort, own, True))
        except EffortReporting.DoesNotExist:
            rows.append((effort, effort_reports_by_default(effort), False))
    return rows


def report_get(programme: Programme, effort_pk: int, period_start) -> ProgressReport | None:
    return (
        ProgressReport.objects.select_related(
            "effort", "effort__owner", "effort__programme", "submitted_by", "reviewed_by"
        )
        .filter(effort__programme=programme, effort_id=effort_pk, period_start=period_start)
        .first()
    )


def effort_get(programme: Programme, effort_pk: int) -> Effort:
    return get_object_or_404(_efforts(programme), pk=effort_pk)


def previous_report(effort: Effort, before) -> ProgressReport | None:
    """The effort's latest report over an earlier period: submitted ones first."""
    earlier = ProgressReport.objects.filter(effort=effort, period_start__lt=before)
    return (
        earlier.exclude(state="concept").order_by("-period_start").first()
        or earlier.order_by("-period_start").first()
    )


def report_prefill(effort: Effort, period) -> tuple[ProgressReport | None, dict]:
    """What a new report over ``period`` starts with: the effort's previous report and its
    content (statuses, explanations, overall status and the question to the principals), so an
    owner whose effort is unchanged only checks and submits. Reads only: the page shows it in
    the form, and nothing is stored until the owner saves."""
    previous = previous_report(effort, period.start)
    if previous is None:
        return None, {}
    return previous, {name: getattr(previous, name) for name in REPORT_CONTENT_FIELDS}


def effort_snapshot(effort: Effort) -> dict:
    """The effort as it is now, in plain data, to freeze in a submitted report, with its linked
    risks and risk paragraph (from the risk register's selector). Budget is added here when Koers
    keeps it."""
    from koers.risks.selectors import effort_risk_snapshot

    links = (
        GoalEffortLink.objects.filter(effort=effort)
        .select_related("operational_goal")
        .order_by("operational_goal__code")
    )
    return {
        "name": effort.name,
        "description": effort.description,
        "track": effort.track.name if effort.track_id else "",
        "owner": effort.owner.name if effort.owner_id else "",
        "municipality_role": effort.get_municipality_role_display(),
        "status": effort.get_status_display(),
        "start_date": effort.start_date.isoformat() if effort.start_date else None,
        "end_date": effort.end_date.isoformat() if effort.end_date else None,
        "partners": sorted(p.name for p in effort.partners.all()),
        "goals": [
            {
                "code": link.operational_goal.code,
                "statement": link.operational_goal.statement,
                "contribution": link.contribution,
            }
            for link in links
        ],
        **effort_risk_snapshot(effort),
    }
