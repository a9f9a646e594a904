"""Totals of contributions: plain data, exact to the cent and the tenth of an hour."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from koers.partners.totals import totals, totals_by_year

D = Decimal


def c(kind, year=2020, ca=None, da=None, ch=None, dh=None, note=""):
    return SimpleNamespace(
        kind=kind,
        year=year,
        committed_amount=ca,
        delivered_amount=da,
        committed_hours=ch,
        delivered_hours=dh,
        delivered_note=note,
    )


def test_money_and_hours_add_exactly():
    t = totals(
        [
            c("geld", ca=D("0.10"), da=D("0.05")),
            c("geld", ca=D("0.20")),
            c("uren", ch=D("10.5"), dh=D("2.3")),
            c("uren", ch=D("0.5")),
            c("product", note="Rapport opgeleverd"),
            c("product", note="  "),
        ]
    )
    assert t.committed_amount == D("0.30")  # not 0.30000000000000004
    assert t.delivered_amount == D("0.05")
    assert t.money_outstanding == D("0.25")
    assert t.committed_hours == D("11.0") and t.delivered_hours == D("2.3")
    assert t.hours_outstanding == D("8.7")
    assert (t.deliverables, t.delivered_deliverables, t.count) == (2, 1, 6)


def test_totals_per_year_in_order():
    by_year = totals_by_year(
        [c("geld", 2021, ca=D("5")), c("geld", 2019, ca=D("1")), c("geld", 2021, ca=D("2.5"))]
    )
    assert list(by_year) == [2019, 2021]
    assert by_year[2021].committed_amount == D("7.5")


def test_more_delivered_than_committed_is_not_negative_outstanding():
    t = totals([c("geld", ca=D("100"), da=D("120"))])
    assert t.money_outstanding == 0
