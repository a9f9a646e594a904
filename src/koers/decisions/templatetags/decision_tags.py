"""The record of changes on the programme page: the latest changes since adoption with their
decisions (one query), and a link to the whole decisions register."""

from __future__ import annotations

from django import template

from ..selectors import programme_changes

register = template.Library()

LATEST = 10


@register.inclusion_tag("decisions/_programme_changes.html", takes_context=True)
def programme_changes_section(context, programme):
    changes = programme_changes(programme, limit=LATEST + 1)
    return {
        "programme": programme,
        "changes": changes[:LATEST],
        "more": len(changes) > LATEST,
        "request": context.get("request"),
    }
