"""Plain-language messages for what the JSON Schema check finds (the schema library's own
messages are English and technical)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from koers.programmes.exchange.problems import show_value


def schema_message(error) -> str:
    value = show_value(error.instance)
    kind = error.validator
    if kind == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        return _("%(key)s is missing") % {"key": ", ".join(missing)}
    if kind == "type":
        wanted = error.validator_value
        wanted = wanted if isinstance(wanted, list) else [wanted]
        names = {
            "string": _("text"),
            "integer": _("a whole number"),
            "boolean": _("true or false"),
            "array": _("a list"),
            "object": _("an object"),
            "null": "null",
        }
        return _("%(value)s is not %(type)s") % {
            "value": value,
            "type": _(" or ").join(names.get(w, w) for w in wanted),
        }
    if kind == "enum":
        return _("%(value)s is not one of the allowed values: %(allowed)s") % {
            "value": value,
            "allowed": ", ".join(
                show_value(a) for a in error.validator_value if a not in ("", None)
            ),
        }
    if kind == "maxLength":
        return _("%(value)s is too long (at most %(max)d characters)") % {
            "value": value,
            "max": error.validator_value,
        }
    if kind == "minimum":
        return _("%(value)s is less than %(min)s") % {"value": value, "min": error.validator_value}
    if kind in ("pattern", "format"):
        if error.validator_value in ("date",) or "\\d{4}" in str(error.validator_value):
            return _("%(value)s is not a date (write YYYY-MM-DD)") % {"value": value}
        if error.validator_value == "date-time":
            return _("%(value)s is not a moment (write YYYY-MM-DDTHH:MM:SS+00:00)") % {
                "value": value
            }
        return _("%(value)s is not a number") % {"value": value}
    if kind == "const":
        return _("must be %(value)s") % {"value": show_value(error.validator_value)}
    return _("%(value)s is not allowed here") % {"value": value}
