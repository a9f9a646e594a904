"""The chart of one indicator: a Vega-Lite v5 spec built in Python and rendered to SVG on the
server (``vl-convert-python``), so the same chart appears on the page, in the PDF and in the DOCX.

The spec is plain data (inline values, no remote data, no web fonts), so rendering never touches
the network. It draws the measurements (a provisional one as a hollow circle), the baseline, the
target at the target date, the planned trajectory (dashed) and the trend forecast (dotted). The
legend tells the series apart by line pattern and symbol shape as well as colour (WCAG 1.4.1),
and every stroke has at least 3:1 contrast on white (WCAG 1.4.11). The numbers themselves are in
the table that the page shows beside the chart (WCAG 1.1.1).

Rendering takes tens of milliseconds, so :func:`chart_svg` caches the SVG twice: in an LRU in the
process and in Django's cache, under a hash of the spec's canonical JSON. New data give a new
spec and so a new key; the same data hit the cache.

Time on the x axis: a :class:`~koers.monitoring.status.Point` is dated on the last day of its
period, so the ticks are put on 31 December and labelled with that year: the value of 2016 sits
on the tick "2016".
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from decimal import Decimal
from html import escape

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from koers.programmes.presentation import format_number

from .status import Evaluation, IndicatorSpec, Point

__all__ = [
    "CHART_HEIGHT",
    "CHART_WIDTH",
    "cache_key",
    "chart_svg",
    "indicator_chart_spec",
    "make_inline",
    "render_svg",
    "spec_key",
]

CHART_WIDTH = 560
CHART_HEIGHT = 280
VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
FONT = "Liberation Sans, DejaVu Sans, Arial, sans-serif"


@functools.cache
def _locales(language: str) -> dict:
    """The d3 number and time locales for ``language``, as bundled with vl-convert (no network).
    They are written into the spec, so the spec is complete by itself."""
    import vl_convert

    name = "nl-NL" if language == "nl" else "en-US"
    return {
        "number": vl_convert.get_format_locale(name),
        "time": vl_convert.get_time_format_locale(name),
    }


# Series keys → (colour, fill, symbol, dash). Colours have at least 3:1 contrast on white; the
# symbol and dash tell the series apart without colour. A line series is shown in the legend as
# a short stroke in its own pattern.
_LINE_SYMBOL = "M-1,0L1,0"
_SERIES_STYLE: dict[str, tuple[str, str, str, list[int]]] = {
    "measured": ("#01689b", "#01689b", "circle", [1, 0]),
    "provisional": ("#01689b", "#ffffff", "circle", [1, 0]),
    "baseline": ("#3f3f3f", "#3f3f3f", "square", [1, 0]),
    "target": ("#b3124f", "#b3124f", "diamond", [1, 0]),
    "trajectory": ("#5a5a5a", "transparent", _LINE_SYMBOL, [7, 4]),
    "forecast": ("#a34700", "transparent", _LINE_SYMBOL, [2, 3]),
}


def _series_labels() -> dict[str, str]:
    return {
        "measured": _("Measurement"),
        "provisional": _("Provisional measurement"),
        "baseline": _("Baseline"),
        "target": _("Target"),
        "trajectory": _("Planned trajectory"),
        "forecast": _("Trend (forecast)"),
    }


def _year_ticks(first: int, last: int) -> list[dict]:
    """Ticks on 31 December (UTC, so no time zone shifts the day), every year up to 12 years."""
    span = last - first
    step = 1 if span <= 12 else 2 if span <= 24 else 5
    return [
        {"year": year, "month": 12, "date": 31, "utc": True}
        for year in range(first, last + 1, step)
    ]


def _describe(title, unit, decimals, points, evaluation, spec, fictitious) -> str:
    """The chart in one paragraph, for screen readers (the numbers are in the table beside it);
    the arguments are those of :func:`indicator_chart_spec`."""

    def number(value: Decimal | None) -> str:
        shown = format_number(value, decimals)
        return f"{shown} {unit}".strip() if value is not None else shown

    parts = [_("Chart of %(title)s.") % {"title": title}]
    if len(points) == 1:
        parts.append(
            _("One measurement, in %(year)s: %(value)s.")
            % {"year": points[0].date.year, "value": number(points[0].value)}
        )
    elif points:
        parts.append(
            _("%(count)s measurements from %(first)s to %(last)s; the latest is %(value)s.")
            % {
                "count": len(points),
                "first": points[0].date.year,
                "last": points[-1].date.year,
                "value": number(points[-1].value),
            }
        )
    else:
        parts.append(_("No measurements yet."))
    if spec.baseline_value is not None and spec.baseline_date is not None:
        parts.append(
            _("Baseline: %(value)s in %(year)s.")
            % {"value": number(spec.baseline_value), "year": spec.baseline_date.year}
        )
    if evaluation.target_end_value is not None and spec.target_date is not None:
        parts.append(
            _("Target: %(value)s in %(year)s.")
            % {"value": number(evaluation.target_end_value), "year": spec.target_date.year}
        )
    if evaluation.forecast is not None and evaluation.forecast.sentence:
        parts.append(evaluation.forecast.sentence)
    if fictitious:
        parts.append(_("Fictitious data for illustration."))
    parts.append(_("The numbers are in the table beside the chart."))
    return " ".join(parts)


def _point_layer(mark: str, *, size: int, x: dict, y: dict, channels: dict) -> dict:
    return {
        "transform": [{"filter": f"datum.mark === '{mark}'"}],
        "mark": {"type": "point", "size": size, "strokeWidth": 2, "opacity": 1},
        "encoding": {"x": x, "y": y, **channels},
    }


def _as_of_layer(as_of: dt.date, *, first: int, last: int) -> dict:
    """A thin vertical rule at the reference date, labelled just above the plot (where no data
    are drawn), on the side with the most room."""
    span = (dt.date(last + 1, 6, 30) - dt.date(first, 7, 1)).days
    near_right = (as_of - dt.date(first, 7, 1)).days > 0.75 * span
    return {
        "data": {"values": [{"date": as_of.isoformat(), "label": _("reference date")}]},
        "layer": [
            {
                "mark": {"type": "rule", "color": "#8a8a8a", "strokeWidth": 1},
                "encoding": {"x": {"field": "date", "type": "temporal"}},
            },
            {
                "mark": {
                    "type": "text",
                    "align": "right" if near_right else "left",
                    "dx": -4 if near_right else 4,
                    "baseline": "bottom",
                    "y": -10,
                    "fontSize": 10,
                    "color": "#4a4a4a",
                },
                "encoding": {
                    "x": {"field": "date", "type": "temporal"},
                    "text": {"field": "label"},
                },
            },
        ],
    }


def indicator_chart_spec(
    *,
    title: str,
    unit: str,
    decimals: int | None,
    points: Sequence[Point],
    evaluation: Evaluation,
    spec: IndicatorSpec,
    fictitious: bool = False,
    as_of: dt.date | None = None,
) -> dict:
    """The Vega-Lite v5 spec of an indicator's chart (a layered chart with inline data)."""
    labels = _series_labels()
    points = sorted(points, key=lambda p: p.date)
    rows: list[dict] = []

    def add(key: str, day: dt.date, value: Decimal, mark: str) -> None:
        rows.append(
            {"series": labels[key], "mark": mark, "date": day.isoformat(), "value": float(value)}
        )

    # The line through the measurements: "measured" unless every measurement is provisional.
    line_key = "measured" if any(not p.provisional for p in points) else "provisional"
    for point in points:
        add(line_key, point.date, point.value, "line")
        add("provisional" if point.provisional else "measured", point.date, point.value, "point")
    if spec.baseline_value is not None and spec.baseline_date is not None:
        add("baseline", spec.baseline_date, spec.baseline_value, "anchor")
    if evaluation.target_end_value is not None and spec.target_date is not None:
        add("target", spec.target_date, evaluation.target_end_value, "anchor")
    for day, value in evaluation.trajectory:
        add("trajectory", day, value, "line")
    if evaluation.forecast is not None:
        for day, value in evaluation.forecast.line:
            add("forecast", day, value, "line")

    used = {r["series"] for r in rows}
    present = [key for key in _SERIES_STYLE if labels[key] in used]
    if not present:
        present = ["measured"]
    domain = [labels[k] for k in present]

    def scale(index: int) -> dict:
        return {"domain": domain, "range": [_SERIES_STYLE[k][index] for k in present]}

    # The reference date is drawn only where it cuts the picture (e.g. "as of" 2021 with a
    # trajectory to 2022); after everything drawn it would only stretch the axis, and leaving it
    # out keeps the spec, and so the cached SVG, the same from day to day.
    drawn = [dt.date.fromisoformat(r["date"]) for r in rows]
    drawn += [d for d in (spec.baseline_date, spec.target_date) if d is not None]
    if as_of is not None and drawn and as_of >= max(drawn):
        as_of = None
    years = [d.year for d in drawn]
    if as_of is not None:
        years.append(as_of.year)
    first = min(years) if years else (as_of or dt.date.today()).year
    last = max(years) if years else first
    if last == first:
        first, last = first - 1, last + 1
    x = {
        "field": "date",
        "type": "temporal",
        "scale": {
            "type": "utc",
            "domain": [
                {"year": first, "month": 7, "date": 1, "utc": True},
                {"year": last + 1, "month": 6, "date": 30, "utc": True},
            ],
        },
        "axis": {
            "title": _("Year"),
            "format": "%Y",
            "values": _year_ticks(first, last),
            "grid": False,
            "labelAngle": 0,
        },
    }
    # "~f" drops trailing zeros: 93000 → "93.000", 6.5 → "6,5" (with the Dutch locale).
    number_format = f",.{decimals}f" if decimals is not None else ",~f"
    y = {
        "field": "value",
        "type": "quantitative",
        "scale": {"zero": False, "nice": True},
        "axis": {"title": unit or _("Value"), "format": number_format, "tickCount": 6},
    }
    # One legend: colour, fill, symbol and dash all follow the series, so Vega-Lite merges them.
    legend = (
        {"title": None, "orient": "bottom", "direction": "horizontal", "columns": 3}
        if rows
        else None
    )
    channels = {
        channel: {"field": "series", "type": "nominal", "scale": scale(i), "legend": legend}
        for i, channel in enumerate(("color", "fill", "shape", "strokeDash"))
    }

    layers: list[dict] = []
    if as_of is not None:
        layers.append(_as_of_layer(as_of, first=first, last=last))
    layers += [
        {
            "transform": [{"filter": "datum.mark === 'line'"}],
            "mark": {"type": "line", "strokeWidth": 2, "interpolate": "linear"},
            "encoding": {
                "x": x,
                "y": y,
                "color": channels["color"],
                "strokeDash": channels["strokeDash"],
            },
        },
        # Baseline and target first and larger, so a measurement on the same spot stays visible.
        _point_layer("anchor", size=140, x=x, y=y, channels=channels),
        _point_layer("point", size=70, x=x, y=y, channels=channels),
    ]
    if not points:
        layers.append(
            {
                "data": {"values": [{"text": _("No measurements yet.")}]},
                "mark": {"type": "text", "fontSize": 13, "color": "#4a4a4a"},
                "encoding": {
                    "text": {"field": "text"},
                    "x": {"value": CHART_WIDTH / 2},
                    "y": {"value": CHART_HEIGHT / 2},
                },
            }
        )
    title_block: dict = {
        "text": title,
        "anchor": "start",
        "fontSize": 14,
        "fontWeight": 600,
        "offset": 22 if as_of is not None else 10,  # room for the "reference date" label
    }
    if fictitious:
        title_block["subtitle"] = _("Fictitious data for illustration")
        title_block["subtitleColor"] = "#7a2e00"
        title_block["subtitleFontStyle"] = "italic"
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": _describe(title, unit, decimals, points, evaluation, spec, fictitious),
        "title": title_block,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "background": "#ffffff",
        "padding": 8,
        "data": {"values": rows},
        "layer": layers,
        "config": {
            "locale": _locales("nl" if (get_language() or "nl").startswith("nl") else "en"),
            "font": FONT,
            # No ARIA on the marks: the SVG is one image, described by its aria-label.
            "aria": False,
            "view": {"stroke": None},
            "axis": {
                "labelFontSize": 11,
                "titleFontSize": 11,
                "labelColor": "#2b2b2b",
                "titleColor": "#2b2b2b",
                "domainColor": "#6b6b6b",
                "tickColor": "#6b6b6b",
                "gridColor": "#e3e3e3",
            },
            "legend": {
                "labelFontSize": 11,
                "symbolStrokeWidth": 2,
                "symbolSize": 90,
                "labelLimit": 220,
                "columnPadding": 18,
                "rowPadding": 6,
            },
        },
    }


