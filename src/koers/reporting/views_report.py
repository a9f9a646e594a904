"""The report pages: one effort's report over one period (the form for its owner, the read-only
report for everyone else and once submitted), the reviewer's accept / return, the report's
history, and "my reports" (what the logged-in user must write or review). Thin views:
permission, selector or service, render."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.programmes.models import Effort, Programme
from koers.programmes.presentation import format_date
from koers.ui import (
    posted_version,
    programme_for,
    saved_differences,
    set_version,
    versioned_submit,
)
from koers.ui.bounds import bounded_date

from . import selectors, services
from .constants import ReportState
from .forms import ReportForm, ReviewForm
from .models import REPORT_CONTENT_FIELDS, ProgressReport
from .obligations import owner_rows
from .schedule import ReportingPeriod
from .selectors_overview import collapse_missing

PERIOD_KEY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# What the history page compares between two versions of a report.
HISTORY_FIELDS = ["state", *REPORT_CONTENT_FIELDS, "review_comment", "snapshot", "is_fictitious"]


def _today() -> dt.date:
    return timezone.localdate()


def _require(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def period_label(start: dt.date, end: dt.date) -> str:
    """ "1 – 14 januari 2024", "18 december 2023 – 7 januari 2024": the year once if shared."""
    if start.year != end.year:
        return f"{format_date(start)} – {format_date(end)}"
    first = date_format(start, "j" if start.month == end.month else "j F")
    return f"{first} – {format_date(end)}"


@dataclass
class ReportPage:
    """What every report page resolves from its address."""

    programme: Programme
    effort: Effort
    period: ReportingPeriod
    report: ProgressReport | None

    @property
    def url(self) -> str:
        return reverse(
            "reporting:report", args=[self.programme.slug, self.effort.pk, self.period.key]
        )

    @property
    def label(self) -> str:
        return period_label(self.period.start, self.period.end)


def _resolve(request: HttpRequest, slug: str, effort_pk: int, period_key: str) -> ReportPage:
    """The programme, effort, period and report of the address; 404 for a period the calendar
    does not have (or that has not begun) and for an effort that does not report."""
    programme = programme_for(request, slug, "reporting.view_reports")
    effort = selectors.effort_get(programme, effort_pk)
    calendar = selectors.calendar_get(programme)
    if calendar is None or not PERIOD_KEY.match(period_key):
        raise Http404
    try:
        start = bounded_date(period_key)
    except ValueError as exc:
        raise Http404 from exc
    period = calendar.period_starting(start)
    if period is None or period.start > _today():
        raise Http404
    report = selectors.report_get(programme, effort.pk, period.start)
    if report is None and not selectors.effort_reports(effort):
        raise Http404
    if report is not None:
        report.effort = effort  # the one with its owner, track and reporting setting loaded
    return ReportPage(programme, effort, period, report)


def _crumbs(page: ReportPage) -> list[tuple[str, str]]:
    slug = page.programme.slug
    return [
        (reverse("reporting:overview", args=[slug]), _("Progress reports")),
        (reverse("reporting:effort_reports", args=[slug, page.effort.pk]), page.effort.name),
    ]


def _base_context(request: HttpRequest, page: ReportPage) -> dict[str, Any]:
    report = page.report
    done = report is not None and report.state in (ReportState.SUBMITTED, ReportState.ACCEPTED)
    return {
        "programme": page.programme,
        "effort": page.effort,
        "period": page.period,
        "period_label": page.label,
        "report": report,
        "is_late": not done and page.period.is_late(_today()),
        "crumbs": _crumbs(page),
        "current": page.label,
    }


# --- the report: form or read-only ---------------------------------------------------------------


def report(request: HttpRequest, slug: str, effort: int, period: str) -> HttpResponse:
    """The report's form for whoever may write it while it is a draft or sent back, else the
    read-only report. Opening it writes nothing: a period without a report shows a form
    pre-filled in memory from the previous report, and the draft is made by the first save."""
    page = _resolve(request, slug, effort, period)
    can_write = request.user.has_perm("reporting.write_report", page.effort)
    editable = page.report is None or page.report.is_editable
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        if not editable:
            seen = posted_version(request)
            stale = seen != page.report.version
            return _detail(
                request,
                page,
                status=409 if stale else 400,
                error=_("This report is %(state)s and can no longer be changed; nothing was saved.")
                % {"state": page.report.get_state_display()},
            )
        return _save(request, page)
    if not (can_write and editable):
        return _detail(request, page)
    if page.report is not None:
        return _form(request, page, ReportForm(report=page.report))
    # No report yet: the previous one's content, in memory only, and no version (the user has
    # seen no saved report; a save that finds one made meanwhile is a conflict).
    previous, content = selectors.report_prefill(page.effort, page.period)
    return _form(
        request, page, ReportForm(initial={**content, "version": None}), prefilled_from=previous
    )


def _form(
    request: HttpRequest,
    page: ReportPage,
    form: ReportForm,
    *,
    status: int = 200,
    differences: list | None = None,
    submit_failed: bool = False,
    prefilled_from: ProgressReport | None | bool = True,
) -> HttpResponse:
    """The form. Until the report is saved, the page says what the form was pre-filled from
    (the previous report, looked up here unless given) and that nothing is stored yet."""
    report = page.report
    if report is not None:
        prefilled_from = None
    elif prefilled_from is True:
        prefilled_from = selectors.previous_report(page.effort, page.period.start)
    context = _base_context(request, page)
    context.update(
        {
            "form": form,
            "differences": differences,
            "submit_failed": submit_failed,
            "unsaved": report is None,
            "prefilled_from": prefilled_from,
            "prefilled_label": prefilled_from
            and period_label(prefilled_from.period_start, prefilled_from.period_end),
        }
    )
    return render(request, "reporting/report_form.html", context, status=status)


def _save(request: HttpRequest, page: ReportPage) -> HttpResponse:
    """Save the posted form: the first save creates the draft with exactly what was posted;
    ``action=submit`` then submits it. Someone else's save meanwhile (also: their creating the
    report while this user had the unsaved form open) gives 409 with what they saved."""
    form = ReportForm(request.POST)
    submit = request.POST.get("action") == "submit"

    def write(version: int | None) -> ProgressReport:
        if page.report is None:
            return services.report_create(
                effort=page.effort, period=page.period, actor=request.user, **form.content()
            )
        if version is None:  # the form of a report not yet saved; someone saved it meanwhile
            raise services.ConflictError(page.report)
        return services.report_save(
            report=page.report, actor=request.user, expected_version=version, **form.content()
        )

    # An empty version is the form of a report not yet saved: ``write`` refuses it (409) when
    # the report exists meanwhile.
    done = versioned_submit(form, write, compare=False, require_version=False)
    if done.status == 409:
        return _conflict(request, page, form)
    if not done.ok:
        return _form(request, page, form, status=400)
    saved = page.report = done.result
    saved.effort = page.effort
    if not submit:
        messages.success(request, _("Draft saved. It is not submitted yet."))
        return redirect(page.url)
    done = versioned_submit(
        form,
        lambda _version: services.report_submit(
            report=saved, actor=request.user, expected_version=saved.version
        ),
        compare=False,
    )
    if done.status == 409:
        return _conflict(request, page, form)
    if not done.ok:
        set_version(form, saved.version)
        return _form(request, page, form, status=400, submit_failed=True)
    messages.success(request, _("Report submitted. The programme staff will review it."))
    return redirect(page.url)


def _conflict(request: HttpRequest, page: ReportPage, form: ReportForm) -> HttpResponse:
    """409: someone else saved (or created, or submitted) the report meanwhile. Their report
    beside the user's input, and the form carries their version, so saving again is a
    deliberate choice to replace it; a report they submitted meanwhile is shown read-only."""
    seen = page.report
    fresh = selectors.report_get(page.programme, page.effort.pk, page.period.start)
    if fresh is None:  # gone meanwhile: nothing to compare with; saving again creates it
        page.report = None
        return _form(request, page, form, status=409)
    fresh.effort = page.effort
    page.report = fresh
    if not fresh.is_editable:
        error = " ".join(form.non_field_errors())
        return _detail(request, page, status=409, error=error)
    return _form(request, page, form, status=409, differences=_differences(seen, fresh, form))


def _differences(
    seen: ProgressReport | None, fresh: ProgressReport, form: ReportForm
) -> list[tuple[str, str, str]]:
    """What the other person saved next to the user's input (the shared comparison), with the
    report's state first when that changed too."""
    rows = saved_differences(fresh, form, REPORT_CONTENT_FIELDS) or []
    if seen is not None and fresh.state != seen.state:
        rows.insert(0, (_("status"), fresh.get_state_display(), seen.get_state_display()))
    return rows


