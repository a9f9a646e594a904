"""DIN-03, DIN-04, DIN-05, DIN-11 and DIN-12: the network of goals and efforts, within the
programme and through contributions between programmes."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from koers.din.constants import Severity
from koers.monitoring.status import join_words

from .data import DinData
from .registry import effort_subject, finding, goal_subject, rule, strategic_subject
from .results import Finding


@rule(
    "DIN-03",
    Severity.ERROR,
    title=gettext_lazy("Strategic goal without operational goals"),
    explanation=gettext_lazy(
        "A strategic goal is made concrete by its operational goals. Without them the "
        "strategic goal cannot be steered on or reported on."
    ),
    how_to_fix=gettext_lazy("Add at least one operational goal to the strategic goal."),
)
def check_strategic_goals(data: DinData) -> Iterable[Finding]:
    used = {g.strategic_code for g in data.goals}
    for sg in data.strategic_goals:
        if sg.code not in used:
            yield finding(
                data,
                strategic_subject(sg.code),
                _("The strategic goal has no operational goals."),
                sg.code,
                fix_route="programmes:element_create",
                fix_kwargs=(("slug", data.slug), ("kind", "doel")),
                fix_query=(("strategisch", sg.code),),
                fix_perm="programmes.change_programme",
                fix_label=_("Add an operational goal"),
            )


@rule(
    "DIN-04",
    Severity.ERROR,
    title=gettext_lazy("Operational goal served by no effort"),
    explanation=gettext_lazy(
        "A goal that no effort serves will not be reached: nothing in the programme works "
        "towards it."
    ),
    how_to_fix=gettext_lazy(
        "Link the efforts that serve the goal to it, or add an effort. If no effort can "
        "serve it, reconsider the goal."
    ),
)
def check_goals_served(data: DinData) -> Iterable[Finding]:
    served = {code for e in data.efforts for code in e.goal_codes}
    for goal in data.goals:
        if goal.code not in served and not goal.external_efforts:
            yield finding(
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


@rule(
    "DIN-05",
    Severity.ERROR,
    title=gettext_lazy("Effort serving no goal"),
    explanation=gettext_lazy(
        "The programme contract's own scope criterion: an effort that serves no "
        "operational goal does not belong in the programme."
    ),
    how_to_fix=gettext_lazy(
        "Link the effort to the operational goals it serves, or remove it from the programme."
    ),
)
def check_efforts_serve(data: DinData) -> Iterable[Finding]:
    for effort in data.efforts:
        if not effort.goal_codes and not effort.external_goals:
            yield finding(
                data,
                effort_subject(effort.name),
                _("The effort serves no operational goal."),
                effort.pk,
                fix_route="programmes:element_create",
                fix_kwargs=(("slug", data.slug), ("kind", "koppeling")),
                fix_query=(("inspanning", effort.pk),),
                fix_perm="programmes.change_programme",
                fix_label=_("Link to a goal"),
            )


@rule(
    "DIN-11",
    Severity.WARNING,
    title=gettext_lazy("Operational goal served only by another programme"),
    explanation=gettext_lazy(
        "No effort of the programme itself serves the goal; only efforts of other "
        "programmes do, through accepted contributions. Whether the goal is reached then "
        "depends on work that this programme does not steer."
    ),
    how_to_fix=gettext_lazy(
        "Agree with the other programme how its effort is followed and reported on, or "
        "link an effort of this programme to the goal as well."
    ),
)
def check_goals_served_only_externally(data: DinData) -> Iterable[Finding]:
    served = {code for e in data.efforts for code in e.goal_codes}
    for goal in data.goals:
        if goal.code not in served and goal.external_efforts:
            yield finding(
                data,
                goal_subject(goal.code),
                ngettext(
                    "Served only by an effort of another programme: %(efforts)s.",
                    "Served only by efforts of other programmes: %(efforts)s.",
                    len(goal.external_efforts),
                )
                % {"efforts": join_words(list(goal.external_efforts))},
                goal.code,
                fix_route="programmes:element_create",
                fix_kwargs=(("slug", data.slug), ("kind", "koppeling")),
                fix_query=(("doel", goal.code),),
                fix_perm="programmes.change_programme",
                fix_label=_("Link an effort"),
            )


@rule(
    "DIN-12",
    Severity.INFO,
    title=gettext_lazy("Effort serving only goals of other programmes"),
    explanation=gettext_lazy(
        "The effort serves no goal of its own programme, only goals of other programmes "
        "(accepted contributions). That can be right, but the programme contract's scope "
        "criterion asks whether the effort belongs in this programme."
    ),
    how_to_fix=gettext_lazy(
        "Link the effort to the goals of this programme it serves, or consider moving it "
        "to the programme whose goals it serves."
    ),
)
def check_efforts_serve_only_externally(data: DinData) -> Iterable[Finding]:
    for effort in data.efforts:
        if not effort.goal_codes and effort.external_goals:
            yield finding(
                data,
                effort_subject(effort.name),
                ngettext(
                    "Serves only a goal of another programme: %(goals)s.",
                    "Serves only goals of other programmes: %(goals)s.",
                    len(effort.external_goals),
                )
                % {"goals": join_words(list(effort.external_goals))},
                effort.pk,
                fix_route="programmes:element_create",
                fix_kwargs=(("slug", data.slug), ("kind", "koppeling")),
                fix_query=(("inspanning", effort.pk),),
                fix_perm="programmes.change_programme",
                fix_label=_("Link to a goal"),
            )
