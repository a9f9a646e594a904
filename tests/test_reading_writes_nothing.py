"""Reading never writes: no GET creates, changes or deletes anything.

Every URL of the permission walk (its world and its URL table, as every role), a few addresses
that only a GET could make something of (a report over a period without one), and the demo's
pages (crawled by following links) are requested once each in one database state. Around each
request the rows of every table are counted (every Django model's table, the history tables of
django-simple-history and the sessions included), and every INSERT, UPDATE or DELETE the
request sends is recorded: a difference, or any such statement, fails with the URL, the role and
the table. Logging in writes (the session, ``last_login``), so each role is counted after it
logged in."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from koers.programmes.models import PartnerOrganisation, Programme
from koers.reporting.models import ProgressReport
from tests.programmes import test_permissions_walk as walk
from tests.programmes.test_permissions_walk import users, world  # noqa: F401 (fixtures)

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
WRITTEN_TABLE = re.compile(r"\b(?:INTO|UPDATE|FROM)\s+[\"`]?(\w+)", re.IGNORECASE)


# --- the check -----------------------------------------------------------------------------------


def tables() -> list[str]:
    """Every table in the database; each model's table (history tables, the sessions and the
    many-to-many tables included) must be among them."""
    found = set(connection.introspection.table_names())
    expected = {m._meta.db_table for m in apps.get_models(include_auto_created=True)}
    expected = {t for t in expected if not _unmanaged(t)}
    assert expected <= found, f"model tables missing from the database: {expected - found}"
    assert "django_session" in found
    assert any(t.endswith("historicalprogressreport") for t in found)
    return sorted(found)


def _unmanaged(table: str) -> bool:
    return any(
        m._meta.db_table == table and not m._meta.managed
        for m in apps.get_models(include_auto_created=True)
    )


def row_counts(names: list[str]) -> dict[str, int]:
    """The number of rows of each table, in a few queries (a UNION of counts)."""
    qn = connection.ops.quote_name
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for i in range(0, len(names), 200):  # SQLite allows 500 terms in a compound SELECT
            chunk = names[i : i + 200]
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT {n}, COUNT(*) FROM {qn(t)}" for n, t in enumerate(chunk, start=i)
                )
            )
            counts.update({names[n]: count for n, count in cursor.fetchall()})
    return counts


@dataclass
class Writes:
    """The INSERT, UPDATE and DELETE statements sent through Django while recording."""

    statements: list[str] = field(default_factory=list)

    def __call__(self, execute, sql, params, many, context):
        if WRITE.match(sql):
            self.statements.append(sql)
        return execute(sql, params, many, context)

    def described(self) -> list[str]:
        seen = []
        for sql in self.statements:
            verb = WRITE.match(sql).group(1).upper()
            table = WRITTEN_TABLE.search(sql)
            line = f"{verb} {table.group(1) if table else sql[:60]}"
            if line not in seen:
                seen.append(line)
        return seen


class Watch:
    """Runs requests one after the other and says what each of them wrote."""

    def __init__(self):
        self.names = tables()
        self.counts = row_counts(self.names)

    def reset(self) -> None:
        """Count again (after a log-in, which writes)."""
        self.counts = row_counts(self.names)

    def changes(self, request: Callable[[], object]) -> list[str]:
        writes = Writes()
        with connection.execute_wrapper(writes):
            request()
        after = row_counts(self.names)
        found = [
            f"table {name}: {self.counts[name]} → {after[name]} rows"
            for name in self.names
            if self.counts[name] != after[name]
        ]
        found += [f"sent {line}" for line in writes.described()]
        self.counts = after
        return found


def walk_urls(client, watch: Watch, role: str, urls: Iterable[tuple[str, str]]) -> list[str]:
    failures = []
    for name, url in urls:
        for change in watch.changes(lambda url=url: client.get(url)):
            failures.append(f"{role} GET {url} ({name}): {change}")
    return failures


def log_in(client, watch: Watch, user) -> None:
    client.logout()
    if user is not None:
        client.force_login(user)
    watch.reset()


@pytest.mark.django_db
def test_the_check_sees_a_write():
    """The check itself works: a new row is named by its table, a change in place by the
    statement that made it."""
    watch = Watch()
    table = PartnerOrganisation._meta.db_table
    found = watch.changes(lambda: PartnerOrganisation.objects.create(name="Schrijft"))
    assert f"table {table}: 0 → 1 rows" in found and f"sent INSERT {table}" in found
    assert "table programmes_historicalpartnerorganisation: 0 → 1 rows" in found
    found = watch.changes(lambda: PartnerOrganisation.objects.update(name="Ander"))
    assert found == [f"sent UPDATE {table}"]
    assert watch.changes(lambda: PartnerOrganisation.objects.count()) == []


# --- every URL as every role ---------------------------------------------------------------------


def _only_a_get_could_write(w) -> list[tuple[str, str]]:
    """Addresses whose page once made something when opened."""
    base = f"/programmas/{w['p'].slug}/rapportages"
    effort = w["effort"]
    return [
        # a period without a report: the owner's form, pre-filled from the previous report
        ("reporting:report", f"{base}/{effort.pk}/2024-01-15/"),
        ("reporting:report", f"{base}/{effort.pk}/2024-01-29/"),
        ("reporting:report_history", f"{base}/{effort.pk}/2024-01-15/geschiedenis"),
        ("reporting:overview", f"{base}/?periode=2024-01-15"),
    ]


def test_no_get_writes_anything(client, world, users):  # noqa: F811
    assert not ProgressReport.objects.filter(period_start=date(2024, 1, 15)).exists()
    urls = [(name, url) for name, url, _roles in walk._cases(world)]
    urls += _only_a_get_could_write(world)
    watch = Watch()
    failures = []
    for role in walk.ROLES:
        log_in(client, watch, users[role])
        failures += walk_urls(client, watch, role, urls)
    assert not failures, "GET requests that wrote:\n" + "\n".join(failures)
    assert not ProgressReport.objects.filter(period_start=date(2024, 1, 15)).exists()


# --- the demo ------------------------------------------------------------------------------------

START = ["/", "/programmas/", "/portfolio/", "/openbaar/", "/programmas/rapportages/mijn"]
# Not followed: static files, the administration's many screens (its index is walked), logging
# out, the API (walked per token in tests/api) and downloads the URL walk above covers once.
SKIP_PREFIXES = ("/static/", "/beheer/", "/account/uitloggen", "/api/")
SKIP_ENDINGS = (".pdf", ".docx", ".xlsx", ".png", ".zip")
PER_SHAPE = 3  # addresses that differ only in numbers, dates or query values: the first few
HREF = re.compile(r'href="([^"#][^"]*)"')


def _shape(url: str) -> str:
    parts = urlsplit(url)
    path = re.sub(r"\d{4}-\d{2}-\d{2}", "D", parts.path)
    path = re.sub(r"\d+", "N", path)
    keys = sorted(q.split("=")[0] for q in parts.query.split("&") if q)
    return f"{path}?{'&'.join(keys)}"


def crawl(client, watch: Watch, role: str, start: list[str], limit: int = 400) -> tuple[int, list]:
    """Follow the links of the pages reachable from ``start``; return how many pages were
    requested and what they wrote."""
    queue, seen, shapes, failures = list(start), set(start), {}, []
    requested = 0
    while queue and requested < limit:
        url = queue.pop(0)
        response = None

        def request(url=url):
            nonlocal response
            response = client.get(url)

        failures += [f"{role} GET {url}: {change}" for change in watch.changes(request)]
        requested += 1
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            target = urldefrag(urljoin(url, html.unescape(href))).url
            if not target.startswith("/") or target.startswith("//") or target in seen:
                continue
            if target.startswith(SKIP_PREFIXES) or urlsplit(target).path.endswith(SKIP_ENDINGS):
                continue
            seen.add(target)
            shape = _shape(target)
            shapes[shape] = shapes.get(shape, 0) + 1
            if shapes[shape] <= PER_SHAPE:
                queue.append(target)
    return requested, failures


def test_the_demo_pages_write_nothing(client, demo, django_user_model):
    admin = django_user_model.objects.create_user("rondgang", is_functional_admin=True)
    binnenstad = Programme.objects.get(slug="almelo-binnenstad")
    reports = ProgressReport.objects.filter(effort__programme=binnenstad).count()
    # The demo's one missing report (its owner makes it from the pre-filled previous one) and
    # the period reported on now, for which no demo effort has a report.
    effort = binnenstad.efforts.get(name="Communicatie & Marketing")
    now = binnenstad.reporting_calendar.reporting_period(timezone.localdate())
    unsaved = [
        reverse("reporting:report", args=[binnenstad.slug, effort.pk, start])
        for start in ("2019-10-14", now.key)
    ]
    assert not ProgressReport.objects.filter(effort=effort, period_start="2019-10-14").exists()
    watch = Watch()
    failures = []
    pages = 0
    for role, user in (("anonymous", None), ("admin", admin)):
        log_in(client, watch, user)
        requested, found = crawl(client, watch, role, [*unsaved, *START, "/beheer/"])
        pages += requested
        failures += found
    assert not failures, "GET requests that wrote:\n" + "\n".join(failures)
    assert pages > 100  # the crawl did get round the demo
    assert ProgressReport.objects.filter(effort__programme=binnenstad).count() == reports
