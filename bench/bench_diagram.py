"""Benchmark: the DIN drawn as a network, for the two demo programmes and a large one.

Run with `uv run python bench/bench_diagram.py` (SQLite in a temporary folder; set DATABASE_URL
for PostgreSQL). Prints, per programme, the median of N runs of: reading the data (selector),
building the DOT source, drawing it with Graphviz `dot` (no cache), the whole page with an empty
cache and the whole page with the SVG cached; the number of queries of the page; and, as a
baseline for the machine, the time of `dot -Tsvg` on a trivial graph in the same run, with the
ratio of the large programme's drawing to it. The large programme is the synthetic one of
koers.demo.synthetic (60 operational goals, 150 efforts in 8 tracks, 300 links): the whole
programme is drawn grouped by track, so it is also timed per track and drawn in full (every
effort) as the worst case."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

RUNS = int(os.environ.get("BENCH_RUNS", "9"))


def _median(fn) -> float:
    fn()  # warm up
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    tmp = tempfile.mkdtemp(prefix="koers-bench-")
    os.environ.setdefault("KOERS_VAR_DIR", tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.conf.settings")
    # DEBUG is off: Koers refuses the public default secret key (a key for the benchmark only).
    os.environ.setdefault("KOERS_SECRET_KEY", "bench-" + "k0ers-geheim-alleen-voor-benchmarks-" * 2)
    import django

    django.setup()
    import datetime as dt

    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    call_command("demo", "--no-users", verbosity=0)
    from koers.accounts.models import User
    from koers.demo.synthetic import synthetic_programme_create
    from koers.din import graph, render
    from koers.din.selectors_diagram import diagram_network
    from koers.programmes.models import Programme

    synthetic_programme_create()
    user = User.objects.create_user("bench", password="x", is_functional_admin=True)
    client = Client()
    client.force_login(user)
    translation.activate("nl")
    today = dt.date.today()

    def clear() -> None:
        cache.clear()
        render._memory.clear()

    trivial = "digraph { a -> b }\n"
    baseline = _median(lambda: render._run(trivial, "svg"))
    print(f"Koers diagram benchmark — database {connection.vendor}, median of {RUNS} runs")
    print(f"{render.dot_version()}")
    print(f"baseline: dot -Tsvg of a trivial graph {baseline * 1000:.1f} ms")
    header = (
        f"{'programme':<40}{'select':>8}{'DOT':>7}{'dot svg':>9}{'page cold':>11}"
        f"{'page warm':>11}{'queries':>9}{'× base':>8}"
    )
    print(header)
    print(" " * 40 + f"{'ms':>8}{'ms':>7}{'ms':>9}{'ms':>11}{'ms':>11}")

    def row(label: str, programme: Programme, query: str | None = "", **to_dot) -> None:
        """One line; ``query`` None: no page shows this drawing, so no page times."""
        track = to_dot.pop("track", "all")
        network = diagram_network(programme, as_of=today)
        if track != "all":
            network = graph.track_only(network, track)
        select = _median(lambda: diagram_network(programme, as_of=today))
        source = graph.to_dot(network, **to_dot)
        build = _median(lambda: graph.to_dot(network, **to_dot))
        draw = _median(lambda: render._run(source, "svg"))
        pages = " " * 31
        if query is not None:
            url = f"/programmas/{programme.slug}/din/{query}"

            def cold() -> None:
                clear()
                assert client.get(url).status_code == 200

            page_cold = _median(cold)
            page_warm = _median(lambda: client.get(url))
            with CaptureQueriesContext(connection) as ctx:
                client.get(url)
            pages = (
                f"{page_cold * 1000:>11.1f}{page_warm * 1000:>11.1f}{len(ctx.captured_queries):>9}"
            )
        print(
            f"{label:<40}{select * 1000:>8.1f}{build * 1000:>7.1f}{draw * 1000:>9.1f}"
            f"{pages}{draw / baseline:>8.1f}"
        )

    for slug, name in (
        ("almelo-binnenstad", "Binnenstad"),
        ("almelo-stedelijke-ontwikkeling", "Stedelijke Ontwikkeling 2023"),
    ):
        p = Programme.objects.get(slug=slug)
        row(name, p)
        row(f"{name} + activities", p, "?activiteiten=1", activities=True)
    large = Programme.objects.get(slug="synthetisch-groot")
    row("large (grouped by track)", large)
    first = large.tracks.order_by("order").first()
    row("large, one track", large, f"?spoor={first.pk}", track=first.pk)
    # The worst case: all 150 efforts and 300 links drawn one by one (not what the page does).
    row("large, every effort (no page)", large, None, grouped=False)


if __name__ == "__main__":
    sys.exit(main())