def _detail(
    request: HttpRequest,
    page: ReportPage,
    *,
    status: int = 200,
    review_form: ReviewForm | None = None,
    error: str | None = None,
) -> HttpResponse:
    report = page.report
    if review_form is not None and error is None:
        error = " ".join(review_form.non_field_errors()) or None
    can_review = (
        report is not None
        and report.state == ReportState.SUBMITTED
        and request.user.has_perm("reporting.review_reports", page.programme)
    )
    context = _base_context(request, page)
    context.update(
        {
            "can_review": can_review,
            "review_form": review_form or (ReviewForm(report=report) if can_review else None),
            "error": error,
        }
    )
    return render(request, "reporting/report_detail.html", context, status=status)


# --- review --------------------------------------------------------------------------------------


@require_POST
def review(request: HttpRequest, slug: str, effort: int, period: str) -> HttpResponse:
    page = _resolve(request, slug, effort, period)
    _require(request, "reporting.review_reports", page.programme)
    if page.report is None:
        raise Http404
    form = ReviewForm(request.POST)
    action = request.POST.get("action")
    if action not in (ReviewForm.ACCEPT, ReviewForm.RETURN):
        form.add_error(None, _("Choose whether to accept the report or send it back."))
    if not form.is_valid():
        return _detail(request, page, status=400, review_form=form)
    data = form.cleaned_data
    accept = action == ReviewForm.ACCEPT
    write = services.report_accept if accept else services.report_return
    done = versioned_submit(
        form,
        lambda version: write(
            report=page.report,
            actor=request.user,
            expected_version=version,
            comment=data["comment"],
        ),
        rename=lambda key: "comment" if key == "review_comment" else key,
        compare=False,
    )
    if done.status == 409:
        page.report = selectors.report_get(page.programme, page.effort.pk, page.period.start)
        page.report.effort = page.effort
        return _detail(request, page, status=409, error=done.error)
    if not done.ok:
        return _detail(request, page, status=400, review_form=form)
    if accept:
        messages.success(request, _("Report accepted."))
    else:
        messages.success(request, _("Report sent back to its owner with your comment."))
    return redirect(page.url)


