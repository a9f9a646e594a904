"""The worked examples in docs/monitor.md are recomputed here, so the documentation cannot drift
from the engine: for each example the block with its input and its figures, rendered from the
engine's result, must stand in the document verbatim.

The sentences (reason, forecast, notes) are compared once the Dutch catalogue holds them; until
then only their place in the table is checked. Run ``uv run python
tests/monitoring/test_status_docs.py`` to print every block (e.g. after changing a rule)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext

from koers.monitoring.status import IndicatorSpec, Point, evaluate, roll_up
from koers.programmes.constants import TargetKind
from koers.programmes.presentation import format_number

DOC = Path(__file__).resolve().parents[2] / "docs" / "monitor.md"
SENTENCE_ROWS = ("reden", "verwachting", "opmerking")
KIND = {"toename": "toename met", "afname": "afname met"}
KIND.update({k: k for k in ("bereiken", "minimaal", "maximaal", "behouden")})
DIRECTION = {1: "+1 (hoger is beter)", -1: "−1 (lager is beter)", 0: "0 (gelijk blijven)"}


def y(year: int) -> dt.date:
    return dt.date(year, 12, 31)


@dataclass(frozen=True)
class Example:
    key: str
    spec: IndicatorSpec
    points: tuple[tuple[int, str], ...]  # (year, value) of yearly measurements
    as_of: dt.date


VISITORS = IndicatorSpec(TargetKind.INCREASE_BY, D("7000"), y(2022), D("93000"), y(2016))
EXAMPLES = [
    Example(
        "1a",
        VISITORS,
        ((2017, "94100"), (2018, "95000"), (2019, "95600")),
        dt.date(2020, 3, 1),
    ),
    Example(
        "1a-op",
        VISITORS,
        ((2017, "94100"), (2018, "95000"), (2019, "95600")),
        dt.date(2019, 3, 1),
    ),
    Example(
        "1a-geen",
        VISITORS,
        ((2017, "94100"), (2018, "95000"), (2019, "95600")),
        dt.date(2017, 6, 30),
    ),
    Example(
        "1a-verstreken",
        VISITORS,
        ((2019, "95600"), (2020, "96900"), (2021, "98000"), (2022, "98500")),
        dt.date(2023, 6, 30),
    ),
    Example(
        "2a",
        IndicatorSpec(TargetKind.REACH, D("0"), y(2022)),
        ((2019, "3200"), (2020, "2600"), (2021, "2100")),
        dt.date(2022, 1, 15),
    ),
    Example(
        "2b",
        IndicatorSpec(TargetKind.AT_MOST, D("6000"), y(2022)),
        ((2019, "7400"), (2020, "6900"), (2021, "6300")),
        dt.date(2022, 1, 15),
    ),
    Example(
        "3a",
        IndicatorSpec(TargetKind.REACH, D("7.0"), y(2022), decimals=1),
        ((2018, "6.4"), (2020, "6.9"), (2021, "7.1")),
        dt.date(2022, 1, 15),
    ),
    Example(
        "4c",
        IndicatorSpec(TargetKind.REACH, D("60"), y(2022)),
        ((2019, "52"), (2020, "51"), (2021, "50")),
        dt.date(2022, 1, 15),
    ),
    Example(
        "5a",
        IndicatorSpec(TargetKind.REACH, D("614"), y(2022)),
        ((2019, "560"), (2020, "575")),
        dt.date(2021, 1, 15),
    ),
    Example(
        "A3",
        IndicatorSpec(TargetKind.INCREASE_BY, D("4100"), None),
        ((2023, "150"),),
        dt.date(2024, 1, 15),
    ),
]


def number(value: D | None) -> str:
    if value is None:
        return "—"
    exponent = value.as_tuple().exponent
    return format_number(value, -exponent if exponent < 0 else 0)


def day(value: dt.date | None) -> str:
    return "—" if value is None else date_format(value, "j F Y")


def render(example: Example) -> str:
    """The block of an example as it stands in docs/monitor.md (in Dutch)."""
    spec = example.spec
    points = [Point(y(year), D(v)) for year, v in example.points]
    e = evaluate(spec, points, as_of=example.as_of)
    series = " · ".join(f"{year}: {number(D(v))}" for year, v in example.points)
    direction = DIRECTION[e.direction] if e.target_end_value is not None else "—"
    latest = "—"
    if e.latest:
        used = f"{e.points_used} {'meting' if e.points_used == 1 else 'metingen'} gebruikt"
        latest = f"{number(e.latest.value)} ({day(e.latest.date)}); {used}"
    baseline = "geen nulmeting"
    if spec.baseline_value is not None:
        baseline = f"nulmeting {number(spec.baseline_value)} ({day(spec.baseline_date)})"
    target = f"{KIND[spec.target_kind]} {number(spec.target_value)}, streefdatum "
    target += f"{day(spec.target_date)}; {baseline}; tolerantie {number(spec.tolerance_percent)} %"
    rows = [
        ("streefwaarde", target),
        ("metingen (fictief)", series),
        ("peildatum", day(example.as_of)),
        ("status", f"**{e.status}**"),
        ("reden", e.reason),
        ("eindwaarde; richting", f"{number(e.target_end_value)}; {direction}"),
        ("laatste meting", latest),
        ("traject", " → ".join(f"{number(v)} ({day(d)})" for d, v in e.trajectory) or "—"),
        ("verwacht bij de laatste meting", number(e.expected_at_latest)),
        ("verwacht op de peildatum", number(e.expected_now)),
        ("voortgang", "—" if e.progress_percent is None else f"{number(e.progress_percent)} %"),
        ("achterstand", "—" if e.shortfall is None else f"{format_number(e.shortfall * 100)} %"),
    ]
    f = e.forecast
    if f is not None:
        reaches = f"bereikt de eindwaarde op {day(f.reaches_target_on)}"
        if f.reaches_target_on is None:
            reaches = "bereikt de eindwaarde niet"
        trend = f"{number(f.slope_per_year)} per jaar; {number(f.value_at_target_date)} op de "
        rows += [
            ("trend", f"{trend}streefdatum; {reaches}"),
            ("verwachting", f.sentence),
        ]
    rows += [("opmerking", note) for note in e.notes]
    lines = [f"<!-- voorbeeld {example.key} -->", "| | |", "|---|---|"]
    lines += [f"| {label} | {text} |" for label, text in rows]
    return "\n".join(lines)


def translated() -> bool:
    """Does the Dutch catalogue hold the engine's sentences yet?"""
    with translation.override("nl"):
        return gettext("Too few measurements for a trend yet.") != (
            "Too few measurements for a trend yet."
        )


