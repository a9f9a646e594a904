"""Fixtures and helpers shared by the import tests. A module that uses a fixture imports its
``*_fixture`` function (the fixture itself has the short name)."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from koers.monitoring.importing import COLUMNS
from koers.monitoring.models import Measurement
from koers.programmes import services
from koers.programmes.constants import GoalKind, TargetKind
from koers.programmes.models import StrategicGoal
from tests.builders import bare_programme

CORPUS = Path(__file__).parent / "import_corpus"
HistoricalMeasurement = Measurement.history.model


@pytest.fixture(name="rating_goal")
def rating_goal_fixture(programme, admin_user):
    """Goal 1c of the test programme: a rating written with one decimal (7,0)."""
    sg = StrategicGoal.objects.get(programme=programme, code="1")
    return services.operational_goal_create(
        actor=admin_user,
        programme=programme,
        strategic_goal=sg,
        code="1c",
        statement="Bezoekers waarderen de binnenstad met een 7,0",
        kind=GoalKind.MEASURABLE,
        indicator={
            "name": "Waardering binnenstad",
            "unit": "cijfer",
            "decimals": 1,
            "target_kind": TargetKind.REACH,
            "target_value": Decimal("7.0"),
            "target_date": date(2022, 12, 31),
        },
    )


@pytest.fixture(name="other_programme")
def other_programme_fixture(admin_user):
    """A second programme with a measurable goal 1a, for permission tests."""
    p = bare_programme(admin_user, "ander-programma", name="Ander programma")
    sg = services.object_create(
        services.StrategicGoal, actor=admin_user, programme=p, code="1", text="Iets anders"
    )
    services.operational_goal_create(
        actor=admin_user,
        programme=p,
        strategic_goal=sg,
        code="1a",
        statement="Meer van iets",
        kind=GoalKind.MEASURABLE,
        indicator={"name": "Aantal", "unit": "aantal"},
    )
    return p


def csv_bytes(rows, *, header=COLUMNS, sep=";", bom=True) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def write_csv(tmp_path: Path, rows, name: str = "metingen.csv", **kwargs) -> Path:
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows, **kwargs))
    return path


def write_xlsx(tmp_path: Path, rows, name: str = "metingen.xlsx", header=COLUMNS) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    if header is not None:
        ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    path = tmp_path / name
    wb.save(path)
    return path


def counts() -> tuple[int, int]:
    """(measurements, historical measurement records)."""
    return Measurement.objects.count(), HistoricalMeasurement.objects.count()


def values(programme) -> dict[tuple[str, str], Decimal]:
    """{(goal code, period code): value} of the programme's measurements."""
    return {
        (m.indicator.operational_goal.code, m.period_code): m.value
        for m in Measurement.objects.filter(
            indicator__operational_goal__programme=programme
        ).select_related("indicator__operational_goal")
    }
