"""Every write to progress reports and their calendar.

The workflow: *concept* → *ingediend* → *geaccepteerd*, or *teruggestuurd* with a comment, after
which the owner edits and submits again. Only a draft or a returned report can be changed; on
submission the effort's details are frozen into the report. Every change takes the version the
user saw (``expected_version``) and is refused with ``ConflictError`` if someone else saved in
the meantime.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.programmes.models import Effort, Programme
from koers.programmes.services import ConflictError, object_create, object_delete, object_update

from .constants import Aspect, AspectStatus, ReportState
from .models import (
    REPORT_CONTENT_FIELDS,
    EffortReporting,
    ProgressReport,
    ReportingCalendar,
    effort_reports_by_default,
)
from .schedule import ReportingPeriod
from .selectors import effort_snapshot, report_prefill

__all__ = [
    "ConflictError",
    "calendar_set",
    "effort_reporting_set",
    "report_accept",
    "report_create",
    "report_open",
    "report_return",
    "report_save",
    "report_submit",
]


def calendar_set(
    *, programme: Programme, actor, expected_version: int | None = None, **fields: Any
) -> ReportingCalendar:
    """Create or change the programme's reporting calendar."""
    existing = ReportingCalendar.objects.filter(programme=programme).first()
    if existing is None:
        return object_create(ReportingCalendar, actor=actor, programme=programme, **fields)
    return object_update(existing, actor=actor, expected_version=expected_version, **fields)


def effort_reporting_set(*, effort: Effort, reports: bool | None, actor) -> None:
    """Set whether ``effort`` reports; ``None`` (or the default value) returns to the default
    by municipality role."""
    existing = EffortReporting.objects.filter(effort=effort).first()
    if reports is None or reports == effort_reports_by_default(effort):
        if existing is not None:
            object_delete(existing, actor=actor, expected_version=None)
        return
    if existing is None:
        object_create(EffortReporting, actor=actor, effort=effort, reports=reports)
    elif existing.reports != reports:
        object_update(existing, actor=actor, expected_version=None, reports=reports)


def report_create(
    *,
    effort: Effort,
    period: ReportingPeriod,
    actor,
    is_fictitious: bool = False,
    reason: str | None = None,
    **content: Any,
) -> ProgressReport:
    """Create the effort's draft over ``period`` with exactly ``content`` (the first save of
    the report's form). An effort has one report per period: when someone else created it
    meanwhile, :class:`ConflictError` carrying theirs, and nothing is written."""
    unknown = set(content) - set(REPORT_CONTENT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))

    def existing() -> ProgressReport | None:
        return ProgressReport.objects.filter(effort=effort, period_start=period.start).first()

    try:
        with transaction.atomic():
            found = existing()
            if found is not None:
                raise ConflictError(found)
            return object_create(
                ProgressReport,
                actor=actor,
                reason=reason,
                effort=effort,
                period_start=period.start,
                period_end=period.end,
                deadline=period.deadline,
                is_fictitious=is_fictitious,
                **content,
            )
    except IntegrityError as exc:  # created at the same moment by someone else
        raise ConflictError(existing()) from exc
    except ValidationError:
        # The one-per-period constraint, when theirs arrived between the look and the check.
        found = existing()
        if found is not None:
            raise ConflictError(found) from None
        raise


def report_open(
    *, effort: Effort, period: ReportingPeriod, actor, is_fictitious: bool = False
) -> ProgressReport:
    """The effort's report over ``period``, created (a draft pre-filled from the previous
    report, see ``selectors.report_prefill``) if there is none. For the demo and for scripts that
    build reports; the report page itself never calls it: opening a page writes nothing, the
    draft is made by the first save (:func:`report_create`)."""
    found = ProgressReport.objects.filter(effort=effort, period_start=period.start).first()
    if found is not None:
        return found
    previous, content = report_prefill(effort, period)
    try:
        return report_create(
            effort=effort,
            period=period,
            actor=actor,
            is_fictitious=is_fictitious,
            reason=_("Draft pre-filled from the report of %(date)s.")
            % {"date": previous.period_start.isoformat()}
            if previous
            else None,
            **content,
        )
    except ConflictError as exc:  # opened at the same moment elsewhere: use that one
        if exc.instance is None:
            raise
        return exc.instance


