"""What goes into the archive package of a programme: its decisions with the changes made under
them, and the reporting periods with accepted progress reports (a fixed number of queries)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from koers.decisions.models import Decision, ProgrammeChange
from koers.decisions.selectors import programme_decisions
from koers.programmes.models import Programme
from koers.reporting.constants import ReportState
from koers.reporting.models import ProgressReport
from koers.reporting.schedule import ReportingPeriod
from koers.reporting.selectors import calendar_get


@dataclass
class AcceptedPeriod:
    """A reporting period with at least one accepted progress report."""

    period: ReportingPeriod
    reports: list[ProgressReport]  # the accepted reports, by effort name

    @property
    def accepted_at(self) -> dt.datetime | None:
        return max((r.reviewed_at for r in self.reports if r.reviewed_at), default=None)


@dataclass
class ArchiveContents:
    programme: Programme
    decisions: list[Decision]  # oldest first
    changes: dict[int, list[ProgrammeChange]] = field(default_factory=dict)  # per decision pk
    periods: list[AcceptedPeriod] = field(default_factory=list)  # oldest first


def archive_contents(programme: Programme, *, today: dt.date) -> ArchiveContents:
    """The decisions (oldest first, each with the changes citing it) and the periods with accepted
    reports up to ``today``: four queries."""
    decisions = list(programme_decisions(programme).order_by("date", "pk"))
    for decision in decisions:
        decision.programme = programme
    changes: dict[int, list[ProgrammeChange]] = defaultdict(list)
    for change in (
        ProgrammeChange.objects.filter(programme=programme, decision__isnull=False)
        .select_related("decision", "changed_by")
        .order_by("changed_at", "pk")
    ):
        changes[change.decision_id].append(change)
    accepted = (
        ProgressReport.objects.filter(
            effort__programme=programme, state=ReportState.ACCEPTED, period_start__lte=today
        )
        .select_related("effort")
        .order_by("period_start", "effort__name", "pk")
    )
    by_start: dict[dt.date, list[ProgressReport]] = defaultdict(list)
    for report in accepted:
        by_start[report.period_start].append(report)
    calendar = calendar_get(programme) if by_start else None
    periods = []
    for start, reports in sorted(by_start.items()):
        period = calendar.period_starting(start) if calendar is not None else None
        if period is None:  # the calendar changed since: the period as the reports had it
            first = reports[0]
            period = ReportingPeriod(first.period_start, first.period_end, first.deadline, 0)
        periods.append(AcceptedPeriod(period, reports))
    return ArchiveContents(programme, decisions, dict(changes), periods)
