"""Template helpers of the partners' contributions: hours in Dutch notation and the effort
page's block "Contributions of partners"."""

from __future__ import annotations

from django import template

from koers.programmes.presentation import format_number

from ..selectors import effort_contributions
from ..totals import totals

register = template.Library()


@register.filter
def hours(value) -> str:
    """{{ 1250.5|hours }} → '1.250,5' (no unit; the column says 'hours')."""
    return format_number(value)


@register.inclusion_tag("partners/effort_contributions.html", takes_context=True)
def partner_contributions(context, effort):
    """{% partner_contributions effort %}: who contributes what to ``effort`` (one query)."""
    contributions = effort_contributions(effort)
    return {
        "effort": effort,
        "programme": context.get("programme") or effort.programme,
        "contributions": contributions,
        "total": totals(contributions),
        "can_change": context.get("request")
        and context["request"].user.has_perm(
            "partners.change_contributions", context.get("programme") or effort.programme
        ),
    }
