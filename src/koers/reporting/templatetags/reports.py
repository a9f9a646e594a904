from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from koers.reporting.constants import AspectStatus, ReportState

register = template.Library()

# Shape and text carry the meaning; colour only repeats it (WCAG 1.4.1).
ICONS = {AspectStatus.GOOD: "✔", AspectStatus.ATTENTION: "▲", AspectStatus.PROBLEM: "✖"}


@register.simple_tag
def aspect_badge(status: str) -> str:
    """goed / aandacht / probleem as a badge with icon and text; empty: 'not filled in'."""
    if not status:
        return format_html(
            '<span class="koers-aspect koers-aspect--leeg"><span aria-hidden="true">–</span> {}'
            "</span>",
            _("not filled in"),
        )
    status = AspectStatus(status)
    return format_html(
        '<span class="koers-aspect koers-aspect--{}"><span aria-hidden="true">{}</span> {}</span>',
        status.value,
        ICONS[status],
        status.label,
    )


@register.simple_tag
def report_state_badge(state: str) -> str:
    state = ReportState(state)
    return format_html(
        '<span class="koers-badge koers-state--{}">{}</span>', state.value, state.label
    )
