"""The monitor's pages: the programme dashboard, one goal's monitor (chart, table, status,
forecast), entering and correcting measurements, and judging qualitative goals. Thin views:
permission, selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.programmes.presentation import format_number
from koers.ui import Edit, Editable, apply_errors, delete_view, edit_view, programme_for

from . import selectors, services
from .forms import AsOfForm, JudgementForm, MeasurementForm
from .models import Measurement
from .selectors import GoalState
from .sparkline import sparkline_svg


def _sparkline(state: GoalState) -> str:
    if not state.points:
        return ""
    ind = state.indicator
    label = _("Trend of %(name)s: %(n)s measurements, latest %(value)s") % {
        "name": ind.name,
        "n": len(state.points),
        "value": format_number(state.points[-1].value, ind.decimals),
    }
    end = state.evaluation.target_end_value if state.evaluation else None
    return mark_safe(  # noqa: S308 - built from numbers and an escaped label
        sparkline_svg([(p.date, p.value) for p in state.points], label=label, target=end)
    )


def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "programmes.view_programme")
    as_of_form = AsOfForm(request.GET or None)
    as_of = as_of_form.as_of()
    monitor = selectors.programme_monitor(programme, as_of=as_of, count_later=True)
    sparklines = {g.goal.pk: _sparkline(g) for g in monitor.goals}
    from .status import ROLL_UP_RULE

    return render(
        request,
        "monitoring/dashboard.html",
        {
            "programme": programme,
            "monitor": monitor,
            "as_of_form": as_of_form,
            "as_of_given": bool(request.GET.get("op")) and as_of_form.is_valid(),
            "sparklines": sparklines,
            "roll_up_rule": ROLL_UP_RULE,
            "can_import": request.user.has_perm("monitoring.import_measurements"),
            "can_enter": request.user.has_perm("monitoring.change_measurements", programme),
        },
    )


def goal_monitor(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    programme = programme_for(request, slug, "programmes.view_programme")
    as_of_form = AsOfForm(request.GET or None)
    as_of = as_of_form.as_of()
    gm = selectors.goal_monitor(programme, code, as_of=as_of)
    as_of_given = bool(request.GET.get("op")) and as_of_form.is_valid()
    can_judge = request.user.has_perm("monitoring.judge_goals", programme)
    return render(
        request,
        "monitoring/goal_monitor.html",
        {
            "programme": programme,
            "goal": gm.state.goal,
            "state": gm.state,
            "gm": gm,
            "crumbs": _crumbs(programme),
            # The reference line is drawn only for a chosen date (today's would change daily).
            "chart": mark_safe(
                selectors.goal_chart(gm.state, as_of=as_of if as_of_given else None)
            ),
            "as_of_form": as_of_form,
            "as_of": as_of,
            "as_of_given": as_of_given,
            "can_enter": request.user.has_perm("monitoring.change_measurements", programme),
            "can_judge": can_judge,
            "any_fictitious": any(m.is_fictitious for m in gm.measurements),
        },
    )


def chart_svg(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    programme = programme_for(request, slug, "programmes.view_programme")
    as_of_form = AsOfForm(request.GET or None)
    as_of = as_of_form.as_of()
    gm = selectors.goal_monitor(programme, code, as_of=as_of)
    given = bool(request.GET.get("op")) and as_of_form.is_valid()
    svg = selectors.goal_chart(gm.state, as_of=as_of if given else None)
    if not svg:
        raise Http404
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = (
        f'inline; filename="{programme.slug}-{gm.state.goal.code}.svg"'
    )
    return response


def _today():
    from django.utils import timezone

    return timezone.localdate()


def _goal_url(programme, goal) -> str:
    return reverse("monitoring:goal", args=[programme.slug, goal.code])


def _crumbs(programme, goal=None) -> list[tuple[str, str]]:
    crumbs = [(reverse("monitoring:dashboard", args=[programme.slug]), _("Monitor"))]
    if goal is not None:
        crumbs.append((_goal_url(programme, goal), goal.code))
    return crumbs


def _measurement_scope(edit: Edit) -> None:
    if edit.spec.pk_kwarg not in edit.kwargs:
        edit.parent = selectors.measurable_goal_get(edit.programme, edit.kwargs["code"])


def _measurement_get(edit: Edit, pk):
    instance = selectors.measurement_get(edit.programme, edit.kwargs["code"], pk)
    edit.parent = instance.indicator.operational_goal
    return instance


def _measurement_fields(values: dict) -> dict:
    return {k: values[k] for k in ("value", "known_from", "source", "note", "is_provisional")}


MEASUREMENT = Editable(
    key="monitoring.measurement",
    model=Measurement,
    form=MeasurementForm,
    permission="monitoring.change_measurements",
    scope=_measurement_scope,
    get=_measurement_get,
    create=lambda edit, v: services.measurement_create(
        actor=edit.user,
        indicator=edit.parent.indicator,
        period=v["period"],
        **_measurement_fields(v),
    ),
    update=lambda edit, v, version: services.measurement_update(
        measurement=edit.instance,
        actor=edit.user,
        expected_version=version,
        period=v["period"],
        **_measurement_fields(v),
    ),
    delete=lambda edit, version: services.measurement_delete(
        measurement=edit.instance, actor=edit.user, expected_version=version
    ),
    after=lambda edit, saved: _goal_url(edit.programme, edit.parent),
    back=lambda edit: _goal_url(edit.programme, edit.parent),
    crumbs=lambda edit: _crumbs(edit.programme, edit.parent),
    new_title=gettext_lazy("New measurement"),
    edit_title=lambda edit: (
        _("Correct the measurement of %(period)s") % {"period": edit.instance.period_label}
    ),
    delete_title=lambda edit: (
        _("Delete the measurement of %(period)s?") % {"period": edit.instance.period_label}
    ),
    note=gettext_lazy("The previous value stays in the history of the programme."),
    created=lambda edit, saved: (
        _("Measurement for %(period)s added.") % {"period": saved.period_label}
    ),
    saved=lambda edit, saved: (
        _("Measurement for %(period)s saved.") % {"period": saved.period_label}
    ),
    deleted=lambda edit, gone: (
        _("Measurement for %(period)s deleted.") % {"period": gone.period_label}
    ),
    consequences=gettext_lazy(
        "The status of the goal is computed again without this value. The deletion is "
        "recorded in the history."
    ),
    template="monitoring/measurement_form.html",
    delete_template="monitoring/measurement_delete.html",
)
measurement_edit = edit_view(MEASUREMENT)
measurement_delete = delete_view(MEASUREMENT)


def judgement_create(request: HttpRequest, slug: str, code: str):
    programme = programme_for(request, slug, "monitoring.judge_goals")
    gm = selectors.goal_monitor(programme, code, as_of=_today())
    goal = gm.state.goal
    if goal.is_measurable:
        raise Http404
    bound = request.method == "POST"
    form = JudgementForm(request.POST if bound else None)
    if bound and form.is_valid():
        try:
            services.goal_judgement_record(actor=request.user, goal=goal, **form.cleaned_data)
            messages.success(request, _("Judgement recorded."))
            return redirect(_goal_url(programme, goal))
        except ValidationError as exc:
            apply_errors(form, exc)
    return render(
        request,
        "monitoring/judgement_form.html",
        {
            "programme": programme,
            "goal": goal,
            "form": form,
            "gm": gm,
            "crumbs": _crumbs(programme, goal),
        },
        status=400 if bound else 200,
    )
