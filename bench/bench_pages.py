"""Benchmark: the DIN pages and the JSON export, small programme against a large one.

Run with `uv run python bench/bench_pages.py` (SQLite in a temporary folder; set DATABASE_URL
for PostgreSQL). Prints, per page, the median time of N requests for the Binnenstad demo
programme (9 operational goals, 9 efforts) and for a synthetic programme (60 operational goals,
150 efforts, 300 links, 300 activities), the ratio large/small, and the number of queries (which
must not grow with the data)."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

RUNS = int(os.environ.get("BENCH_RUNS", "15"))


def main() -> None:
    tmp = tempfile.mkdtemp(prefix="koers-bench-")
    os.environ.setdefault("KOERS_VAR_DIR", tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.conf.settings")
    # DEBUG is off: Koers refuses the public default secret key (a key for the benchmark only).
    os.environ.setdefault("KOERS_SECRET_KEY", "bench-" + "k0ers-geheim-alleen-voor-benchmarks-" * 2)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    call_command("demo", "--no-users", verbosity=0)
    from koers.accounts.models import User
    from koers.demo.synthetic import synthetic_programme_create
    from koers.programmes.exchange import programme_to_json
    from koers.programmes.models import Indicator, Programme

    started = time.perf_counter()
    synthetic_programme_create()
    build = time.perf_counter() - started
    seeded = _seed_measurements(Programme.objects.get(slug="synthetisch-groot"))
    user = User.objects.create_user("bench", password="x", is_functional_admin=True)
    client = Client()
    client.force_login(user)

    def pages(p: Programme) -> dict[str, str]:
        goal = p.operational_goals.order_by("pk").first()
        effort = p.efforts.order_by("pk").first()
        measured = Indicator.objects.filter(operational_goal__programme=p).order_by("pk").first()
        return {
            "programmapagina": f"/programmas/{p.slug}/",
            "doelpagina": goal.get_absolute_url(),
            "inspanningspagina": effort.get_absolute_url(),
            "geschiedenis": f"/programmas/{p.slug}/geschiedenis",
            "programmalijst": "/programmas/",
            "monitor": f"/programmas/{p.slug}/monitor/",
            "monitor doel": f"/programmas/{p.slug}/monitor/{measured.operational_goal.code}/",
        }

    def measure(url: str) -> tuple[float, int]:
        client.get(url)  # warm up
        times = []
        for _ in range(RUNS):
            t = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - t)
            assert response.status_code == 200, url
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return statistics.median(times), len(ctx.captured_queries)

    def measure_export(p: Programme) -> tuple[float, int]:
        times = []
        for _ in range(RUNS):
            t = time.perf_counter()
            programme_to_json(p)
            times.append(time.perf_counter() - t)
        with CaptureQueriesContext(connection) as ctx:
            programme_to_json(p)
        return statistics.median(times), len(ctx.captured_queries)

    small = Programme.objects.get(slug="almelo-binnenstad")
    large = Programme.objects.get(slug="synthetisch-groot")
    engine = connection.vendor
    print(f"Koers page benchmark — database {engine}, median of {RUNS} requests")
    print(f"synthetic programme built in {build:.1f} s (through the services, with history)")
    print(f"synthetic programme: {seeded} quarterly measurements added for its indicators")
    print(f"{'page':<20}{'small ms':>10}{'large ms':>10}{'ratio':>8}{'queries s/l':>14}")
    small_pages, large_pages = pages(small), pages(large)
    for name in small_pages:
        ts, qs = measure(small_pages[name])
        tl, ql = measure(large_pages[name])
        print(f"{name:<20}{ts * 1000:>10.1f}{tl * 1000:>10.1f}{tl / ts:>8.1f}{qs:>8}/{ql:<5}")
    ts, qs = measure_export(small)
    tl, ql = measure_export(large)
    print(f"{'JSON-export':<20}{ts * 1000:>10.1f}{tl * 1000:>10.1f}{tl / ts:>8.1f}{qs:>8}/{ql:<5}")


def _seed_measurements(programme) -> int:
    """Quarterly values 2016–2022 for every indicator of the large programme (bulk: this is test
    data for the benchmark, not a write the application makes)."""
    from decimal import Decimal

    from koers.monitoring.models import Measurement
    from koers.monitoring.periods import parse_period
    from koers.programmes.models import Indicator

    rows = []
    for n, ind in enumerate(Indicator.objects.filter(operational_goal__programme=programme)):
        for year in range(2016, 2023):
            for q in range(1, 5):
                period = parse_period(f"{year}-Q{q}")
                step = (year - 2016) * 4 + q
                rows.append(
                    Measurement(
                        indicator=ind,
                        period_kind=period.kind,
                        period_start=period.start,
                        period_end=period.end,
                        value=Decimal(1000 + n * 10 + step * (n % 5)),
                        is_fictitious=True,
                    )
                )
    Measurement.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


if __name__ == "__main__":
    sys.exit(main())
