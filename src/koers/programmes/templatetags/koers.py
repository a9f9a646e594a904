from django import template

from ..presentation import format_date, format_number, target_sentence

register = template.Library()


@register.filter
def number(value, decimals=None):
    """A number in Dutch notation; ``decimals`` fixes the decimals (an indicator's setting)."""
    return format_number(value, decimals if decimals not in ("", None) else None)


@register.simple_tag
def date_p(value, precision="dag"):
    return format_date(value, precision)


@register.filter
def target_text(indicator):
    return target_sentence(indicator)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