# --- rendering ----------------------------------------------------------------------------------

#: Vega-Lite version the specs are written for (vl-convert bundles several).
VEGA_LITE_VERSION = "5.21"
#: Part of every cache key: bump it when the post-processing of the SVG changes.
RENDER_VERSION = "1"
CACHE_TIMEOUT = 60 * 60 * 24 * 30  # 30 days; a changed chart gets a new key anyway
LRU_SIZE = 256

_XML_PROLOG = re.compile(r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?")
_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")
_INNER_ARIA = re.compile(r'\s(?:role|aria-roledescription|aria-label)="[^"]*"')
_ID = re.compile(r'(?<![\w:-])id="([^"]+)"')


def spec_key(spec: dict) -> str:
    """A hash of the spec's canonical JSON: equal specs give equal keys, any change a new one."""
    canonical = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _label(spec: dict) -> tuple[str, str]:
    """(short name, long description) of a chart, from its spec."""
    title = spec.get("title", "")
    if isinstance(title, dict):
        name = str(title.get("text", ""))
        if title.get("subtitle"):
            name = f"{name} ({title['subtitle']})"
    else:
        name = str(title)
    return name, str(spec.get("description", ""))


def make_inline(svg: str, *, name: str, description: str, id_prefix: str) -> str:
    """Make SVG from vl-convert safe to put inside an HTML page.

    Drops the XML declaration, marks the root as one image (``role="img"``, ``aria-label``, a
    ``<title>`` and a ``<desc>``; the roles and labels Vega puts on the marks inside are removed,
    as the image is described as a whole) and prefixes every
    ``id`` and its references with ``id_prefix``, so that several charts on one page never share
    an id. Equal input gives equal output.
    """
    svg = _XML_PROLOG.sub("", svg, count=1)
    svg = _INNER_ARIA.sub("", svg)
    ids = set(_ID.findall(svg))
    for old in sorted(ids, key=len, reverse=True):
        new = f"{id_prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"')
        svg = svg.replace(f"url(#{old})", f"url(#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    match = _SVG_OPEN.search(svg)
    if match is None:
        raise ValueError("not an SVG document")
    attributes = re.sub(r'\s(?:aria-[a-z]+|class)="[^"]*"', "", match.group(1))
    label = escape(description or name, quote=True)
    opening = (
        f'<svg{attributes} class="koers-chart-image" role="img" aria-label="{label}">'
        f"<title>{escape(name, quote=False)}</title>"
        f"<desc>{escape(description, quote=False)}</desc>"
    )
    return svg[: match.start()] + opening + svg[match.end() :]


def render_svg(spec: dict) -> str:
    """Render ``spec`` to SVG that is safe to inline in HTML. No network access: remote data
    are refused (``allowed_base_urls=[]``) and only the fonts on the machine are used."""
    import vl_convert

    svg = vl_convert.vegalite_to_svg(spec, vl_version=vega_lite_version(), allowed_base_urls=[])
    name, description = _label(spec)
    return make_inline(svg, name=name, description=description, id_prefix=_id_prefix(spec))


@functools.cache
def vega_lite_version() -> str | None:
    """:data:`VEGA_LITE_VERSION` when this vl-convert bundles it, else its newest 5.x."""
    import vl_convert

    bundled = list(vl_convert.get_vegalite_versions())
    if VEGA_LITE_VERSION in bundled:
        return VEGA_LITE_VERSION
    fives = [v for v in bundled if v.startswith("5.")]
    return fives[-1] if fives else None


def _id_prefix(spec: dict) -> str:
    return "chart-" + spec_key(spec)[:12]


# The first cache level: the most recently used SVGs of this process (key → SVG).
_memory: OrderedDict[str, str] = OrderedDict()
_memory_lock = threading.Lock()


@functools.cache
def _renderer_version() -> str:
    import vl_convert

    return f"{getattr(vl_convert, '__version__', '')}-{vega_lite_version()}-{RENDER_VERSION}"


def cache_key(spec: dict) -> str:
    """The key of the rendered SVG in Django's cache: the spec's hash and the renderer's version
    (so an upgrade of vl-convert renders again)."""
    return f"koers:chart:{_renderer_version()}:{spec_key(spec)}"


def chart_svg(spec: dict) -> str:
    """The SVG of ``spec``, rendered once and then served from the process's LRU or Django's
    cache (so another worker process reuses it too).

    Ids inside are prefixed with a hash of the spec, so different charts on one page never clash;
    the same chart inlined twice on one page would repeat its ids (harmless, as both copies are
    identical, but show each chart once per page).
    """
    key = cache_key(spec)
    with _memory_lock:
        svg = _memory.get(key)
        if svg is not None:
            _memory.move_to_end(key)
            return svg
    svg = cache.get(key)
    if svg is None:
        svg = render_svg(spec)
        cache.set(key, svg, CACHE_TIMEOUT)
    with _memory_lock:
        _memory[key] = svg
        while len(_memory) > LRU_SIZE:
            _memory.popitem(last=False)
    return svg
