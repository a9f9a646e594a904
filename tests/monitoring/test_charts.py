"""The indicator chart (Vega-Lite spec → SVG, cached) and the dashboard's sparklines."""

from __future__ import annotations

import datetime as dt
import json
import time
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext

from koers.monitoring import charts
from koers.monitoring.sparkline import sparkline_svg
from koers.monitoring.status import Evaluation, Forecast, IndicatorSpec, Point

SVG = "{http://www.w3.org/2000/svg}"
END_2016 = dt.date(2016, 12, 31)
END_2022 = dt.date(2022, 12, 31)
VISITORS = ["93000", "94800", "96100", "97300", "88600", "95200", "100600"]


def year_points(values, *, provisional_last=False):
    return [
        Point(
            date=dt.date(2016 + i, 12, 31),
            value=Decimal(v),
            period_start=dt.date(2016 + i, 1, 1),
            period_kind="jaar",
            provisional=provisional_last and i == len(values) - 1,
        )
        for i, v in enumerate(values)
    ]


SPEC = IndicatorSpec(
    target_kind="toename",
    target_value=Decimal("7000"),
    target_date=END_2022,
    baseline_value=Decimal("93000"),
    baseline_date=END_2016,
)


def evaluation(points):
    return Evaluation(
        status="behaald",
        reason="",
        latest=points[-1] if points else None,
        points_used=len(points),
        target_end_value=Decimal("100000"),
        direction=1,
        trajectory=((END_2016, Decimal("93000")), (END_2022, Decimal("100000"))),
        forecast=Forecast(
            slope_per_year=Decimal("900"),
            value_at_target_date=Decimal("99000"),
            reaches_target_on=dt.date(2024, 3, 1),
            meets_target=False,
            sentence="Bij dit tempo wordt de streefwaarde in 2024 gehaald.",
            line=((END_2016, Decimal("93300")), (END_2022, Decimal("99000"))),
        )
        if points
        else None,
    )


def chart_spec(values=VISITORS, *, title="Bezoekers per week", **kwargs):
    points = year_points(values, provisional_last=kwargs.pop("provisional_last", False))
    options = {
        "title": title,
        "unit": "bezoekers per week",
        "decimals": None,
        "points": points,
        "evaluation": evaluation(points),
        "spec": SPEC,
    }
    options.update(kwargs)
    with translation.override("nl"):
        return charts.indicator_chart_spec(**options)


@pytest.fixture(autouse=True)
def _empty_caches():
    cache.clear()
    charts._memory.clear()
    yield
    cache.clear()
    charts._memory.clear()


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


# --- the spec -----------------------------------------------------------------------------------


def test_spec_is_layered_vega_lite_v5_with_every_series():
    spec = chart_spec(provisional_last=True)
    assert spec["$schema"].endswith("/vega-lite/v5.json")
    assert (spec["width"], spec["height"]) == (560, 280)
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["line", "point", "point"]
    with translation.override("nl"):
        expected = [
            gettext(s)
            for s in (
                "Measurement",
                "Provisional measurement",
                "Baseline",
                "Target",
                "Planned trajectory",
                "Trend (forecast)",
            )
        ]
    color = spec["layer"][0]["encoding"]["color"]
    assert color["scale"]["domain"] == expected
    series = {(row["series"], row["mark"]) for row in spec["data"]["values"]}
    assert (expected[2], "anchor") in series and (expected[3], "anchor") in series
    assert (expected[4], "line") in series and (expected[5], "line") in series
    # Told apart without colour: every series has its own dash or symbol (or fill).
    encodings = spec["layer"][2]["encoding"]
    styles = list(
        zip(
            encodings["shape"]["scale"]["range"],
            map(tuple, encodings["strokeDash"]["scale"]["range"]),
            encodings["fill"]["scale"]["range"],
            strict=True,
        )
    )
    assert len(set(styles)) == len(styles) == 6


