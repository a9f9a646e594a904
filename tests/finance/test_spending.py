"""Spending services and the exhaustion rule: amounts to the cent, refusals, overspend."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from koers.finance.exhaustion import exhaustion_report, line_exhaustion
from koers.finance.models import Spending
from koers.finance.spending import (
    ConflictError,
    spending_create,
    spending_delete,
    spending_update,
)

D = Decimal
DAY = dt.date(2019, 3, 31)


def _book(actor, line, kind="uitgave", amount="10", reference="", date=DAY):
    return spending_create(
        actor=actor, budget_line=line, kind=kind, date=date, amount=D(amount), reference=reference
    )


@pytest.mark.django_db
def test_create_keeps_cents_and_history(admin_user, budget):
    entry = _book(admin_user, budget["line"], amount="1234.56", reference="F-1")
    entry.refresh_from_db()
    assert entry.amount == D("1234.56")
    assert entry.history.first().history_user == admin_user


@pytest.mark.django_db
@pytest.mark.parametrize("amount", ["0", "-5", "1.005", "NaN"])
def test_create_refuses_bad_amounts(admin_user, budget, amount):
    with pytest.raises(ValidationError) as exc:
        _book(admin_user, budget["line"], amount=amount)
    assert "amount" in exc.value.message_dict
    assert not Spending.objects.exists()


@pytest.mark.django_db
def test_create_refuses_bad_kind_and_date(admin_user, budget):
    with pytest.raises(ValidationError) as exc:
        _book(admin_user, budget["line"], kind="gift", date="gisteren")
    assert set(exc.value.message_dict) == {"kind", "date"}


@pytest.mark.django_db
def test_reference_unique_per_line_and_kind(admin_user, budget):
    _book(admin_user, budget["line"], reference="F-1")
    _book(admin_user, budget["line"], kind="verplichting", reference="F-1")  # other kind
    _book(admin_user, budget["item"], reference="F-1")  # other line
    _book(admin_user, budget["line"], reference="")  # no reference: no limit
    _book(admin_user, budget["line"], reference="")
    with pytest.raises(ValidationError) as exc:
        _book(admin_user, budget["line"], reference="F-1")
    assert "reference" in exc.value.message_dict


@pytest.mark.django_db
def test_update_conflict_and_delete(admin_user, budget):
    entry = _book(admin_user, budget["line"], amount="10")
    spending_update(spending=entry, actor=admin_user, expected_version=1, amount=D("12.30"))
    entry.refresh_from_db()
    assert entry.amount == D("12.30") and entry.version == 2
    with pytest.raises(ConflictError):
        spending_update(spending=entry, actor=admin_user, expected_version=1, amount=D("1"))
    with pytest.raises(ValidationError):
        spending_update(spending=entry, actor=admin_user, expected_version=2, colour="red")
    spending_delete(spending=entry, actor=admin_user, expected_version=2)
    assert not Spending.objects.exists()


@pytest.mark.django_db
def test_line_with_spending_cannot_be_deleted(admin_user, budget):
    from koers.finance.services import budget_line_delete

    _book(admin_user, budget["line"])
    with pytest.raises(ValidationError):
        budget_line_delete(line=budget["line"], actor=admin_user, expected_version=None)


# Exhaustion (pure) -----------------------------------------------------------------------------


def _line(pk, amount, source=1, year=2019, effort=None, label="x"):
    return SimpleNamespace(
        pk=pk,
        amount=D(amount),
        source_id=source,
        source=f"bron{source}",
        year=year,
        effort_id=effort,
        effort=SimpleNamespace(pk=effort) if effort else None,
        label=label,
    )


def _entry(line, kind, amount):
    return SimpleNamespace(budget_line_id=line, kind=kind, amount=D(amount))


def test_line_exhaustion_to_the_cent():
    line = _line(1, "60000.50")
    e = line_exhaustion(
        line,
        [
            _entry(1, "verplichting", "20000.25"),
            _entry(1, "uitgave", "10000.10"),
            _entry(2, "uitgave", "5"),
        ],
    )
    assert (e.budget, e.committed, e.spent) == (D("60000.50"), D("20000.25"), D("10000.10"))
    assert e.remaining == D("30000.15")
    assert e.percentage == D("50.0")
    assert not e.overspent and e.overspend == 0


def test_overspend_and_zero_budget():
    over = line_exhaustion(_line(1, "100"), [_entry(1, "uitgave", "100.01")])
    assert over.overspent and over.remaining == D("-0.01") and over.overspend == D("0.01")
    assert over.percentage == D("100.0")
    exact = line_exhaustion(_line(1, "100"), [_entry(1, "uitgave", "100")])
    assert not exact.overspent and exact.remaining == 0
    none = line_exhaustion(_line(1, "0"), [])
    assert none.percentage is None and not none.overspent
    with pytest.raises(ValueError):
        line_exhaustion(_line(1, "1"), [_entry(1, "gift", "1")])


def test_roll_up_per_effort_source_and_year():
    lines = [
        _line(1, "1000", source=1, year=2019, effort=7, label="Evenementen"),
        _line(2, "1000", source=1, year=2020, effort=7, label="Evenementen"),
        _line(3, "500", source=2, year=2019, label="Organisatie"),
    ]
    entries = [
        _entry(1, "uitgave", "1200"),  # line 1 overspent by 200
        _entry(2, "verplichting", "300.33"),
        _entry(3, "uitgave", "0.01"),
    ]
    report = exhaustion_report(lines, entries)
    assert [e.remaining for e in report.lines] == [D("-200"), D("699.67"), D("499.99")]
    assert [e.label for e in report.overspent_lines] == ["Evenementen"]
    effort, item = report.efforts
    assert effort.label == "Evenementen" and effort.budget == D("2000")
    assert effort.remaining == D("499.67") and not effort.overspent
    assert item.label == "Organisatie" and item.subject is None
    assert [(s.key, s.budget, s.used) for s in report.sources] == [
        (1, D("2000"), D("1500.33")),
        (2, D("500"), D("0.01")),
    ]
    assert [s.key for s in report.source_years] == [(1, 2019), (1, 2020), (2, 2019)]
    assert [(y.key, y.budget) for y in report.years] == [(2019, D("1500")), (2020, D("1000"))]
    assert report.total.remaining == D("999.66")
    assert report.total.percentage == D("60.0")
