"""Export → import into an empty database → export gives the same bytes."""

from __future__ import annotations

import difflib

import pytest
from django.core.management import call_command

from koers.exchange import export_programme, file_counts, import_programme
from koers.exchange.write import record_clear
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
