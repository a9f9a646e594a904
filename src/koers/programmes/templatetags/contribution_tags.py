"""The contributions between programmes on a goal's and an effort's page, as tags so that the
DIN's views need not change: ``{% load contribution_tags %}``, then
``{% goal_contributions goal as xlinks %}`` or ``{% effort_contributions effort as xlinks %}``
and ``{% include "programmes/contribution_goal_section.html" %}`` (or ``…_effort_section``).
Each costs one query (the user's permissions are cached per request)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.urls import reverse

from koers.programmes import contributions
from koers.programmes.models import CrossProgrammeLink

register = template.Library()


@dataclass
class Section:
    links: list[CrossProgrammeLink]
    may_act: bool  # propose/withdraw (effort page) or review/remove (goal page)
    add_url: str = ""
    accepted: list[CrossProgrammeLink] = field(default_factory=list)
    pending: list[CrossProgrammeLink] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.accepted = [x for x in self.links if x.is_accepted]
        self.pending = [x for x in self.links if x.is_proposed]


@register.simple_tag(takes_context=True)
def goal_contributions(context, goal) -> Section:
    """The efforts of other programmes serving ``goal`` (accepted) and those proposed."""
    user = context["request"].user
    return Section(
        contributions.goal_contributions(goal),
        contributions.can_decide(user, goal.programme),
        add_url=reverse("programmes:contributions", kwargs={"slug": goal.programme.slug}),
    )


@register.simple_tag(takes_context=True)
def effort_contributions(context, effort) -> Section:
    """The contributions of ``effort`` to goals of other programmes, in every state."""
    user = context["request"].user
    return Section(
        contributions.effort_contributions(effort),
        contributions.can_propose(user, effort),
        add_url=reverse(
            "programmes:contribution_propose",
            kwargs={"slug": effort.programme.slug, "pk": effort.pk},
        ),
    )


@register.filter
def may_view(user, programme) -> bool:
    """``{% if request.user|may_view:link.effort.programme %}``: link to the other programme's
    page only for whom may see it."""
    return user.has_perm("programmes.view_programme", programme)
