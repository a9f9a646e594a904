"""Euro amounts in Dutch notation, independent of the active language: € 1.749.200 and
€ 7.500,50 (cents only when there are any)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
NBSP = "\u00a0"


def format_euro(value: Decimal | int | None, *, cents: bool | None = None) -> str:
    """``Decimal('1749200')`` → '€ 1.749.200'; ``Decimal('7500.5')`` → '€ 7.500,50';
    a negative amount → '€ -800'. ``cents=True`` always shows two decimals. None → '—'."""
    if value is None:
        return "—"
    amount = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, _, fraction = f"{abs(amount):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = ".".join(groups) or "0"
    if cents or (cents is None and fraction.strip("0")):
        text += "," + fraction
    return f"€{NBSP}{sign}{text}"
