"""The budget's services: exact amounts, validation with messages per field, uniqueness, stale
edits refused."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from koers.finance import services
from koers.finance.models import BudgetLine
from koers.finance.selectors import programme_budget
from koers.programmes import services as din
from tests.builders import bare_programme

pytestmark = pytest.mark.django_db

D = Decimal


def line_in_budget(programme, actor, budget, **fields):
    """A budget line on the fixture budget's source (the fields under test given by the test)."""
    return services.budget_line_create(
        actor=actor, programme=programme, source=budget["source"], **fields
    )


def _errors(exc_info) -> dict:
    return exc_info.value.message_dict


def test_amounts_to_the_cent(programme, admin_user, budget):
    line_in_budget(
        programme,
        admin_user,
        budget,
        year=2020,
        amount=D("0.01"),
        item="Organisatie",
    )
    line_in_budget(
        programme,
        admin_user,
        budget,
        year=2020,
        amount=D("0.02"),
        item="Kleine posten",
    )
    result = programme_budget(programme)
    assert result.total == D("105000.53")  # 60.000,50 + 45.000 + 0,01 + 0,02
    assert result.year_totals == [D("105000.50"), D("0.03")]
    cell = result.sources[0].availability[0]
    assert cell.difference == D("-5000.50")
    assert cell.over
    assert result.over_allocated == [(result.sources[0], cell)]
    assert BudgetLine.objects.get(item="Kleine posten").amount == D("0.02")


def test_more_than_two_decimals_refused(programme, admin_user, budget):
    with pytest.raises(ValidationError) as exc:
        line_in_budget(
            programme,
            admin_user,
            budget,
            year=2021,
            amount=D("1.005"),
            item="X",
        )
    assert "amount" in _errors(exc)


def test_negative_amount_refused(programme, admin_user, budget):
    with pytest.raises(ValidationError) as exc:
        line_in_budget(
            programme,
            admin_user,
            budget,
            year=2021,
            amount=D("-1"),
            item="X",
        )
    assert "amount" in _errors(exc)


def test_effort_or_item_exactly_one(programme, admin_user, budget):
    effort = programme.efforts.get(name="Evenementen")
    with pytest.raises(ValidationError) as exc:
        line_in_budget(
            programme,
            admin_user,
            budget,
            year=2021,
            amount=D("1"),
            effort=effort,
            item="Ook een post",
        )
    assert "item" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        services.budget_line_create(
            actor=admin_user, programme=programme, source=budget["source"], year=2021, amount=1
        )
    assert "effort" in _errors(exc)


def test_duplicate_line_refused_on_the_field(programme, admin_user, budget):
    effort = programme.efforts.get(name="Evenementen")
    with pytest.raises(ValidationError) as exc:
        line_in_budget(
            programme,
            admin_user,
            budget,
            year=2019,
            amount=D("1"),
            effort=effort,
        )
    assert "Evenementen" in _errors(exc)["effort"][0]
    with pytest.raises(ValidationError) as exc:
        line_in_budget(
            programme,
            admin_user,
            budget,
            year=2019,
            amount=D("1"),
            item=" organisatie ",
        )
    assert "item" in _errors(exc)


def test_source_and_effort_of_another_programme_refused(programme, admin_user, budget):
    other = bare_programme(
        admin_user,
        "ander",
        name="Ander",
        period_start=budget["available"].source.programme.period_start,
        period_end=budget["available"].source.programme.period_end,
    )
    theirs = din.effort_create(actor=admin_user, programme=other, name="Elders")
    with pytest.raises(ValidationError) as exc:
        services.budget_line_create(
            actor=admin_user,
            programme=other,
            source=budget["source"],
            year=2019,
            amount=D("1"),
            effort=theirs,
        )
    assert "source" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        line_in_budget(
            programme,
            admin_user,
            budget,
            year=2020,
            amount=D("1"),
            effort=theirs,
        )
    assert "effort" in _errors(exc)


def test_duplicate_source_and_availability_refused(programme, admin_user, budget):
    with pytest.raises(ValidationError) as exc:
        services.source_create(actor=admin_user, programme=programme, name="programmageld")
    assert "name" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        services.availability_create(
            actor=admin_user, source=budget["source"], year=2019, amount=D("5")
        )
    assert "year" in _errors(exc)


def test_stale_edit_and_delete_refused(admin_user, budget):
    line = budget["line"]
    seen = line.version
    services.budget_line_update(
        line=line, actor=admin_user, expected_version=seen, amount=D("61000")
    )
    stale = BudgetLine.objects.get(pk=line.pk)
    stale.version = seen
    with pytest.raises(services.ConflictError):
        services.budget_line_update(
            line=stale, actor=admin_user, expected_version=seen, amount=D("1")
        )
    with pytest.raises(services.ConflictError):
        services.budget_line_delete(line=stale, actor=admin_user, expected_version=seen)
    assert BudgetLine.objects.get(pk=line.pk).amount == D("61000")
    assert line.history.count() == 2


def test_source_with_lines_is_not_deleted(admin_user, budget):
    with pytest.raises(ValidationError) as exc:
        services.source_delete(source=budget["source"], actor=admin_user, expected_version=None)
    assert "Programmageld" in exc.value.messages[0]
    for key in ("line", "item"):
        services.budget_line_delete(line=budget[key], actor=admin_user, expected_version=None)
    services.source_delete(source=budget["source"], actor=admin_user, expected_version=None)
    assert not BudgetLine.objects.exists()