def test_spec_uses_the_dutch_number_and_time_locale():
    spec = chart_spec()
    locale = spec["config"]["locale"]
    assert locale["number"]["decimal"] == ","
    assert locale["number"]["thousands"] == "."
    assert locale["time"]["months"][0] == "januari"
    assert spec["layer"][0]["encoding"]["y"]["axis"]["format"] == ",~f"
    rating = chart_spec(["6.4", "6.5"], decimals=1)
    assert rating["layer"][0]["encoding"]["y"]["axis"]["format"] == ",.1f"


def test_fictitious_chart_says_so_in_subtitle_and_description():
    plain = chart_spec()
    assert "subtitle" not in plain["title"]
    spec = chart_spec(fictitious=True)
    with translation.override("nl"):
        assert spec["title"]["subtitle"] == gettext("Fictitious data for illustration")
        assert gettext("Fictitious data for illustration.") in spec["description"]


def test_description_names_title_latest_value_baseline_and_target():
    spec = chart_spec()
    description = spec["description"]
    assert "Bezoekers per week" in description
    assert "100.600" in description  # latest, Dutch notation
    assert "93.000" in description and "100.000" in description
    assert "2024" in description  # the forecast sentence


def test_spec_needs_no_network():
    spec = chart_spec(fictitious=True, as_of=dt.date(2020, 6, 30))
    text = json.dumps(spec)
    assert '"url"' not in text
    assert "http" not in text.replace(charts.VEGA_LITE_SCHEMA, "")


def test_as_of_draws_a_labelled_rule():
    spec = chart_spec(as_of=dt.date(2020, 6, 30))
    as_of_layer = spec["layer"][0]
    assert [layer["mark"]["type"] for layer in as_of_layer["layer"]] == ["rule", "text"]
    assert as_of_layer["data"]["values"][0]["date"] == "2020-06-30"


def test_as_of_after_everything_drawn_changes_nothing():
    """Today, long after the target date, adds no rule and keeps the spec (and cache key)."""
    assert chart_spec(as_of=dt.date(2026, 11, 23)) == chart_spec()


# --- rendering ----------------------------------------------------------------------------------


def test_render_gives_inline_safe_accessible_svg():
    svg = charts.render_svg(chart_spec(fictitious=True))
    assert svg.startswith("<svg")
    assert "<?xml" not in svg
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-label").startswith(gettext("Chart of %(title)s.").split("%")[0])
    assert root.find(f"{SVG}title").text.startswith("Bezoekers per week")
    assert root.find(f"{SVG}desc") is not None
    shown = texts(root)
    assert "100.000" in shown and "90.000" in shown  # y axis in Dutch notation
    assert "2016" in shown and "2022" in shown  # x axis in years
    # The marks carry no ARIA of their own: the SVG is one image.
    assert svg.count("aria-label") == 1
    assert "aria-roledescription" not in svg and 'role="graphics' not in svg


def test_render_is_deterministic():
    spec = chart_spec()
    assert charts.render_svg(spec) == charts.render_svg(spec)


@pytest.mark.parametrize("values", [[], ["93000"]])
def test_render_handles_no_and_one_measurement(values):
    spec = chart_spec(values, provisional_last=True)
    root = parse(charts.render_svg(spec))
    if not values:
        with translation.override("nl"):
            assert gettext("No measurements yet.") in texts(root)


def test_title_is_escaped():
    svg = charts.render_svg(chart_spec(title='Bezoekers <script>alert("x")</script> & co'))
    root = parse(svg)
    assert "<script>" not in svg
    assert '<script>alert("x")</script> & co' in root.get("aria-label")


def test_ids_get_a_prefix_per_chart():
    raw = (
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" class="marks">'
        '<defs><clipPath id="clip1"><rect/></clipPath></defs>'
        '<g clip-path="url(#clip1)"><use href="#clip1"/></g></svg>'
    )
    one = charts.make_inline(raw, name="A", description="A chart", id_prefix="chart-a")
    two = charts.make_inline(raw, name="B", description="B chart", id_prefix="chart-b")
    assert 'id="chart-a-clip1"' in one and "url(#chart-a-clip1)" in one
    assert 'href="#chart-a-clip1"' in one
    assert 'id="chart-b-clip1"' in two
    assert 'id="clip1"' not in one + two
    assert parse(one).get("class") == "koers-chart-image"


