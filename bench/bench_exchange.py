"""Benchmark: importing (and exporting) a programme file with a million measurements.

Run with `uv run python bench/bench_exchange.py [--rows N]` (default 1,000,000) on a fresh
SQLite database in a temporary folder.

It builds a fictional programme with enough measurable goals (one value per indicator per day
over four years), exports it (format koers-programma version 2, without measurements), appends
N measurement lines in the layout the exporter writes (one a line, last in the file), deletes
the programme and then, in a subprocess whose peak resident memory (ru_maxrss) is reported,
imports the file with `koers.exchange.import_programme` (read one line at a time, checked
against the JSON Schema and the model, written in batches with history) and exports it again
with `write_programme` (streamed to a file).

Prints the time and rows per second of import and export and the peak memory of that process
(target: under 500 MB).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

DAYS = 4 * 365 + 1  # 2016-01-01 … 2019-12-31
SLUG = "bench-exchange"


def _setup_django(tmp: str) -> None:
    os.environ["KOERS_VAR_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.conf.settings")
    # DEBUG is off: Koers refuses the public default secret key (a key for the benchmark only).
    os.environ.setdefault("KOERS_SECRET_KEY", "bench-" + "k0ers-geheim-alleen-voor-benchmarks-" * 2)
    import django

    django.setup()


def _build_programme(indicators: int):
    from django.db import transaction

    from koers.programmes import services
    from koers.programmes.constants import GoalKind
    from koers.programmes.models import StrategicGoal

    with transaction.atomic():
        p = services.programme_create(
            actor=None,
            slug=SLUG,
            name="Benchmark uitwisseling (fictief)",
            municipality="Fictief",
            period_start=date(2016, 1, 1),
            period_end=date(2019, 12, 31),
        )
        sg = services.object_create(StrategicGoal, actor=None, programme=p, code="1", text="x")
        for i in range(indicators):
            services.operational_goal_create(
                actor=None,
                programme=p,
                strategic_goal=sg,
                code=f"g{i + 1:04d}",
                statement=f"Doel {i + 1}",
                kind=GoalKind.MEASURABLE,
                order=i,
                indicator={"name": f"Indicator {i + 1}", "unit": "aantal"},
            )
    return p


def _write_file(path: Path, header: bytes, rows: int, codes: list[str]) -> None:
    """The header as exported (its measurements list empty), then ``rows`` measurement lines."""
    text = header.decode("utf-8")
    marker = '  "metingen": []\n}\n'
    assert text.endswith(marker)
    start = date(2016, 1, 1)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(text[: -len(marker)] + '  "metingen": [')
        n = 0
        for code in codes:
            for day in range(DAYS):
                if n == rows:
                    break
                d = (start + timedelta(days=day)).isoformat()
                row = {
                    "indicator": code,
                    "period_kind": "dag",
                    "period_start": d,
                    "period_end": d,
                    "value": str(1000 + (n * 7) % 500) + ("" if n % 3 else ".5"),
                    "known_from": d,
                    "source": "",
                    "note": "",
                    "is_provisional": False,
                    "is_fictitious": True,
                    "entered_by": None,
                    "entered_at": "2020-01-01T00:00:00+00:00",
                }
                out.write(("\n    " if n == 0 else ",\n    ") + json.dumps(row))
                n += 1
        out.write("\n  ]\n}\n")


def _child(path: Path, tmp: str) -> None:
    """Run in a subprocess: import the file, then export it again; print JSON figures."""
    from koers.exchange import import_programme, write_programme
    from koers.monitoring.models import Measurement

    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with path.open("rb") as stream:
        programme = import_programme(stream, actor=None)
    imported = time.perf_counter() - started
    import_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    count = Measurement.objects.filter(indicator__operational_goal__programme=programme).count()
    started = time.perf_counter()
    out = Path(tmp) / "weer.json"
    with out.open("wb") as stream:
        write_programme(stream, programme)
    exported = time.perf_counter() - started
    print(
        json.dumps(
            {
                "import": imported,
                "export": exported,
                "count": count,
                "same_size": out.stat().st_size == path.stat().st_size,
                "base_rss_kb": base_rss,
                "import_rss_kb": import_rss,
                "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--child", metavar="FILE", help=argparse.SUPPRESS)
    parser.add_argument("--tmp", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _setup_django(args.tmp)
        _child(Path(args.child), args.tmp)
        return
    tmp = tempfile.mkdtemp(prefix="koers-bench-exchange-")
    try:
        _run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _run(args, tmp: str) -> None:
    _setup_django(tmp)
    from django.core.management import call_command
    from django.db import connection

    from koers.exchange import export_programme
    from koers.programmes import services

    call_command("migrate", verbosity=0)
    indicators = math.ceil(args.rows / DAYS)
    started = time.perf_counter()
    programme = _build_programme(indicators)
    built = time.perf_counter() - started
    header = export_programme(programme)
    codes = sorted(programme.operational_goals.values_list("code", flat=True))
    services.programme_delete(programme=programme, actor=None, expected_version=None)
    path = Path(tmp) / "programma.json"
    started = time.perf_counter()
    _write_file(path, header, args.rows, codes)
    written = time.perf_counter() - started
    size_mb = path.stat().st_size / 1e6
    connection.close()

    print(f"Koers exchange benchmark — database {connection.vendor}, {args.rows:,} measurements")
    print(f"programme with {indicators} indicators built in {built:.1f} s")
    print(f"file of {size_mb:.1f} MB written in {written:.1f} s")
    cmd = [sys.executable, __file__, "--child", str(path), "--tmp", tmp]
    out = subprocess.run(cmd, env={**os.environ}, check=True, capture_output=True, text=True)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    assert figures["count"] == args.rows, figures
    print(
        f"import (import_programme, streamed): {figures['import']:7.1f} s  "
        f"{args.rows / figures['import']:>10,.0f} rows/s"
    )
    print(
        f"export (write_programme, streamed):  {figures['export']:7.1f} s  "
        f"{args.rows / figures['export']:>10,.0f} rows/s  (same size as the file: "
        f"{'yes' if figures['same_size'] else 'no'})"
    )
    print(
        f"peak memory: {figures['import_rss_kb'] / 1024:.0f} MB after the import, "
        f"{figures['peak_rss_kb'] / 1024:.0f} MB after the export "
        f"(of which {figures['base_rss_kb'] / 1024:.0f} MB Python + Django before the import; "
        f"target under 500 MB)"
    )


if __name__ == "__main__":
    main()
