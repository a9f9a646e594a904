"""Reading numbers as Dutch and international users write them (pure: no ORM, no I/O).

Rules, in this order:

1. Spaces (also non-breaking) and a trailing ``%`` are ignored: ``60 %`` → 60.
2. With a comma, the comma is the decimal separator and dots are thousands separators, which must
   then stand in groups of three: ``93.000,5`` → 93000.5, ``7,0`` → 7.0.
3. Without a comma, a dot followed by exactly three digits (each time) is a thousands separator,
   as Dutch users write it: ``93.000`` → 93000, ``1.234.567`` → 1234567 — unless the number
   starts with ``0``: ``0.125`` is a decimal fraction (nobody writes 125 as 0.125).
4. Any other single dot is a decimal point, as international users write it: ``7.0``, ``6.5``,
   ``0.25``, ``1234.5``.
5. Anything else (two commas, ``1.23.4``, letters) is refused with a Dutch message.

So ``7.000`` is read as seven thousand: in a Dutch interface that is what it means. Write ``7`` or
``7,0`` for seven.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import gettext as _

# A thousands group never starts the number with 0: 0.125 is a decimal, not 125.
_GROUPED = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+$")
_GROUPED_WITH_COMMA = re.compile(r"^[+-]?\d{1,3}(\.\d{3})*,\d+$")
_PLAIN_WITH_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d+)?|\.\d+)$")


class NumberFormatError(ValueError):
    """The text is not a number in any accepted notation; ``str()`` is the (translated) message."""


def parse_decimal(text: str) -> Decimal:
    """Read ``text`` as an exact Decimal following the rules of this module."""
    raw = str(text)
    cleaned = raw.replace("\u00a0", "").replace(" ", "").strip()
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1]
    if not cleaned:
        raise NumberFormatError(_("Enter a number."))
    if _GROUPED_WITH_COMMA.match(cleaned) or _PLAIN_WITH_COMMA.match(cleaned):
        normal = cleaned.replace(".", "").replace(",", ".")
    elif _GROUPED.match(cleaned):
        normal = cleaned.replace(".", "")
    elif _PLAIN.match(cleaned):
        normal = cleaned
    else:
        raise NumberFormatError(
            _("‘%(text)s’ is not a number. Write for example 93000, 93.000, 7,5 or 7.5.")
            % {"text": raw}
        )
    return Decimal(normal)  # the patterns above admit only valid decimal literals


def format_decimal_input(value: Decimal | None) -> str:
    """A Decimal as it is shown in an input field: no trailing zeros, no thousands separator,
    a decimal comma (``93000``, ``6,5``), so it reads back to the same value."""
    if value is None:
        return ""
    normal = Decimal(value).normalize()
    text = format(normal, "f")
    return text.replace(".", ",")
