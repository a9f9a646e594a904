"""Export → import into an empty database → export gives the same bytes."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from koers.demo.synthetic import synthetic_programme_create
from koers.exchange import export_programme, file_counts, import_programme
from koers.exchange.write import record_clear
from koers.monitoring.models import Measurement
from koers.programmes import services
from koers.programmes.models import PartnerOrganisation, Person, Programme

from .fill import fill_every_kind

pytestmark = pytest.mark.django_db


def empty_database() -> None:
    """Remove every programme and the people and organisations they shared."""
    for programme in Programme.objects.all():
        record_clear(programme)
        services.programme_delete(programme=programme, actor=None, expected_version=None)
    Person.objects.all().delete()
    PartnerOrganisation.objects.all().delete()


def assert_same(first: bytes, second: bytes) -> None:
    if first != second:
        diff = difflib.unified_diff(
            first.decode().splitlines(), second.decode().splitlines(), lineterm="", n=2
        )
        pytest.fail("\n".join(list(diff)[:80]))


@pytest.fixture
def demo():
    call_command("demo", "--no-users", verbosity=0)
    binnenstad = Programme.objects.get(slug="almelo-binnenstad")
    stedelijk = Programme.objects.get(slug="almelo-stedelijke-ontwikkeling")
    fill_every_kind(binnenstad, stedelijk)
    fill_every_kind(stedelijk, binnenstad)
    return [binnenstad, stedelijk]


def test_both_demo_programmes_come_back_byte_identical(demo):
    first = {p.slug: export_programme(p) for p in demo}
    # Every kind of data is in at least one of the two files.
    present = {s for data in first.values() for s, n in file_counts(data).items() if n}
    assert sorted(set(file_counts(first["almelo-binnenstad"])) - present) == []
    empty_database()
    for data in first.values():
        import_programme(data, actor=None)
    for programme in Programme.objects.all():
        assert_same(first[programme.slug], export_programme(programme))


PAGES = [
    "programmes:detail",
    "monitoring:dashboard",
    "finance:budget",
    "risks:register",
    "decisions:register",
]


def page_texts(client, slugs) -> dict[tuple[str, str], str]:
    texts = {}
    for slug in slugs:
        for name in PAGES:
            response = client.get(reverse(name, kwargs={"slug": slug}))
            assert response.status_code == 200, (name, slug)
            html = response.content.decode()
            main = html[html.index("<main") : html.index("</main>")]
            main = re.sub(r'value="[^"]*"', "", main)  # csrf tokens, versions
            text = re.sub(r"<[^>]+>", " ", main)
            texts[(slug, name)] = " ".join(text.split())
    return texts


def test_the_imported_programmes_show_the_same_pages(demo, client, admin_user):
    client.force_login(admin_user)
    slugs = [p.slug for p in demo]
    before = page_texts(client, slugs)
    # With the history, the creation of every record is restored (who added it, when).
    files = [export_programme(p, history=True) for p in demo]
    empty_database()
    for data in files:
        import_programme(data, actor=admin_user)
    after = page_texts(client, slugs)
    for key in before:
        if before[key] != after[key]:
            diff = difflib.unified_diff(
                before[key].split(". "), after[key].split(". "), lineterm="", n=0
            )
            pytest.fail(f"{key}:\n" + "\n".join(list(diff)[:40]))


def test_a_generated_larger_programme_comes_back_byte_identical(admin_user):
    large = synthetic_programme_create(
        slug="groot",
        strategic_goals=6,
        operational_goals=40,
        efforts=80,
        tracks=5,
        actor=admin_user,
    )
    other = synthetic_programme_create(
        slug="ander-groot", strategic_goals=2, operational_goals=4, efforts=4, tracks=1
    )
    fill_every_kind(large, other)
    indicators = [g.indicator for g in large.operational_goals.filter(kind="meetbaar")]
    Measurement.objects.bulk_create(
        Measurement(
            indicator=indicator,
            period_kind="dag",
            period_start=dt.date(2024, 1, 1) + dt.timedelta(days=n),
            period_end=dt.date(2024, 1, 1) + dt.timedelta(days=n),
            value=Decimal(n) / 4,
            known_from=dt.date(2024, 1, 1) + dt.timedelta(days=n),
            entered_by=admin_user,
        )
        for indicator in indicators
        for n in range(50)
    )
    first = export_programme(large)
    assert first.count(b'"period_kind": "dag"') >= 50 * len(indicators)
    record_clear(large)
    services.programme_delete(programme=large, actor=None, expected_version=None)
    import_programme(first, actor=admin_user)
    assert_same(first, export_programme(Programme.objects.get(slug="groot")))


def test_the_history_can_be_included(demo):
    plain = export_programme(demo[0])
    with_history = export_programme(demo[0], history=True)
    data = json.loads(with_history)
    assert "geschiedenis" not in json.loads(plain)
    entries = data["geschiedenis"]
    assert {"programmes.programme", "monitoring.measurement", "finance.budgetline"} <= {
        e["model"] for e in entries
    }
    first = entries[0]
    assert set(first) == {
        "model",
        "element",
        "history_date",
        "history_type",
        "history_user",
        "history_change_reason",
        "values",
    }
    assert "id" not in first["values"]
    # A file with history imports too (the history is for reading).
    empty_database()
    import_programme(with_history, actor=None)


def test_an_archived_effort_stays_archived(demo):
    """Archiving keeps an element in the record: the file carries when, and the imported
    programme has it archived too (not back in the working views)."""
    from koers.programmes.services.archive import effort_archive

    binnenstad = demo[0]
    effort = binnenstad.efforts.order_by("pk")[0]
    effort_archive(effort=effort, actor=None, expected_version=None)
    first = {p.slug: export_programme(Programme.objects.get(pk=p.pk)) for p in demo}
    written = json.loads(first[binnenstad.slug])
    archived = [e["name"] for e in written["inspanningen"] if e["archived_at"]]
    assert archived == [effort.name]
    empty_database()
    for data in first.values():
        import_programme(data, actor=None)
    imported = Programme.objects.get(slug=binnenstad.slug)
    assert imported.efforts.get(name=effort.name).archived_at is not None
    assert_same(first[binnenstad.slug], export_programme(imported))
