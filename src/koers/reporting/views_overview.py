"""The reporting overview of a programme (the matrix of efforts × aspects for one period, with
missing and late reports), one effort's reports over the periods, and the reporting calendar
with the choice of which efforts report. Thin views: permission, selector or service, render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from koers.programmes.models import Programme
from koers.ui import programme_for, versioned_submit

from . import selectors, services
from .constants import Aspect, ReportState
from .forms_calendar import CalendarForm, PeriodForm, period_label
from .models import ReportingCalendar
from .schedule import ReportingPeriod
from .selectors_overview import (
    COUNT_KEYS,
    LATE,
    MISSING,
    effort_history,
    period_overview,
    periods_so_far,
)

#: Short column headers of the matrix; the full label goes in <abbr title> and the legend.
SHORT_LABELS = {
    Aspect.RESULTS: gettext_lazy("Results"),
    Aspect.PLANNING: gettext_lazy("Planning"),
    Aspect.QUALITY: gettext_lazy("Quality"),
    Aspect.FINANCES: gettext_lazy("Finances"),
    Aspect.RISKS: gettext_lazy("Risks"),
    Aspect.STAKEHOLDERS: gettext_lazy("Stakeholders"),
    Aspect.DEVELOPMENTS: gettext_lazy("Outlook"),
    Aspect.OBSTACLES: gettext_lazy("Obstacles"),
}


def _today() -> dt.date:
    return timezone.localdate()


def _columns() -> list[tuple[str, str]]:
    """(short header, full label) of the status columns: the overall status, then the aspects."""
    return [(_("Overall"), _("overall status"))] + [
        (str(SHORT_LABELS[a]), str(a.label)) for a in Aspect
    ]


def _count_labels() -> dict[str, str]:
    labels = {state.value: str(state.label) for state in ReportState}
    labels.update({MISSING: pgettext("report state", "missing"), LATE: _("late")})
    return {key: labels[key] for key in COUNT_KEYS}


def _crumbs(programme: Programme, *, overview: bool = True) -> list[tuple[str, str]]:
    if not overview:
        return []
    return [(reverse("reporting:overview", args=[programme.slug]), _("Progress reports"))]


def overview(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "reporting.view_reports")
    today = _today()
    calendar = selectors.calendar_get(programme)
    can_manage = request.user.has_perm("reporting.manage_reporting", programme)
    context = {"programme": programme, "calendar": calendar, "can_manage": can_manage}
    if calendar is None:
        return render(request, "reporting/overview.html", context)
    periods = periods_so_far(calendar, today)
    form = PeriodForm(request.GET or None, periods=periods)
    chosen = None
    if request.GET and form.is_valid():
        chosen = dt.date.fromisoformat(form.cleaned_data["periode"])
    data = period_overview(programme, today=today, period_start=chosen, calendar=calendar)
    if data is not None and not form.is_bound:
        form = PeriodForm(initial={"periode": data.period.key}, periods=periods)
    labels = _count_labels()
    context.update(
        {
            "data": data,
            "form": form,
            "columns": _columns(),
            "counts": [(key, labels[key], n) for key, n in data.counts] if data else [],
            "period_label": period_label(data.period) if data else "",
            "latest_label": period_label(data.latest_reported)
            if data and data.latest_reported
            else "",
            "first_start": calendar.start_date,
        }
    )
    return render(request, "reporting/overview.html", context)


def effort_reports(request: HttpRequest, slug: str, effort: int) -> HttpResponse:
    programme = programme_for(request, slug, "reporting.view_reports")
    instance = selectors.effort_get(programme, effort)
    history = effort_history(programme, instance, today=_today())
    return render(
        request,
        "reporting/effort_reports.html",
        {
            "programme": programme,
            "effort": instance,
            "history": history,
            "columns": _columns(),
            "rows": [(row, _row_label(row)) for row in history.display_rows],
            "crumbs": _crumbs(programme),
            "current": instance.name,
        },
    )


def _row_label(row) -> str:
    if not row.is_run:
        return period_label(row.period)
    return period_label(ReportingPeriod(row.oldest.start, row.newest.end, row.newest.deadline, 0))


def _save(programme: Programme, form: CalendarForm, *, actor) -> None:
    """The calendar (when changed) and every effort's choice, all or nothing."""
    values = form.calendar_values()
    version = form.cleaned_data.get("version")
    with transaction.atomic():
        current = ReportingCalendar.objects.select_for_update().filter(programme=programme).first()
        if current is not None and version is None:
            # Someone created the calendar after this form was opened.
            raise services.ConflictError(current)
        if current is None or any(getattr(current, k) != v for k, v in values.items()):
            services.calendar_set(
                programme=programme, actor=actor, expected_version=version, **values
            )
        for effort, before, chosen in form.effort_values():
            if before != chosen:
                services.effort_reporting_set(effort=effort, reports=chosen, actor=actor)


def calendar_edit(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "reporting.manage_reporting")
    calendar = selectors.calendar_get(programme)
    efforts = selectors.all_efforts_with_reporting(programme)
    bound = request.method == "POST"
    form = CalendarForm(request.POST if bound else None, calendar=calendar, efforts=efforts)
    done = None
    if bound:
        done = versioned_submit(
            form,
            lambda version: _save(programme, form, actor=request.user),
            instance=calendar,
            require_version=False,  # no version: no calendar yet; ``_save`` refuses it (409)
        )
        if done.ok:
            messages.success(request, _("Reporting calendar saved."))
            return redirect("reporting:overview", slug=programme.slug)
    return render(
        request,
        "reporting/calendar_form.html",
        {
            "programme": programme,
            "calendar": calendar,
            "form": form,
            "differences": done.differences if done else None,
            "crumbs": _crumbs(programme),
            "current": _("Reporting calendar"),
        },
        status=done.status if done else 200,
    )
