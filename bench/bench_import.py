"""Benchmark: importing measurements, against a plain bulk insert of the same rows.

Run with `uv run python bench/bench_import.py [--rows N]` (default 1,000,000) on a fresh SQLite
database in a temporary folder; with `--postgres` on PostgreSQL instead (DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/koers_bench_import; that database is dropped and created
anew, so never point it at real data).

It builds a synthetic programme with enough indicators (one value per indicator per day over
four years), writes a CSV of N rows in the delivery format (Dutch and international notation
mixed the way the import accepts), then measures in the same run:

(a) the baseline: Python's csv reader plus `cursor.executemany` of a plain INSERT of the same
    rows into the same measurement table (looking up the indicator in a dict and reading the
    date and number the simplest way), in one transaction; then the rows are deleted again;
(b) the import as the CLI does it: `apply_file` (a checking pass and a writing pass with upserts
    and history), and separately `check_file` (the preview of the web interface), in a
    subprocess whose peak resident memory (ru_maxrss) is reported.

Prints rows per second for both, the ratio (target: within 3×) and the peak memory (target:
under 500 MB). On PostgreSQL, where the import copies its rows (COPY) into a temporary table
before the upsert, it also prints a COPY baseline of the same rows, the fairer comparison there.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DAYS = 4 * 365 + 1  # 2016-01-01 … 2019-12-31
SLUG = "bench-import"


def _setup_django(tmp: str, database_url: str | None) -> None:
    os.environ["KOERS_VAR_DIR"] = tmp
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.conf.settings")
    # DEBUG is off: Koers refuses the public default secret key (a key for the benchmark only).
    os.environ.setdefault("KOERS_SECRET_KEY", "bench-" + "k0ers-geheim-alleen-voor-benchmarks-" * 2)
    import django

    django.setup()


def _fresh_postgres(url: str) -> None:
    from urllib.parse import urlparse

    import psycopg

    name = urlparse(url).path.lstrip("/")
    if name in ("", "koers", "postgres") or not name.startswith("koers_bench"):
        sys.exit(f"refusing to drop database {name!r}: use a name starting with koers_bench")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _build_programme(indicators: int) -> dict[str, int]:
    """A fictional programme with ``indicators`` measurable goals; {code: indicator id}."""
    from datetime import date

    from django.db import transaction

    from koers.programmes import services
    from koers.programmes.constants import GoalKind
    from koers.programmes.models import Indicator, StrategicGoal

    with transaction.atomic():
        p = services.programme_create(
            actor=None,
            slug=SLUG,
            name="Benchmark import (fictief)",
            municipality="Voorbeeldstad (fictief)",
            period_start=date(2016, 1, 1),
            period_end=date(2019, 12, 31),
        )
        sg = services.object_create(StrategicGoal, actor=None, programme=p, code="1", text="x")
        for i in range(indicators):
            services.operational_goal_create(
                actor=None,
                programme=p,
                strategic_goal=sg,
                code=f"g{i + 1}",
                statement=f"Fictief doel {i + 1}",
                kind=GoalKind.MEASURABLE,
                order=i + 1,
                indicator={"name": f"Indicator {i + 1}", "unit": "aantal"},
            )
    return dict(
        Indicator.objects.filter(operational_goal__programme=p).values_list(
            "operational_goal__code", "pk"
        )
    )


def _value_text(i: int) -> str:
    v = (i * 7919) % 1_000_000
    kind = i % 3
    if kind == 0:
        return f"{v // 1000}.{v % 1000:03d}" if v >= 1000 else str(v)  # Dutch thousands: 93.000
    if kind == 1:
        return f"{v},{i % 100:02d}"  # decimal comma: 1234,56
    return str(v)  # plain: 93000


def _write_csv(path: Path, rows: int, codes: list[str]) -> None:
    from datetime import date, timedelta

    first = date(2016, 1, 1)
    days = [(first + timedelta(days=d)).isoformat() for d in range(DAYS)]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\ufeff")
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(["programma", "indicator", "periode", "waarde", "bron", "opmerking"])
        for i in range(rows):
            code = codes[i // DAYS]
            note = "gecorrigeerd door leverancier" if i % 10 == 0 else ""
            w.writerow([SLUG, code, days[i % DAYS], _value_text(i), "Benchmark 2026", note])


def _baseline(path: Path, ids: dict[str, int]) -> float:
    """Seconds for csv reader + executemany plain INSERT of every row (then deleted)."""
    from datetime import date
    from decimal import Decimal

    from django.db import connection, transaction
    from django.utils import timezone

    ops = connection.ops
    stamp = ops.adapt_datetimefield_value(timezone.now())
    lower = {code.lower(): pk for code, pk in ids.items()}
    sql = (
        "INSERT INTO monitoring_measurement (version, indicator_id, period_kind, period_start, "
        "period_end, value, source, note, is_provisional, is_fictitious, entered_by_id, "
        "entered_at, import_batch_id) VALUES (1, %s, 'dag', %s, %s, %s, %s, %s, FALSE, FALSE, "
        "NULL, %s, NULL)"
    )
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f, delimiter=";")
            next(reader)
            batch = []
            for _slug, code, period, value, source, note in reader:
                day = ops.adapt_datefield_value(date.fromisoformat(period))
                number = Decimal(value.replace(".", "").replace(",", "."))
                batch.append((lower[code.lower()], day, day, number, source, note, stamp))
                if len(batch) >= 2000:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
    elapsed = time.perf_counter() - started
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM monitoring_measurement")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE monitoring_measurement")
    return elapsed


def _copy_baseline(path: Path, ids: dict[str, int]) -> float:
    """PostgreSQL only: seconds for csv reader + COPY FROM STDIN of every row (then deleted)."""
    from datetime import date
    from decimal import Decimal

    from django.db import connection, transaction
    from django.utils import timezone

    stamp = timezone.now()
    lower = {code.lower(): pk for code, pk in ids.items()}
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        columns = (
            "version, indicator_id, period_kind, period_start, period_end, value, source, note, "
            "is_provisional, is_fictitious, entered_at"
        )
        with cursor.copy(f"COPY monitoring_measurement ({columns}) FROM STDIN") as copy:
            with open(path, encoding="utf-8-sig", newline="") as f:
                reader = csv.reader(f, delimiter=";")
                next(reader)
                for _slug, code, period, value, source, note in reader:
                    day = date.fromisoformat(period)
                    number = Decimal(value.replace(".", "").replace(",", "."))
                    copy.write_row(
                        (
                            1,
                            lower[code.lower()],
                            "dag",
                            day,
                            day,
                            number,
                            source,
                            note,
                            False,
                            False,
                            stamp,
                        )
                    )
    elapsed = time.perf_counter() - started
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM monitoring_measurement")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE monitoring_measurement")
    return elapsed


def _child(path: Path) -> None:
    """Run in a subprocess: check_file, then apply_file; print JSON figures."""
    from koers.monitoring.importing import apply_file, check_file

    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    check = check_file(path, file_name=path.name, allowed_programme_ids=None)
    checked = time.perf_counter() - started
    assert check.is_valid, check.problems[:5]
    started = time.perf_counter()
    result = apply_file(
        path, file_name=path.name, actor=None, allowed_programme_ids=None, only_valid=False
    )
    applied = time.perf_counter() - started
    print(
        json.dumps(
            {
                "check": checked,
                "apply": applied,
                "added": result.added,
                "base_rss_kb": base_rss,
                "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--postgres", action="store_true", help="use PostgreSQL (DATABASE_URL)")
    parser.add_argument("--child", metavar="CSV", help=argparse.SUPPRESS)
    parser.add_argument("--tmp", help=argparse.SUPPRESS)
    args = parser.parse_args()
    database_url = None
    if args.postgres:
        database_url = os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/koers_bench_import"
        )
    if args.child:
        _setup_django(args.tmp, database_url)
        _child(Path(args.child))
        return

    tmp = tempfile.mkdtemp(prefix="koers-bench-import-")
    try:
        _run(args, tmp, database_url)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # the CSV and the SQLite file are large


def _run(args, tmp: str, database_url: str | None) -> None:
    if database_url:
        _fresh_postgres(database_url)
    _setup_django(tmp, database_url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    indicators = math.ceil(args.rows / DAYS)
    started = time.perf_counter()
    ids = _build_programme(indicators)
    built = time.perf_counter() - started
    codes = [f"g{i + 1}" for i in range(indicators)]
    path = Path(tmp) / "metingen.csv"
    started = time.perf_counter()
    _write_csv(path, args.rows, codes)
    written = time.perf_counter() - started
    size_mb = path.stat().st_size / 1e6

    print(f"Koers import benchmark — database {connection.vendor}, {args.rows:,} rows")
    print(f"programme with {indicators} indicators built in {built:.1f} s")
    print(f"CSV of {size_mb:.1f} MB written in {written:.1f} s")
    base = _baseline(path, ids)
    copy_base = _copy_baseline(path, ids) if connection.vendor == "postgresql" else None
    connection.close()
    env = {**os.environ}
    cmd = [sys.executable, __file__, "--child", str(path), "--tmp", tmp]
    if args.postgres:
        cmd.append("--postgres")
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    assert figures["added"] == args.rows, figures
    total = figures["check"] + figures["apply"]
    rate = args.rows / base
    print(f"(a) baseline csv + executemany INSERT: {base:7.1f} s  {rate:>10,.0f} rows/s")
    if copy_base is not None:
        print(
            f"(a') baseline csv + COPY FROM STDIN:    {copy_base:7.1f} s  "
            f"{args.rows / copy_base:>10,.0f} rows/s  (the import writes with COPY on PostgreSQL; "
            f"apply_file is {figures['apply'] / copy_base:.2f}× this)"
        )
    print(
        f"(b) import (apply_file, as the CLI):   {figures['apply']:7.1f} s  "
        f"{args.rows / figures['apply']:>10,.0f} rows/s  ratio {figures['apply'] / base:.2f}×"
    )
    print(
        f"    check_file (preview) alone:        {figures['check']:7.1f} s  "
        f"{args.rows / figures['check']:>10,.0f} rows/s"
    )
    print(
        f"    check_file + apply_file:           {total:7.1f} s  "
        f"{args.rows / total:>10,.0f} rows/s  ratio {total / base:.2f}×"
    )
    print(
        f"peak memory of the import process: {figures['peak_rss_kb'] / 1024:.0f} MB "
        f"(of which {figures['base_rss_kb'] / 1024:.0f} MB Python + Django before the import)"
    )


if __name__ == "__main__":
    main()
