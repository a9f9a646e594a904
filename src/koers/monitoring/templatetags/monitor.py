from django import template
from django.utils.html import format_html

from koers.monitoring.constants import Status
from koers.monitoring.periods import period_label

register = template.Library()

# Shape and text carry the meaning; colour only repeats it (WCAG 1.4.1).
ICONS = {
    Status.ACHIEVED: "✔",
    Status.ON_COURSE: "●",
    Status.ATTENTION: "▲",
    Status.OFF_COURSE: "✖",
    Status.NO_DATA: "?",
    Status.NOT_MEASURABLE: "◇",
}


@register.simple_tag
def status_badge(status: str, label: str | None = None) -> str:
    status = Status(status)
    return format_html(
        '<span class="koers-status koers-status--{}"><span aria-hidden="true">{}</span> {}</span>',
        status.value,
        ICONS[status],
        label or status.label,
    )


@register.filter
def point_period(point) -> str:
    if point is None:
        return ""
    if point.period_start and point.period_kind:
        return period_label(point.period_kind, point.period_start)
    return point.date.isoformat()