# --- history -------------------------------------------------------------------------------------


@dataclass
class HistoryEntry:
    when: dt.datetime
    who: Any
    state: str
    action: str
    changes: list[str]
    reason: str


def _history(report: ProgressReport) -> list[HistoryEntry]:
    """Every saved version of ``report``, newest first, with the fields that changed (one
    query, whatever the number of versions)."""
    labels = {
        name: str(ProgressReport._meta.get_field(name).verbose_name) for name in HISTORY_FIELDS
    }
    labels["state"] = _("status")  # the field's own name, "stand", reads oddly here
    rows = (
        ProgressReport.history.filter(id=report.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    entries, previous = [], None
    for row in rows:
        changes = []
        if previous is not None:
            changes = [
                labels[name]
                for name in HISTORY_FIELDS
                if getattr(previous, name) != getattr(row, name)
            ]
        entries.append(
            HistoryEntry(
                when=row.history_date,
                who=row.history_user,
                state=row.get_state_display(),
                action=row.history_type,
                changes=changes,
                reason=row.history_change_reason or "",
            )
        )
        previous = row
    entries.reverse()
    return entries


def report_history(request: HttpRequest, slug: str, effort: int, period: str) -> HttpResponse:
    page = _resolve(request, slug, effort, period)
    if page.report is None:
        raise Http404
    context = _base_context(request, page)
    context["crumbs"] = [*context["crumbs"], (page.url, page.label)]
    context["current"] = _("History")
    context["entries"] = _history(page.report)
    return render(request, "reporting/report_history.html", context)


# --- my reports ----------------------------------------------------------------------------------


def _awaiting_review(user) -> list[ProgressReport]:
    """Submitted reports in the programmes where ``user`` reviews (two queries)."""
    programmes = [
        p for p in Programme.objects.all() if user.has_perm("reporting.review_reports", p)
    ]
    if not programmes:
        return []
    reports = list(
        ProgressReport.objects.filter(state=ReportState.SUBMITTED, effort__programme__in=programmes)
        .select_related("effort", "effort__programme", "effort__owner", "submitted_by")
        .order_by("deadline", "effort__programme__name", "effort__name")
    )
    for r in reports:
        r.period_label = period_label(r.period_start, r.period_end)
    return reports


def my_reports(request: HttpRequest) -> HttpResponse:
    today = _today()
    rows = owner_rows(request.user, today=today)
    shown = []
    for _effort, group in groupby(rows, key=lambda r: r.effort.pk):
        for row in collapse_missing(list(group), keep=1):
            if row.is_run:
                first, last = row.oldest, row.newest
                shown.append((row, period_label(first.start, last.end)))
            else:
                shown.append((row, period_label(row.period.start, row.period.end)))
    return render(
        request,
        "reporting/my_reports.html",
        {
            "rows": shown,
            "to_review": _awaiting_review(request.user),
            "today": today,
            "late_count": sum(1 for r in rows if r.is_late),
        },
    )
