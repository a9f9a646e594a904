"""The risk sections of a goal's and an effort's page, as inclusion tags so that the DIN's
views and templates need not know the risk register: ``{% load risks_tags %}`` and
``{% goal_risks goal %}``, ``{% effort_risks effort %}``, ``{% effort_risk_paragraph effort %}``.
Each section costs one query (the user's permissions are cached per request)."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import timezone

from koers.risks import selectors

register = template.Library()


def _linked(context, programme, risks, subject: str, preset: dict) -> dict:
    user = context["request"].user
    add_url = reverse("risks:create", args=[programme.slug]) + "?" + urlencode(preset)
    return {
        "programme": programme,
        "risks": risks,
        "subject": subject,
        "can_change": user.has_perm("risks.change_risks", programme),
        "add_url": add_url,
    }


@register.inclusion_tag("risks/_linked_risks.html", takes_context=True)
def goal_risks(context, goal) -> dict:
    """The open risks to an operational goal, with a link for staff to add one."""
    return _linked(context, goal.programme, selectors.goal_risks(goal), "goal", {"doel": goal.code})


@register.inclusion_tag("risks/_linked_risks.html", takes_context=True)
def effort_risks(context, effort) -> dict:
    """The open risks to an effort, with a link for staff to add one."""
    return _linked(
        context,
        effort.programme,
        selectors.effort_risks(effort),
        "effort",
        {"inspanning": effort.pk},
    )


@register.inclusion_tag("risks/_risk_paragraph.html", takes_context=True)
def effort_risk_paragraph(context, effort) -> dict:
    """The effort's risk paragraph with date and author; a warning when the effort has started
    without one."""
    paragraph = selectors.risk_paragraph_of(effort)
    return {
        "effort": effort,
        "paragraph": paragraph,
        "started": selectors.effort_has_started(effort, timezone.localdate()),
        "can_write": context["request"].user.has_perm("programmes.change_effort", effort),
        "write_url": reverse(
            "risks:paragraph", kwargs={"slug": effort.programme.slug, "effort_pk": effort.pk}
        ),
    }


@register.filter
def iso_date(value):
    """A date kept as ISO text in a frozen snapshot, back as a date for the ``date`` filter."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None
