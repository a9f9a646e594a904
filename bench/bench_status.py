"""Benchmark: the status engine for 1,200 indicators with 120 measurements each.

Run with `uv run python bench/bench_status.py`. The engine is pure (no database): this times
`koers.monitoring.status.evaluate` for every indicator, as the dashboard of a very large
organisation would, plus the roll-up. Prints the median and the minimum of RUNS runs (default 7)
and the target (under 0.2 s).

The indicators cycle through every target kind, with and without a baseline, and their series
(monthly, 10 years, seeded random noise around a trend) give every status a turn.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from decimal import Decimal

INDICATORS = 1_200
MEASUREMENTS = 120
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
TARGET_SECONDS = 0.2


def month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def build(rng: random.Random):
    from koers.monitoring.status import IndicatorSpec, Point
    from koers.programmes.constants import MeasuringFrequency, TargetKind

    kinds = list(TargetKind.values)
    dates = [month_end(2015 + m // 12, m % 12 + 1) for m in range(MEASUREMENTS)]
    cases = []
    for i in range(INDICATORS):
        kind = kinds[i % len(kinds)]
        start = Decimal(rng.randint(1_000, 100_000))
        change = Decimal(rng.randint(100, 10_000))
        with_baseline = i % 3 != 0
        target_value = {
            TargetKind.INCREASE_BY: change,
            TargetKind.DECREASE_BY: change,
            TargetKind.REACH: start + change * rng.choice((-1, 1)),
            TargetKind.AT_LEAST: start + change,
            TargetKind.AT_MOST: start - change,
            TargetKind.KEEP: start,
        }[kind]
        spec = IndicatorSpec(
            target_kind=kind,
            target_value=target_value,
            target_date=dt.date(2025, 12, 31),
            baseline_value=start if with_baseline else None,
            baseline_date=dt.date(2014, 12, 31) if with_baseline else None,
            tolerance_percent=Decimal("10"),
            measuring_frequency=MeasuringFrequency.MONTHLY,
        )
        pace = float(change) / MEASUREMENTS * rng.uniform(-0.5, 1.5)
        sign = -1 if kind in (TargetKind.DECREASE_BY, TargetKind.AT_MOST) else 1
        points = [
            Point(
                day,
                Decimal(round(float(start) + sign * pace * m + rng.gauss(0, float(change) / 20))),
                day.replace(day=1),
                "maand",
            )
            for m, day in enumerate(dates)
        ]
        cases.append((spec, points))
    return cases


def main() -> None:
    os.environ.setdefault("KOERS_VAR_DIR", tempfile.mkdtemp(prefix="koers-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.conf.settings")
    # DEBUG is off: Koers refuses the public default secret key (a key for the benchmark only).
    os.environ.setdefault("KOERS_SECRET_KEY", "bench-" + "k0ers-geheim-alleen-voor-benchmarks-" * 2)
    import django

    django.setup()
    from django.utils import translation

    from koers.monitoring.status import evaluate, roll_up

    translation.activate("nl")
    cases = build(random.Random(2019))
    as_of = dt.date(2025, 1, 15)
    times = []
    statuses: list[str] = []
    for _ in range(RUNS):
        began = time.perf_counter()
        statuses = [evaluate(spec, points, as_of=as_of).status for spec, points in cases]
        roll_up(statuses)
        times.append(time.perf_counter() - began)
    median = statistics.median(times)
    print(
        f"Status of {INDICATORS:,} indicators with {MEASUREMENTS} measurements each "
        f"({INDICATORS * MEASUREMENTS:,} points), {RUNS} runs, Python {sys.version.split()[0]}"
    )
    print(f"  median  {median:.3f} s   ({median / INDICATORS * 1e6:.0f} µs per indicator)")
    print(f"  min     {min(times):.3f} s")
    print(f"  target  < {TARGET_SECONDS:.1f} s   {'OK' if median < TARGET_SECONDS else 'MISSED'}")
    counts = Counter(statuses)
    print("  statuses: " + ", ".join(f"{s} {n}" for s, n in sorted(counts.items())))


if __name__ == "__main__":
    main()
