"""DIN-09 and DIN-10: the reports and the measurements that follow the programme."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.din.constants import Severity
from koers.monitoring.status import next_measurement_due
from koers.programmes.constants import GoalKind
from koers.programmes.presentation import format_date
from koers.reporting.constants import ReportState

from .data import DinData
from .registry import effort_subject, finding, goal_subject, rule
from .results import Finding

_REPORT_STATE_TEXT = {
    "": gettext_lazy("missing"),
    ReportState.DRAFT: gettext_lazy("still a draft"),
    ReportState.RETURNED: gettext_lazy("returned to the owner"),
}


@rule(
    "DIN-09",
    Severity.WARNING,
    title=gettext_lazy("Effort without a report in the last period"),
    explanation=gettext_lazy(
        "Every effort that reports owes a progress report over each period of the "
        "reporting calendar. This checks the latest period whose deadline has passed: a "
        "report that is missing, still a draft or returned counts as not handed in. "
        "Without a reporting calendar nobody reports; that is one finding for the whole "
        "programme."
    ),
    how_to_fix=gettext_lazy(
        "Ask the owner to complete and submit the report, or set the reporting calendar."
    ),
)
def check_reports(data: DinData) -> Iterable[Finding]:
    rep = data.reporting
    if not rep.has_calendar:
        if data.efforts:
            yield finding(
                data,
                _("programme"),
                _("The programme has no reporting calendar, so no effort reports."),
                fix_route="reporting:calendar",
                fix_kwargs=(("slug", data.slug),),
                fix_perm="reporting.manage_reporting",
                fix_label=_("Set the reporting calendar"),
            )
        return
    if rep.period_start is None:
        return
    for effort in data.efforts:
        if not effort.reports or effort.report_state in (
            ReportState.SUBMITTED,
            ReportState.ACCEPTED,
        ):
            continue
        yield finding(
            data,
            effort_subject(effort.name),
            _("The report over %(start)s – %(end)s (due %(deadline)s) is %(state)s.")
            % {
                "start": format_date(rep.period_start),
                "end": format_date(rep.period_end),
                "deadline": format_date(rep.deadline),
                "state": _REPORT_STATE_TEXT.get(effort.report_state, effort.report_state),
            },
            effort.pk,
            fix_route="reporting:report",
            fix_kwargs=(
                ("slug", data.slug),
                ("effort", effort.pk),
                ("period", rep.period_start.isoformat()),
            ),
            fix_perm="reporting.write_report",
            fix_effort_pk=effort.pk,
            fix_label=_("Open the report"),
        )


@rule(
    "DIN-10",
    Severity.WARNING,
    title=gettext_lazy("Indicator without a recent measurement"),
    explanation=gettext_lazy(
        "By its measuring frequency, a new measurement of the indicator is overdue, or it "
        "has never been measured since the programme began. The rule is the monitor's: a "
        "measurement is due one interval plus a grace period after the latest one. "
        "Indicators measured once or without a stated frequency are only checked for "
        "having any measurement at all."
    ),
    how_to_fix=gettext_lazy("Enter or import the latest measurement in the monitor."),
)
def check_measurements(data: DinData) -> Iterable[Finding]:
    if data.as_of < data.period_start:
        return
    for goal in data.goals:
        ind = goal.indicator
        if goal.kind != GoalKind.MEASURABLE or ind is None:
            continue
        latest = ind.latest_measurement
        if latest is None:
            message = _("The indicator has not been measured yet.")
        else:
            due = next_measurement_due(latest, ind.measuring_frequency)
            if due is None or data.as_of <= due:
                continue
            message = _(
                "The latest measurement is of %(latest)s; by its measuring frequency a new one "
                "was due by %(due)s."
            ) % {"latest": format_date(latest), "due": format_date(due)}
        yield finding(
            data,
            goal_subject(goal.code),
            message,
            goal.code,
            fix_route="monitoring:measurement_create",
            fix_kwargs=(("slug", data.slug), ("code", goal.code)),
            fix_perm="monitoring.change_measurements",
            fix_label=_("Enter a measurement"),
        )
