"""DIN-01, DIN-02 and DIN-13: is every operational goal measurable, SMART, and do its words
agree with its indicator?"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.din.constants import Severity
from koers.monitoring.status import join_words
from koers.programmes.constants import GoalKind, TargetKind
from koers.programmes.presentation import format_date, format_number

from . import text
from .data import DinData, IndicatorData, is_measurable
from .registry import finding, goal_edit, goal_subject, rule
from .results import Finding


def _smart_gaps(indicator: IndicatorData) -> list[str]:
    missing = []
    if not indicator.unit.strip():
        missing.append(_("the unit"))
    if indicator.baseline_value is None:
        missing.append(_("the baseline"))
    elif indicator.baseline_date is None:
        missing.append(_("the date of the baseline"))
    if not indicator.target_kind:
        missing.append(_("the target"))
    elif indicator.target_value is None and not (
        indicator.target_kind == TargetKind.KEEP and indicator.baseline_value is not None
    ):
        missing.append(_("the target value"))
    if indicator.target_date is None:
        missing.append(_("the target date"))
    if not indicator.data_source.strip():
        missing.append(_("the data source"))
    return missing


@rule(
    "DIN-01",
    Severity.ERROR,
    title=gettext_lazy("Operational goal not SMART"),
    explanation=gettext_lazy(
        "A measurable operational goal needs an indicator with a unit, a baseline (value "
        "and date), a target (kind and value), a target date within the programme period "
        "and a data source. Without them nobody can tell whether the goal is reached."
    ),
    how_to_fix=gettext_lazy(
        "Edit the goal and complete its indicator. Where the source is silent, say so in "
        "the note rather than invent a number."
    ),
)
def check_smart(data: DinData) -> Iterable[Finding]:
    for goal in data.goals:
        if goal.kind != GoalKind.MEASURABLE:
            continue
        ind = goal.indicator
        if ind is None:
            message = _("The goal is called measurable but has no indicator.")
        else:
            sentences = [] if is_measurable(goal) else [_("Not measurable as written.")]
            missing = _smart_gaps(ind)
            if missing:
                sentences.append(_("Missing: %(missing)s.") % {"missing": join_words(missing)})
            date = ind.target_date
            if date is not None and not (data.period_start <= date <= data.period_end):
                sentences.append(
                    _(
                        "The target date %(date)s lies outside the programme period "
                        "(%(start)s – %(end)s)."
                    )
                    % {
                        "date": format_date(date),
                        "start": format_date(data.period_start),
                        "end": format_date(data.period_end),
                    }
                )
            if not sentences:
                continue
            message = " ".join(sentences)
        yield finding(data, goal_subject(goal.code), message, goal.code, **goal_edit(data, goal))


@rule(
    "DIN-02",
    Severity.WARNING,
    title=gettext_lazy("Qualitative operational goal"),
    explanation=gettext_lazy(
        "The goal is explicitly qualitative: it has no indicator, so it is not measurable "
        "as written. That is honest when the source gives no number, but it can only be "
        "followed by the programme manager's judgement, not by measurements."
    ),
    how_to_fix=gettext_lazy(
        "Where possible, make the goal measurable: edit it, choose 'measurable' and give "
        "an indicator. Otherwise keep it qualitative and record a judgement in the monitor "
        "regularly."
    ),
)
def check_qualitative(data: DinData) -> Iterable[Finding]:
    for goal in data.goals:
        if goal.kind == GoalKind.QUALITATIVE:
            yield finding(
                data,
                goal_subject(goal.code),
                _("Qualitative goal: not measurable as written."),
                goal.code,
                **goal_edit(data, goal),
            )


def _disagreement_message(d: text.Disagreement, strategic_code: str) -> str:
    written = join_words([f"{w}" for w in d.written])
    if d.kind in (text.TARGET, text.BASELINE):
        places = max(d.decimals, _places(d.expected))
        value = format_number(d.expected, places)
        if d.kind == text.TARGET:
            template = _(
                "The text mentions %(written)s, the target is %(value)s: update the text or "
                "the target."
            )
        else:
            template = _(
                "The text mentions %(written)s, the baseline is %(value)s: update the text or "
                "the baseline."
            )
        return template % {"written": written, "value": value}
    if d.kind == text.BASELINE_YEAR:
        template = _(
            "The text mentions %(written)s, the baseline is from %(year)s: update the text or "
            "the date of the baseline."
        )
    elif d.kind == text.STRATEGIC_YEAR:
        return _(
            "Strategic goal %(code)s mentions %(written)s, the target date is in %(year)s: "
            "update the text of the strategic goal or the target date."
        ) % {"code": strategic_code, "written": written, "year": d.expected}
    else:
        template = _(
            "The text mentions %(written)s, the target date is in %(year)s: update the text "
            "or the target date."
        )
    return template % {"written": written, "year": d.expected}


def _places(value) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@rule(
    "DIN-13",
    Severity.WARNING,
    title=gettext_lazy("Text and target disagree"),
    explanation=gettext_lazy(
        "The statement of a measurable operational goal names a number or a year that is not "
        "in its indicator: not the baseline, the target, the difference between them, the "
        "year of the baseline or the year of the target date. That happens when a target is "
        "changed and the text is not (or the other way round); the text is what people read, "
        "also on the public monitor. Numbers in codes, labels, dates and amounts of money are "
        "not compared."
    ),
    how_to_fix=gettext_lazy(
        "Edit the goal: update the statement to the indicator, or the indicator to the "
        "statement, whichever the decision says. A target changed by college decision "
        "changes the text too."
    ),
)
def check_text_and_target(data: DinData) -> Iterable[Finding]:
    strategic = {s.code: s.text for s in data.strategic_goals}
    for goal in data.goals:
        if goal.kind != GoalKind.MEASURABLE or goal.indicator is None:
            continue
        found = text.compare(
            goal.statement,
            goal.indicator,
            strategic_text=strategic.get(goal.strategic_code, ""),
        )
        if not found:
            continue
        message = " ".join(_disagreement_message(d, goal.strategic_code) for d in found)
        yield finding(data, goal_subject(goal.code), message, goal.code, **goal_edit(data, goal))