def _require_state(report: ProgressReport, *states: str) -> None:
    if report.state not in states:
        raise ValidationError(
            _("This report is %(state)s and cannot be changed that way.")
            % {"state": report.get_state_display()}
        )


def report_save(
    *, report: ProgressReport, actor, expected_version: int | None, **content: Any
) -> ProgressReport:
    """Save the content of a draft or returned report (not a submitted or accepted one)."""
    unknown = set(content) - set(REPORT_CONTENT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    with transaction.atomic():
        fresh = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if expected_version is not None and fresh.version != expected_version:
            raise ConflictError(report)
        _require_state(fresh, ReportState.DRAFT, ReportState.RETURNED)
        return object_update(fresh, actor=actor, expected_version=expected_version, **content)


def submission_problems(report: ProgressReport) -> dict[str, list[str]]:
    """What must still be filled in before the report can be submitted, per field."""
    problems: dict[str, list[str]] = {}
    if not report.overall_status:
        problems["overall_status"] = [_("Choose the overall status.")]
    for aspect in Aspect:
        status = getattr(report, f"{aspect.value}_status")
        if not status:
            problems[f"{aspect.value}_status"] = [
                _("Choose a status for ‘%(aspect)s’.") % {"aspect": aspect.label}
            ]
        elif (
            status != AspectStatus.GOOD
            and not getattr(report, f"{aspect.value}_explanation").strip()
        ):
            problems[f"{aspect.value}_explanation"] = [
                _("Explain why ‘%(aspect)s’ needs attention or is a problem.")
                % {"aspect": aspect.label}
            ]
    if report.overall_status and report.overall_status != AspectStatus.GOOD:
        if not any(getattr(report, f"{a.value}_explanation").strip() for a in Aspect):
            problems.setdefault("overall_status", []).append(
                _("Explain at least one aspect when the overall status is not good.")
            )
    return problems


def report_submit(*, report: ProgressReport, actor, expected_version: int | None) -> ProgressReport:
    """Submit the report: checks it is complete, then freezes the effort's details in it."""
    with transaction.atomic():
        fresh = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if expected_version is not None and fresh.version != expected_version:
            raise ConflictError(report)
        _require_state(fresh, ReportState.DRAFT, ReportState.RETURNED)
        problems = submission_problems(fresh)
        if problems:
            raise ValidationError(problems)
        return object_update(
            fresh,
            actor=actor,
            expected_version=fresh.version,
            reason=_("Submitted"),
            state=ReportState.SUBMITTED,
            snapshot=effort_snapshot(fresh.effort),
            submitted_at=timezone.now(),
            submitted_by=actor if getattr(actor, "pk", None) else None,
        )


def _review(
    report: ProgressReport, *, actor, expected_version, state: str, comment: str, reason: str
) -> ProgressReport:
    with transaction.atomic():
        fresh = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if expected_version is not None and fresh.version != expected_version:
            raise ConflictError(report)
        _require_state(fresh, ReportState.SUBMITTED)
        return object_update(
            fresh,
            actor=actor,
            expected_version=fresh.version,
            reason=reason,
            state=state,
            review_comment=comment,
            reviewed_at=timezone.now(),
            reviewed_by=actor if getattr(actor, "pk", None) else None,
        )


def report_accept(
    *, report: ProgressReport, actor, expected_version: int | None, comment: str = ""
) -> ProgressReport:
    return _review(
        report,
        actor=actor,
        expected_version=expected_version,
        state=ReportState.ACCEPTED,
        comment=comment.strip(),
        reason=_("Accepted"),
    )


def report_return(
    *, report: ProgressReport, actor, expected_version: int | None, comment: str
) -> ProgressReport:
    """Send the report back to its owner with a comment saying what to change."""
    if not comment.strip():
        raise ValidationError(
            {"review_comment": [_("Say what the owner should change before sending it back.")]}
        )
    return _review(
        report,
        actor=actor,
        expected_version=expected_version,
        state=ReportState.RETURNED,
        comment=comment.strip(),
        reason=_("Returned"),
    )
