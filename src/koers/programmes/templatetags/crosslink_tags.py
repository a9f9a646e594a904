"""The contributions between programmes on a goal's and an effort's page, as tags so that the
DIN's views need not change: ``{% load crosslink_tags %}``, then
``{% goal_cross_links goal as xlinks %}`` or ``{% effort_cross_links effort as xlinks %}``
and ``{% include "programmes/crosslink_goal_section.html" %}`` (or ``…_effort_section``).
Each costs one query (the user's permissions are cached per request)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.urls import reverse

from koers.programmes import selectors_crosslinks as selectors
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
def goal_cross_links(context, goal) -> Section:
    """The efforts of other programmes serving ``goal`` (accepted) and those proposed."""
    user = context["request"].user
    return Section(
        selectors.goal_cross_links(goal),
        user.has_perm("programmes.decide_cross_link", goal.programme),
        add_url=reverse("programmes:cross_links", kwargs={"slug": goal.programme.slug}),
    )


@register.simple_tag(takes_context=True)
def effort_cross_links(context, effort) -> Section:
    """The contributions of ``effort`` to goals of other programmes, in every state."""
    user = context["request"].user
    return Section(
        selectors.effort_cross_links(effort),
        user.has_perm("programmes.propose_cross_link", effort),
        add_url=reverse(
            "programmes:cross_link_propose",
            kwargs={"slug": effort.programme.slug, "pk": effort.pk},
        ),
    )


@register.filter
def may_view(user, programme) -> bool:
    """``{% if request.user|may_view:link.effort.programme %}``: link to the other programme's
    page only for whom may see it."""
    return user.has_perm("programmes.view_programme", programme)
