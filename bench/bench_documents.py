"""Benchmark: generating the documents — the progress report and the programme contract, as PDF
and as Word — for the Binnenstad demo programme and for the large synthetic programme.

Run with `uv run python bench/bench_documents.py` (SQLite in a temporary folder; set
DATABASE_URL for PostgreSQL). Prints, per document and format, the median time of N runs
(gathering the data included; the charts and the DIN diagram come from their caches after the
first run, as on a server) and the time of the very first run (empty caches), with as baseline
a one-page WeasyPrint document made in the same run, and the ratio to that baseline."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
PERIOD = dt.date(2019, 10, 14)


def main() -> None:
    tmp = tempfile.mkdtemp(prefix="koers-bench-")
    os.environ.setdefault("KOERS_VAR_DIR", tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.conf.settings")
    # DEBUG is off: Koers refuses the public default secret key (a key for the benchmark only).
    os.environ.setdefault("KOERS_SECRET_KEY", "bench-" + "k0ers-geheim-alleen-voor-benchmarks-" * 2)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import translation

    translation.activate("nl")
    call_command("migrate", verbosity=0)
    call_command("demo", "--no-users", verbosity=0)
    sys.path.insert(0, os.path.dirname(__file__))
    from bench_pages import _seed_measurements

    from koers.demo.synthetic import synthetic_programme_create
    from koers.documents.contract import build_contract
    from koers.documents.pdf import render_pdf
    from koers.documents.progress import build_progress
    from koers.documents.selectors import period_find
    from koers.documents.word import render_docx
    from koers.programmes.models import Programme

    synthetic_programme_create()
    large = Programme.objects.get(slug="synthetisch-groot")
    seeded = _seed_measurements(large)

    def baseline() -> float:
        from weasyprint import HTML

        html = (
            '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Eén pagina</title>'
            "</head><body><h1>Eén pagina</h1><p>Tekst.</p><table><caption>Tabel</caption><tr>"
            '<th scope="col">A</th><th scope="col">B</th></tr><tr><td>1</td><td>2</td></tr>'
            "</table></body></html>"
        )
        times = []
        for _ in range(RUNS):
            t = time.perf_counter()
            HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    def documents(p: Programme):
        _calendar, period = period_find(
            p, PERIOD if p.slug == "almelo-binnenstad" else None, today=dt.date.today()
        )
        return {
            "voortgang": lambda: build_progress(p, period=period),
            "contract": lambda: build_contract(p.slug),
        }

    def measure(build, render) -> tuple[float, float, int]:
        t = time.perf_counter()
        data = render(build())
        first = time.perf_counter() - t
        times = []
        for _ in range(RUNS):
            t = time.perf_counter()
            data = render(build())
            times.append(time.perf_counter() - t)
        return first, statistics.median(times), len(data)

    base = baseline()
    print(f"Koers document benchmark — database {connection.vendor}, median of {RUNS} runs")
    print(f"synthetic programme: 60 operational goals, 150 efforts; {seeded} measurements seeded")
    print(f"baseline: one-page PDF/UA with WeasyPrint {base * 1000:.0f} ms")
    print(f"{'document':<34}{'first s':>9}{'median s':>10}{'× base':>8}{'size kB':>9}")
    for p in (Programme.objects.get(slug="almelo-binnenstad"), large):
        for kind, build in documents(p).items():
            for fmt, render in (("pdf", render_pdf), ("docx", render_docx)):
                first, median, size = measure(build, render)
                name = f"{p.slug} {kind} {fmt}"
                print(
                    f"{name:<34}{first:>9.2f}{median:>10.2f}{median / base:>8.0f}"
                    f"{size / 1024:>9.0f}"
                )


if __name__ == "__main__":
    sys.exit(main())
