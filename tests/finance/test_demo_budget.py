"""The contract's Middelen table loaded exactly, its totals, and allocated versus available."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum

from koers.demo.budget import LINES, TOTAL, YEAR_NOTE, load_demo_budget
from koers.finance.models import BudgetLine, FundingSource, SourceAvailability
from koers.finance.selectors import programme_budget
from koers.programmes import services as din

pytestmark = pytest.mark.django_db

D = Decimal


def test_total_is_exactly_1749200(binnenstad):
    total = BudgetLine.objects.filter(programme=binnenstad).aggregate(s=Sum("amount"))["s"]
    assert total == D("1749200.00") == TOTAL
    assert programme_budget(binnenstad).total == D("1749200.00")
    assert BudgetLine.objects.filter(programme=binnenstad).count() == len(LINES) == 24


def test_totals_per_source_year_and_effort(binnenstad):
    budget = programme_budget(binnenstad)
    assert budget.years == [2019, 2020, 2021, 2022]
    by_name = {b.source.name: b for b in budget.sources}
    assert [b.source.name for b in budget.sources] == [
        "Programma binnenstad",
        "Stadsarrangement",
        "Begroting ‘19",
    ]
    assert by_name["Programma binnenstad"].year_totals == [
        D("450000"),
        D("450000"),
        D("450000"),
        D("150000"),
    ]
    assert by_name["Programma binnenstad"].total == D("1500000")
    assert by_name["Stadsarrangement"].total == D("199200")
    assert by_name["Begroting ‘19"].total == D("50000")
    assert budget.year_totals == [D("699200"), D("450000"), D("450000"), D("150000")]
    efforts = {e.label: e for e in budget.efforts}
    assert efforts["Pilot 2 uur gratis parkeren"].total == D("900000")
    assert efforts["Communicatie & Marketing"].per_year == [
        D("60000"),
        D("50000"),
        D("50000"),
        D("50000"),
    ]
    assert efforts["Overige inspanningen"].effort is None
    assert efforts["Overige inspanningen"].total == D("125000")
    assert efforts["Programmamonitoring & organisatie"].total == D("160000")
    assert efforts["Samenwerking"].effort.name == "Samenwerking"  # the effort, not the track


def test_items_and_efforts(binnenstad):
    items = set(
        BudgetLine.objects.filter(programme=binnenstad, effort=None).values_list("item", flat=True)
    )
    assert items == {"Programmamonitoring & organisatie", "Overige inspanningen"}
    assert BudgetLine.objects.filter(programme=binnenstad, effort__isnull=False).count() == 16


def test_last_column_loaded_as_2022_with_note(binnenstad):
    lines = BudgetLine.objects.filter(programme=binnenstad, year=2022)
    assert lines.count() == 3
    assert all(YEAR_NOTE in line.note for line in lines)
    assert not BudgetLine.objects.filter(programme=binnenstad, year__gt=2022).exists()
    assert "2022" in FundingSource.objects.get(name="Programma binnenstad").note
    assert set(lines.values_list("amount", flat=True)) == {D("50000"), D("40000"), D("60000")}


def test_allocated_versus_available(binnenstad):
    budget = programme_budget(binnenstad)
    cells = {(b.source.name, c.year): c for b in budget.sources for c in b.availability}
    for year in (2019, 2020, 2021):
        cell = cells[("Programma binnenstad", year)]
        assert (cell.available, cell.allocated, cell.difference) == (
            D("450000"),
            D("450000"),
            D("0"),
        )
    assert cells[("Programma binnenstad", 2022)].difference == D("0")
    sa = cells[("Stadsarrangement", 2019)]
    assert (sa.available, sa.allocated, sa.difference) == (D("200000"), D("199200"), D("800"))
    assert "bijna" in sa.record.note
    assert cells[("Begroting ‘19", 2019)].difference == D("0")
    assert not budget.over_allocated
    assert budget.available_total == D("1750000")
    # Without the pilot the programme budget is the text's 150.000 a year: the notes say so.
    pilot = SourceAvailability.objects.get(source__name="Programma binnenstad", year=2019)
    assert "150.000" in pilot.note and "300.000" in pilot.note


def test_load_is_idempotent(binnenstad):
    before = BudgetLine.objects.count(), SourceAvailability.objects.count()
    assert load_demo_budget(binnenstad, actor=None) == 0
    assert (BudgetLine.objects.count(), SourceAvailability.objects.count()) == before
    assert FundingSource.objects.filter(programme=binnenstad).count() == 3


def test_only_binnenstad_gets_the_budget(binnenstad):
    from koers.programmes.models import Programme

    other = Programme.objects.exclude(pk=binnenstad.pk).first()
    assert load_demo_budget(other, actor=None) == 0
    assert not FundingSource.objects.filter(programme=other).exists()


def test_programme_with_budget_can_be_deleted_and_reloaded(binnenstad):
    from koers.demo.loader import load_demo

    load_demo(reset=True)
    from koers.programmes.models import Programme

    programme = Programme.objects.get(slug="almelo-binnenstad")
    load_demo_budget(programme, actor=None)
    assert programme_budget(programme).total == D("1749200")


def test_effort_with_budget_lines_is_not_deleted(binnenstad):
    effort = binnenstad.efforts.get(name="Stadscafés")
    # The DIN's delete refuses with a message naming the line; the line and the effort stay.
    with pytest.raises(ValidationError) as exc:
        din.object_delete(effort, actor=None, expected_version=None)
    assert "7500" in str(exc.value) or "7.500" in str(exc.value) or "Stadscaf" in str(exc.value)
    assert BudgetLine.objects.filter(effort=effort, amount=D("7500")).exists()
