"""A small trend line for the dashboard, drawn directly as SVG from the numbers (pure: no ORM, no
vl-convert), so a dashboard of hundreds of goals draws its trend lines in milliseconds.

The line follows the text colour (``currentColor``), so it suits any theme; the last measurement
is marked with a dot, and an optional target is a faint dashed line. The SVG is one image with
an ``aria-label`` (say in it what the line shows: the numbers are in the table or the chart).
Equal input gives an identical string.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from html import escape

__all__ = ["sparkline_svg"]

PADDING = 3.0  # room for the end dot and the line's width
TARGET_COLOUR = "#767676"  # 4.5:1 on white


def _fmt(number: float) -> str:
    text = f"{number:.1f}"
    return text[:-2] if text.endswith(".0") else text


def sparkline_svg(
    values: Sequence[tuple[dt.date, Decimal]],
    *,
    width: int = 120,
    height: int = 28,
    label: str,
    target: Decimal | None = None,
) -> str:
    """An inline SVG trend line of ``values`` (date, value), in date order.

    ``label`` becomes the ``aria-label`` and ``<title>`` (escaped). The x axis follows the
    dates, the y axis spans the values (and ``target`` when given). No values: an empty frame
    with a faint dash; one value: a single dot.
    """
    points = sorted(values, key=lambda item: item[0])
    safe_label = escape(label, quote=True)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="koers-sparkline" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{safe_label}" focusable="false"><title>{safe_label}</title>'
    ]
    left, right = PADDING, width - PADDING
    top, bottom = PADDING, height - PADDING
    middle = height / 2

    if not points:
        parts.append(
            f'<line x1="{_fmt(left)}" y1="{_fmt(middle)}" x2="{_fmt(right)}" '
            f'y2="{_fmt(middle)}" stroke="{TARGET_COLOUR}" stroke-width="1" '
            f'stroke-dasharray="2 3"/></svg>'
        )
        return "".join(parts)

    numbers = [float(value) for _day, value in points]
    low, high = min(numbers), max(numbers)
    if target is not None:
        low, high = min(low, float(target)), max(high, float(target))

    def y_of(number: float) -> float:
        if high == low:
            return middle
        return bottom - (number - low) / (high - low) * (bottom - top)

    first_day, last_day = points[0][0].toordinal(), points[-1][0].toordinal()

    def x_of(day: dt.date) -> float:
        if last_day == first_day:
            return (left + right) / 2
        return left + (day.toordinal() - first_day) / (last_day - first_day) * (right - left)

    if target is not None:
        ty = _fmt(y_of(float(target)))
        parts.append(
            f'<line x1="{_fmt(left)}" y1="{ty}" x2="{_fmt(right)}" y2="{ty}" '
            f'stroke="{TARGET_COLOUR}" stroke-width="1" stroke-dasharray="3 2" '
            f'class="koers-sparkline-target"/>'
        )
    coordinates = [(x_of(day), y_of(float(value))) for day, value in points]
    if len(coordinates) > 1:
        path = "M" + "L".join(f"{_fmt(x)},{_fmt(y)}" for x, y in coordinates)
        parts.append(
            f'<path d="{path}" fill="none" stroke="currentColor" stroke-width="1.5" '
            f'stroke-linejoin="round" stroke-linecap="round"/>'
        )
    last_x, last_y = coordinates[-1]
    parts.append(f'<circle cx="{_fmt(last_x)}" cy="{_fmt(last_y)}" r="2.5" fill="currentColor"/>')
    parts.append("</svg>")
    return "".join(parts)