def test_chart_svg_renders_once_then_hits_the_caches(monkeypatch):
    calls = []
    real = charts.render_svg

    def spy(spec):
        calls.append(1)
        return real(spec)

    monkeypatch.setattr(charts, "render_svg", spy)
    spec = chart_spec()
    first = charts.chart_svg(spec)
    assert charts.chart_svg(spec) == first
    assert charts.chart_svg(json.loads(json.dumps(spec))) == first  # equal spec, equal key
    assert len(calls) == 1
    charts._memory.clear()  # another process: Django's cache still has it
    assert charts.chart_svg(spec) == first
    assert len(calls) == 1
    assert cache.get(charts.cache_key(spec)) == first
    changed = chart_spec([*VISITORS[:-1], "100700"])  # new data, new key
    assert charts.cache_key(changed) != charts.cache_key(spec)
    charts.chart_svg(changed)
    assert len(calls) == 2


def test_memory_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(charts, "LRU_SIZE", 2)
    monkeypatch.setattr(charts, "render_svg", lambda spec: "<svg/>")
    for n in range(5):
        charts.chart_svg({"n": n})
    assert len(charts._memory) == 2


# --- sparklines ---------------------------------------------------------------------------------

SERIES = [(dt.date(2016 + i, 12, 31), Decimal(v)) for i, v in enumerate(VISITORS)]


def test_sparkline_draws_line_and_marks_the_last_point():
    svg = sparkline_svg(SERIES, label="Bezoekers: 93.000 → 100.600")
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Bezoekers: 93.000 → 100.600"
    assert (root.get("width"), root.get("height")) == ("120", "28")
    path = root.find(f"{SVG}path").get("d")
    assert path.startswith("M3,") and path.count("L") == len(SERIES) - 1
    dot = root.find(f"{SVG}circle")
    assert dot.get("cx") == "117"
    assert dot.get("cy") == "3"  # the highest value, at the top
    assert root.find(f"{SVG}line") is None


def test_sparkline_target_line_is_inside_the_frame():
    root = parse(sparkline_svg(SERIES, label="x", target=Decimal("110000")))
    target = root.find(f"{SVG}line")
    assert target.get("y1") == target.get("y2") == "3"  # the target is the highest value
    assert float(root.find(f"{SVG}circle").get("cy")) > 3


@pytest.mark.parametrize(
    "values",
    [[], [(dt.date(2020, 12, 31), Decimal("5"))]],
    ids=["empty", "one"],
)
def test_sparkline_with_no_or_one_value(values):
    root = parse(sparkline_svg(values, label="Geen gegevens", width=60, height=20))
    assert root.get("aria-label") == "Geen gegevens"
    assert root.find(f"{SVG}path") is None
    if values:
        dot = root.find(f"{SVG}circle")
        assert (dot.get("cx"), dot.get("cy")) == ("30", "10")
    else:
        assert root.find(f"{SVG}circle") is None


def test_sparkline_of_equal_values_is_flat_in_the_middle():
    values = [(dt.date(2016 + i, 12, 31), Decimal("7")) for i in range(3)]
    path = parse(sparkline_svg(values, label="x")).find(f"{SVG}path").get("d")
    assert path == "M3,14L60,14L117,14"


def test_sparkline_escapes_the_label():
    svg = sparkline_svg(SERIES, label='<b>"Bezoekers" & co</b>')
    assert "<b>" not in svg
    root = parse(svg)
    assert root.get("aria-label") == '<b>"Bezoekers" & co</b>'
    assert root.find(f"{SVG}title").text == '<b>"Bezoekers" & co</b>'


def test_sparkline_is_deterministic_and_sorts_by_date():
    assert sparkline_svg(SERIES, label="x") == sparkline_svg(list(reversed(SERIES)), label="x")


def test_sparkline_is_fast():
    start = time.perf_counter()
    for _ in range(2000):
        sparkline_svg(SERIES, label="Bezoekers", target=Decimal("100000"))
    assert time.perf_counter() - start < 2  # measured: about 0.05 s
