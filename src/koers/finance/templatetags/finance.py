from django import template

from koers.finance.money import format_euro

register = template.Library()


@register.filter
def euro(value, cents=None):
    """{{ amount|euro }} → € 1.749.200 (Dutch notation; cents only when there are any);
    {{ amount|euro:True }} always with cents."""
    return format_euro(value, cents=bool(cents) if cents is not None else None)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
