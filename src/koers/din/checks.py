"""The quality check of a DIN: the rules of a good goals–efforts network, checked against one
programme (pure: no ORM, no I/O).

A DIN has rules: every effort serves a goal (the contract's own scope criterion), every
operational goal is measurable and served by an effort, and so on. Each rule is one entry of
:data:`RULES` with an id (``DIN-01`` …), a severity and a title and explanation in the active
language, so the page, the command ``koers din-check`` and the documentation (``docs/
kwaliteitscontrole.md``) say the same. :func:`run_checks` takes the programme as plain data
(:class:`DinData`, collected by :mod:`koers.din.selectors_check`) and returns the findings.

Each finding names what is wrong, in a sentence, and where to fix it: a URL name with its
arguments and the permission needed to use it, so the page shows the "fix" link only to whom
may use it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from koers.monitoring.status import IndicatorSpec, _join, _not_measurable, next_measurement_due
from koers.programmes.constants import EffortStatus, GoalKind, MunicipalityRole, TargetKind
from koers.programmes.presentation import format_date
from koers.reporting.constants import ReportState


class Severity(models.TextChoices):
    """How bad a finding is, worst first. Only an error makes ``koers din-check`` fail."""

    ERROR = "fout", gettext_lazy("error")
    WARNING = "waarschuwing", gettext_lazy("warning")
    INFO = "info", gettext_lazy("information")


SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
#: The icon beside the severity's name (never colour alone).
SEVERITY_ICONS = {Severity.ERROR: "✖", Severity.WARNING: "⚠", Severity.INFO: "ℹ"}


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    title: str
    explanation: str  # why the rule matters
    how_to_fix: str

    @property
    def severity_label(self) -> str:
        return str(Severity(self.severity).label)

    @property
    def icon(self) -> str:
        return SEVERITY_ICONS[self.severity]


# --- Plain data in ---------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorData:
    name: str
    unit: str = ""
    baseline_value: Decimal | None = None
    baseline_date: dt.date | None = None
    target_kind: str = ""
    target_value: Decimal | None = None
    target_date: dt.date | None = None
    data_source: str = ""
    measuring_frequency: str = ""  # a MeasuringFrequency value
    latest_measurement: dt.date | None = None  # end of the latest measured period, if any


@dataclass(frozen=True)
class StrategicGoalData:
    code: str
    text: str = ""


@dataclass(frozen=True)
class GoalData:
    code: str
    strategic_code: str
    statement: str = ""
    kind: str = GoalKind.MEASURABLE
    indicator: IndicatorData | None = None
    pk: int | None = None
    #: Efforts of other programmes that serve the goal (accepted contributions), as
    #: "effort (programme)".
    external_efforts: tuple[str, ...] = ()


@dataclass(frozen=True)
class EffortData:
    pk: int
    name: str
    owner: str = ""  # the owner's name; "" when there is none
    status: str = EffortStatus.PLANNED
    municipality_role: str = MunicipalityRole.UNKNOWN
    goal_codes: tuple[str, ...] = ()  # the operational goals it serves
    reports: bool = False  # does it report over the reporting period (reporting's own rule)?
    report_state: str = ""  # its report over that period: a ReportState value, "" if none
    #: Goals of other programmes it serves (accepted contributions), as "code (programme)".
    external_goals: tuple[str, ...] = ()


@dataclass(frozen=True)
class BudgetLineData:
    pk: int
    source: str
    year: int
    amount: Decimal
    effort_pk: int | None = None
    item: str = ""  # a programme-level item, when the line is for no effort


@dataclass(frozen=True)
class ReportingData:
    """The reporting calendar as the check sees it: whether there is one, and the latest period
    whose report deadline has passed (None while none has)."""

    has_calendar: bool
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    deadline: dt.date | None = None


@dataclass(frozen=True)
class DinData:
    slug: str
    name: str
    period_start: dt.date
    period_end: dt.date
    as_of: dt.date
    strategic_goals: tuple[StrategicGoalData, ...] = ()
    goals: tuple[GoalData, ...] = ()
    efforts: tuple[EffortData, ...] = ()
    budget_lines: tuple[BudgetLineData, ...] = ()
    reporting: ReportingData = field(default_factory=lambda: ReportingData(has_calendar=False))


# --- Findings out ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: str
    subject: str  # e.g. "doel A3", "inspanning Evenementen", "programma"
    message: str  # one or two sentences in the active language
    programme_slug: str = ""
    key: str = ""  # the goal's or strategic goal's code, the effort's or line's pk
    fix_route: str = ""  # URL name of the page that fixes it ("" when there is none)
    fix_kwargs: tuple[tuple[str, object], ...] = ()
    fix_query: tuple[tuple[str, object], ...] = ()
    fix_perm: str = ""  # the permission needed to use that page…
    fix_effort_pk: int | None = None  # …on this effort, or else on the programme
    fix_label: str = ""

    @property
    def fix_url(self) -> str:
        if not self.fix_route:
            return ""
        url = reverse(self.fix_route, kwargs=dict(self.fix_kwargs))
        return f"{url}?{urlencode(self.fix_query)}" if self.fix_query else url

    @property
    def severity_label(self) -> str:
        return str(Severity(self.severity).label)

    def as_dict(self) -> dict:
        return {
            "rule": self.rule_id,
            "severity": self.severity,
            "subject": self.subject,
            "message": self.message,
            "fix_url": self.fix_url or None,
        }


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    findings: list[Finding]

    @property
    def passed(self) -> bool:
        return not self.findings


@dataclass(frozen=True)
class CheckResult:
    data: DinData
    results: list[RuleResult]

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def counts(self) -> list[tuple[str, str, str, int]]:
        """(severity, label, icon, number of findings) for every severity, worst first."""
        return [(s.value, str(s.label), SEVERITY_ICONS[s], self.count(s)) for s in SEVERITY_ORDER]

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0

    @property
    def not_measurable(self) -> list[str]:
        """Codes of the operational goals that are not measurable as written."""
        return [g.code for g in self.data.goals if not is_measurable(g)]

    @property
    def measurability_sentence(self) -> str:
        total = len(self.data.goals)
        n = len(self.not_measurable)
        if not total:
            return _("The programme has no operational goals yet.")
        if n == 0:
            return _("Every operational goal is measurable as written.")
        if n == total:
            return ngettext(
                "The only operational goal is not measurable as written.",
                "None of the %(total)s operational goals is measurable as written.",
                total,
            ) % {"total": total}
        if n * 2 > total:
            text = _("Most operational goals are not measurable as written: %(n)s of %(total)s.")
        else:
            text = ngettext(
                "%(n)s of %(total)s operational goals is not measurable as written.",
                "%(n)s of %(total)s operational goals are not measurable as written.",
                n,
            )
        return text % {"n": n, "total": total}


# --- The rules ---------------------------------------------------------------------------------

NOT_SMART = "DIN-01"
QUALITATIVE = "DIN-02"
STRATEGIC_EMPTY = "DIN-03"
GOAL_UNSERVED = "DIN-04"
EFFORT_WITHOUT_GOAL = "DIN-05"
EFFORT_WITHOUT_OWNER = "DIN-06"
EFFORT_WITHOUT_BUDGET = "DIN-07"
LINE_WITHOUT_EFFORT = "DIN-08"
REPORT_MISSING = "DIN-09"
MEASUREMENT_OVERDUE = "DIN-10"
GOAL_ONLY_EXTERNAL = "DIN-11"
EFFORT_ONLY_EXTERNAL = "DIN-12"

RULES: dict[str, Rule] = {
    r.id: r
    for r in [
        Rule(
            NOT_SMART,
            Severity.ERROR,
            gettext_lazy("Operational goal not SMART"),
            gettext_lazy(
                "A measurable operational goal needs an indicator with a unit, a baseline (value "
                "and date), a target (kind and value), a target date within the programme period "
                "and a data source. Without them nobody can tell whether the goal is reached."
            ),
            gettext_lazy(
                "Edit the goal and complete its indicator. Where the source is silent, say so in "
                "the note rather than invent a number."
            ),
        ),
        Rule(
            QUALITATIVE,
            Severity.WARNING,
            gettext_lazy("Qualitative operational goal"),
            gettext_lazy(
                "The goal is explicitly qualitative: it has no indicator, so it is not measurable "
                "as written. That is honest when the source gives no number, but it can only be "
                "followed by the programme manager's judgement, not by measurements."
            ),
            gettext_lazy(
                "Where possible, make the goal measurable: edit it, choose 'measurable' and give "
                "an indicator. Otherwise keep it qualitative and record a judgement in the monitor "
                "regularly."
            ),
        ),
        Rule(
            STRATEGIC_EMPTY,
            Severity.ERROR,
            gettext_lazy("Strategic goal without operational goals"),
            gettext_lazy(
                "A strategic goal is made concrete by its operational goals. Without them the "
                "strategic goal cannot be steered on or reported on."
            ),
            gettext_lazy("Add at least one operational goal to the strategic goal."),
        ),
        Rule(
            GOAL_UNSERVED,
            Severity.ERROR,
            gettext_lazy("Operational goal served by no effort"),
            gettext_lazy(
                "A goal that no effort serves will not be reached: nothing in the programme works "
                "towards it."
            ),
            gettext_lazy(
                "Link the efforts that serve the goal to it, or add an effort. If no effort can "
                "serve it, reconsider the goal."
            ),
        ),
        Rule(
            EFFORT_WITHOUT_GOAL,
            Severity.ERROR,
            gettext_lazy("Effort serving no goal"),
            gettext_lazy(
                "The programme contract's own scope criterion: an effort that serves no "
                "operational goal does not belong in the programme."
            ),
            gettext_lazy(
                "Link the effort to the operational goals it serves, or remove it from the "
                "programme."
            ),
        ),
        Rule(
            EFFORT_WITHOUT_OWNER,
            Severity.WARNING,
            gettext_lazy("Effort without owner"),
            gettext_lazy(
                "Every effort that is planned or running needs an owner (trekker) who is "
                "accountable for it and writes its progress reports. Completed and stopped "
                "efforts are not checked."
            ),
            gettext_lazy("Edit the effort and choose its owner."),
        ),
        Rule(
            EFFORT_WITHOUT_BUDGET,
            Severity.WARNING,
            gettext_lazy("Effort without budget"),
            gettext_lazy(
                "An effort that is planned or running has no budget line, so it is unclear what "
                "money it may spend. Efforts where the municipality only aligns (afstemming) and "
                "completed or stopped efforts are not checked. When the programme has no budget "
                "lines at all, this is one finding for the whole programme."
            ),
            gettext_lazy(
                "Add a budget line for the effort, or note why it needs no money of the programme."
            ),
        ),
        Rule(
            LINE_WITHOUT_EFFORT,
            Severity.INFO,
            gettext_lazy("Budget line without effort"),
            gettext_lazy(
                "The line is for a programme-level item, not for an effort. That is allowed: the "
                "programme contract itself budgets its programme organisation this way. It is "
                "listed so that money which really belongs to an effort, or to an effort missing "
                "from the DIN, is noticed. Koers does not allow an effort with budget lines to be "
                "deleted, so no line can lose its effort."
            ),
            gettext_lazy(
                "Check that the item is really for the programme as a whole; otherwise change the "
                "line to the effort it is for."
            ),
        ),
        Rule(
            REPORT_MISSING,
            Severity.WARNING,
            gettext_lazy("Effort without a report in the last period"),
            gettext_lazy(
                "Every effort that reports owes a progress report over each period of the "
                "reporting calendar. This checks the latest period whose deadline has passed: a "
                "report that is missing, still a draft or returned counts as not handed in. "
                "Without a reporting calendar nobody reports; that is one finding for the whole "
                "programme."
            ),
            gettext_lazy(
                "Ask the owner to complete and submit the report, or set the reporting calendar."
            ),
        ),
        Rule(
            MEASUREMENT_OVERDUE,
            Severity.WARNING,
            gettext_lazy("Indicator without a recent measurement"),
            gettext_lazy(
                "By its measuring frequency, a new measurement of the indicator is overdue, or it "
                "has never been measured since the programme began. The rule is the monitor's: a "
                "measurement is due one interval plus a grace period after the latest one. "
                "Indicators measured once or without a stated frequency are only checked for "
                "having any measurement at all."
            ),
            gettext_lazy("Enter or import the latest measurement in the monitor."),
        ),
        Rule(
            GOAL_ONLY_EXTERNAL,
            Severity.WARNING,
            gettext_lazy("Operational goal served only by another programme"),
            gettext_lazy(
                "No effort of the programme itself serves the goal; only efforts of other "
                "programmes do, through accepted contributions. Whether the goal is reached then "
                "depends on work that this programme does not steer."
            ),
            gettext_lazy(
                "Agree with the other programme how its effort is followed and reported on, or "
                "link an effort of this programme to the goal as well."
            ),
        ),
        Rule(
            EFFORT_ONLY_EXTERNAL,
            Severity.INFO,
            gettext_lazy("Effort serving only goals of other programmes"),
            gettext_lazy(
                "The effort serves no goal of its own programme, only goals of other programmes "
                "(accepted contributions). That can be right, but the programme contract's scope "
                "criterion asks whether the effort belongs in this programme."
            ),
            gettext_lazy(
                "Link the effort to the goals of this programme it serves, or consider moving it "
                "to the programme whose goals it serves."
            ),
        ),
    ]
}


def goal_subject(code: str) -> str:
    return _("goal %(code)s") % {"code": code}


def _strategic_subject(code: str) -> str:
    return _("strategic goal %(code)s") % {"code": code}


def _effort_subject(name: str) -> str:
    return _("effort %(name)s") % {"name": name}


def _finding(
    rule_id: str, data: DinData, subject: str, message: str, key: object = "", **fix
) -> Finding:
    return Finding(
        rule_id,
        RULES[rule_id].severity,
        subject,
        message,
        programme_slug=data.slug,
        key=str(key),
        **fix,
    )


def _goal_edit(data: DinData, goal: GoalData) -> dict:
    if goal.pk is None:
        return {}
    return {
        "fix_route": "programmes:element_edit",
        "fix_kwargs": (("slug", data.slug), ("kind", "doel"), ("pk", goal.pk)),
        "fix_perm": "programmes.change_programme",
        "fix_label": _("Edit the goal"),
    }


def _effort_edit(data: DinData, effort: EffortData) -> dict:
    return {
        "fix_route": "programmes:element_edit",
        "fix_kwargs": (("slug", data.slug), ("kind", "inspanning"), ("pk", effort.pk)),
        "fix_perm": "programmes.change_programme",
        "fix_label": _("Edit the effort"),
    }


def _active(effort: EffortData) -> bool:
    return effort.status not in (EffortStatus.COMPLETED, EffortStatus.STOPPED)


# DIN-01 and DIN-02

_RELATIVE = (TargetKind.INCREASE_BY, TargetKind.DECREASE_BY)


def is_measurable(goal: GoalData) -> bool:
    """Can the goal be measured as written: is it measurable, with an indicator whose target the
    monitor's status engine can evaluate, and with a baseline when the target is a change
    ("increase by 4100" needs to know from what)? A missing unit, baseline date or data source
    makes a goal less than SMART (DIN-01), but not unmeasurable."""
    ind = goal.indicator
    if goal.kind != GoalKind.MEASURABLE or ind is None:
        return False
    spec = IndicatorSpec(ind.target_kind, ind.target_value, ind.target_date, ind.baseline_value)
    if _not_measurable(spec):
        return False
    return not (ind.target_kind in _RELATIVE and ind.baseline_value is None)


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
                sentences.append(_("Missing: %(missing)s.") % {"missing": _join(missing)})
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
        yield _finding(
            NOT_SMART, data, goal_subject(goal.code), message, goal.code, **_goal_edit(data, goal)
        )


def check_qualitative(data: DinData) -> Iterable[Finding]:
    for goal in data.goals:
        if goal.kind == GoalKind.QUALITATIVE:
            yield _finding(
                QUALITATIVE,
                data,
                goal_subject(goal.code),
                _("Qualitative goal: not measurable as written."),
                goal.code,
                **_goal_edit(data, goal),
            )


# DIN-03, DIN-04, DIN-05: the network


def check_strategic_goals(data: DinData) -> Iterable[Finding]:
    used = {g.strategic_code for g in data.goals}
    for sg in data.strategic_goals:
        if sg.code not in used:
            yield _finding(
                STRATEGIC_EMPTY,
                data,
                _strategic_subject(sg.code),
                _("The strategic goal has no operational goals."),
                sg.code,
                fix_route="programmes:element_create",
                fix_kwargs=(("slug", data.slug), ("kind", "doel")),
                fix_query=(("strategisch", sg.code),),
                fix_perm="programmes.change_programme",
                fix_label=_("Add an operational goal"),
            )


def check_goals_served(data: DinData) -> Iterable[Finding]:
    served = {code for e in data.efforts for code in e.goal_codes}
    for goal in data.goals:
        if goal.code not in served and not goal.external_efforts:
            yield _finding(
                GOAL_UNSERVED,
                data,
                goal_subject(goal.code),
                _("No effort serves this goal."),
                goal.code,
                fix_route="programmes:element_create",
                fix_kwargs=(("slug", data.slug), ("kind", "koppeling")),
                fix_query=(("doel", goal.code),),
                fix_perm="programmes.change_programme",
                fix_label=_("Link an effort"),
            )


def check_efforts_serve(data: DinData) -> Iterable[Finding]:
    for effort in data.efforts:
        if not effort.goal_codes and not effort.external_goals:
            yield _finding(
                EFFORT_WITHOUT_GOAL,
                data,
                _effort_subject(effort.name),
                _("The effort serves no operational goal."),
                effort.pk,
                fix_route="programmes:element_create",
                fix_kwargs=(("slug", data.slug), ("kind", "koppeling")),
                fix_query=(("inspanning", effort.pk),),
                fix_perm="programmes.change_programme",
                fix_label=_("Link to a goal"),
            )


# DIN-11, DIN-12: contributions between programmes


def check_goals_served_only_externally(data: DinData) -> Iterable[Finding]:
    served = {code for e in data.efforts for code in e.goal_codes}
    for goal in data.goals:
        if goal.code not in served and goal.external_efforts:
            yield _finding(
                GOAL_ONLY_EXTERNAL,
                data,
                goal_subject(goal.code),
                ngettext(
                    "Served only by an effort of another programme: %(efforts)s.",
                    "Served only by efforts of other programmes: %(efforts)s.",
                    len(goal.external_efforts),
                )
                % {"efforts": _join(list(goal.external_efforts))},
                goal.code,
                fix_route="programmes:element_create",
                fix_kwargs=(("slug", data.slug), ("kind", "koppeling")),
                fix_query=(("doel", goal.code),),
                fix_perm="programmes.change_programme",
                fix_label=_("Link an effort"),
            )


def check_efforts_serve_only_externally(data: DinData) -> Iterable[Finding]:
    for effort in data.efforts:
        if not effort.goal_codes and effort.external_goals:
            yield _finding(
                EFFORT_ONLY_EXTERNAL,
                data,
                _effort_subject(effort.name),
                ngettext(
                    "Serves only a goal of another programme: %(goals)s.",
                    "Serves only goals of other programmes: %(goals)s.",
                    len(effort.external_goals),
                )
                % {"goals": _join(list(effort.external_goals))},
                effort.pk,
                fix_route="programmes:element_create",
                fix_kwargs=(("slug", data.slug), ("kind", "koppeling")),
                fix_query=(("inspanning", effort.pk),),
                fix_perm="programmes.change_programme",
                fix_label=_("Link to a goal"),
            )


# DIN-06, DIN-07, DIN-08: owner and money


def check_owners(data: DinData) -> Iterable[Finding]:
    for effort in data.efforts:
        if _active(effort) and not effort.owner.strip():
            yield _finding(
                EFFORT_WITHOUT_OWNER,
                data,
                _effort_subject(effort.name),
                _("The effort has no owner (trekker)."),
                effort.pk,
                **_effort_edit(data, effort),
            )


def _budget_fix(data: DinData, **extra) -> dict:
    return {
        "fix_route": "finance:line_create",
        "fix_kwargs": (("slug", data.slug),),
        "fix_perm": "finance.change_budget",
        "fix_label": _("Add a budget line"),
        **extra,
    }


def check_budget(data: DinData) -> Iterable[Finding]:
    candidates = [
        e for e in data.efforts if _active(e) and e.municipality_role != MunicipalityRole.ALIGNMENT
    ]
    if not candidates:
        return
    if not data.budget_lines:
        yield _finding(
            EFFORT_WITHOUT_BUDGET,
            data,
            _("programme"),
            _("The programme has no budget lines, so no effort has a budget."),
            **_budget_fix(data),
        )
        return
    funded = {line.effort_pk for line in data.budget_lines if line.effort_pk is not None}
    for effort in candidates:
        if effort.pk not in funded:
            yield _finding(
                EFFORT_WITHOUT_BUDGET,
                data,
                _effort_subject(effort.name),
                _("The effort has no budget line."),
                effort.pk,
                **_budget_fix(data, fix_query=(("effort", effort.pk),)),
            )


def check_budget_lines(data: DinData) -> Iterable[Finding]:
    from koers.finance.money import format_euro

    for line in data.budget_lines:
        if line.effort_pk is None:
            yield _finding(
                LINE_WITHOUT_EFFORT,
                data,
                _("budget line %(item)s") % {"item": line.item},
                _("%(amount)s from %(source)s in %(year)s is for a programme-level item.")
                % {"amount": format_euro(line.amount), "source": line.source, "year": line.year},
                line.pk,
                fix_route="finance:line_edit",
                fix_kwargs=(("slug", data.slug), ("pk", line.pk)),
                fix_perm="finance.change_budget",
                fix_label=_("Edit the budget line"),
            )


# DIN-09: reports


_REPORT_STATE_TEXT = {
    "": gettext_lazy("missing"),
    ReportState.DRAFT: gettext_lazy("still a draft"),
    ReportState.RETURNED: gettext_lazy("returned to the owner"),
}


def check_reports(data: DinData) -> Iterable[Finding]:
    rep = data.reporting
    if not rep.has_calendar:
        if data.efforts:
            yield _finding(
                REPORT_MISSING,
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
        yield _finding(
            REPORT_MISSING,
            data,
            _effort_subject(effort.name),
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


# DIN-10: measurements


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
        yield _finding(
            MEASUREMENT_OVERDUE,
            data,
            goal_subject(goal.code),
            message,
            goal.code,
            fix_route="monitoring:measurement_create",
            fix_kwargs=(("slug", data.slug), ("code", goal.code)),
            fix_perm="monitoring.change_measurements",
            fix_label=_("Enter a measurement"),
        )


CHECKS: dict[str, Callable[[DinData], Iterable[Finding]]] = {
    NOT_SMART: check_smart,
    QUALITATIVE: check_qualitative,
    STRATEGIC_EMPTY: check_strategic_goals,
    GOAL_UNSERVED: check_goals_served,
    EFFORT_WITHOUT_GOAL: check_efforts_serve,
    EFFORT_WITHOUT_OWNER: check_owners,
    EFFORT_WITHOUT_BUDGET: check_budget,
    LINE_WITHOUT_EFFORT: check_budget_lines,
    REPORT_MISSING: check_reports,
    MEASUREMENT_OVERDUE: check_measurements,
    GOAL_ONLY_EXTERNAL: check_goals_served_only_externally,
    EFFORT_ONLY_EXTERNAL: check_efforts_serve_only_externally,
}


def run_checks(data: DinData) -> CheckResult:
    """Every rule, in the order of :data:`RULES`, with its findings."""
    return CheckResult(
        data, [RuleResult(rule, list(CHECKS[rule.id](data))) for rule in RULES.values()]
    )


__all__ = ["RULES", "CheckResult", "DinData", "Finding", "Rule", "Severity", "run_checks"]