def pattern(block: str, *, sentences: bool) -> re.Pattern:
    parts = []
    for line in block.splitlines():
        label = line.split(" | ")[0].removeprefix("| ")
        if not sentences and line.startswith("| ") and label in SENTENCE_ROWS:
            parts.append(re.escape(f"| {label} | ") + r"[^\n]+ \|")
        else:
            parts.append(re.escape(line))
    return re.compile("\n".join(parts))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.key)
def test_worked_example_in_the_docs_is_what_the_engine_computes(example):
    with translation.override("nl"):
        block = render(example)
    doc = DOC.read_text(encoding="utf-8")
    assert pattern(block, sentences=translated()).search(doc), (
        f"docs/monitor.md is out of step with the engine; the block should read:\n\n{block}"
    )


def test_roll_up_example_in_the_docs():
    doc = DOC.read_text(encoding="utf-8")
    line = "Doel 2: 2a `{}` en 2b `{}` → `{}`".format(
        "niet_op_koers", "op_koers", roll_up(["niet_op_koers", "op_koers"])
    )
    assert line in doc


def test_docs_keep_the_heading_the_lead_fills():
    doc = DOC.read_text(encoding="utf-8")
    for heading in ("## Tolerantie", "## Peildatum (--op)", "## Dashboard en opdrachtregel"):
        assert heading in doc


if __name__ == "__main__":  # print every block, in Dutch
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.conf.settings")
    django.setup()
    with translation.override("nl"):
        for example in EXAMPLES:
            print(render(example), end="\n\n")
