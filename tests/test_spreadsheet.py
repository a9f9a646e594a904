"""No value runs as a formula in any CSV or XLSX file Koers writes (issue 17.6, 18.2): the one
rule (:mod:`koers.spreadsheet`), and every download walked with formula-like text stored in
every text field it can write."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import models
from django.db.models import Case, CharField, Value, When
from django.db.models.functions import Cast, Concat, Mod
from django.db.models.lookups import Exact
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from koers.monitoring.models import Measurement
from koers.programmes.models import Indicator, Programme
from koers.public.models import IndicatorPublication, ProgrammePublication
from koers.spreadsheet import (
    FORMULA_START,
    csv_row,
    csv_safe,
    csv_unquote,
    starts_like_formula,
    xlsx_protect,
)

PAYLOADS = ('=HYPERLINK("http://x")', "+31", "-5 stuks", "@SUM(A1)", "\tx", "\rx")
NUMBER = re.compile(r"^-?\d+(,\d+)?$")


# --- the rule (pure) ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", PAYLOADS)
def test_text_that_starts_like_a_formula_is_quoted_in_csv(text):
    assert starts_like_formula(text)
    assert csv_safe(text) == "'" + text
    assert csv_unquote(csv_safe(text)) == text


@pytest.mark.parametrize("value", ["", "tekst", "31", "'quoted", "a=b", None, Decimal("-5"), -5])
def test_anything_else_is_left_alone(value):
    assert not starts_like_formula(value)
    assert csv_safe(value) == value


def test_numbers_stay_numbers():
    row = csv_row(
        ["-5 stuks", Decimal("-5.5"), -3, True], number=lambda d: str(d).replace(".", ",")
    )
    assert row == ["'-5 stuks", "-5,5", "-3", True]
    assert csv_unquote("'x") == "'x"  # a quote before ordinary text is the text's own


def test_xlsx_cells_are_text_with_the_quote_prefix_and_read_back_exactly():
    wb = Workbook()
    ws = wb.active
    ws.append([*PAYLOADS, -5, "gewoon"])
    xlsx_protect(ws[1])
    buffer = io.BytesIO()
    wb.save(buffer)
    for data_only in (False, True):
        cells = load_workbook(io.BytesIO(buffer.getvalue()), data_only=data_only).active[1]
        assert [c.value for c in cells] == [*PAYLOADS, -5, "gewoon"]
        assert [c.data_type for c in cells] == ["s"] * 6 + ["n", "s"]
        assert [c.quotePrefix for c in cells] == [True] * 6 + [False, False]


# --- every download, with formula-like text in every text field ---------------------------------


def _poisonable(field) -> bool:
    return (
        isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField | models.EmailField | models.URLField)
        and not field.choices
        and not field.unique
        and field.name not in ("code", "password", "username")  # addresses and log-in
        and (field.max_length is None or field.max_length >= 40)
    )


def _poison() -> int:
    """Every filled-in text field of every Koers model, row by row one of the payloads followed
    by the row's id (so unique combinations stay unique). Returns how many columns there are."""
    filled = 0
    for model in apps.get_models():
        if not model.__module__.startswith("koers.") or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            if not _poisonable(field):
                continue
            payload = Case(
                *(
                    When(Exact(Mod("pk", len(PAYLOADS)), i), then=Value(p))
                    for i, p in enumerate(PAYLOADS)
                ),
                output_field=CharField(),
            )
            filled_rows = model._default_manager.exclude(**{field.name: ""}).exclude(
                **{f"{field.name}__isnull": True}
            )
            filled_rows.update(
                **{field.name: Concat(payload, Value(" #"), Cast("pk", CharField()))}
            )
            filled += 1
    return filled


def _publish(programme: Programme) -> list[str]:
    ProgrammePublication.objects.update_or_create(programme=programme, defaults={"published": True})
    codes = []
    for indicator in Indicator.objects.filter(operational_goal__programme=programme):
        IndicatorPublication.objects.update_or_create(
            indicator=indicator, defaults={"published": True}
        )
        codes.append(indicator.operational_goal.code)
    return codes


def _check_csv(data: bytes) -> tuple[list[list[str]], int]:
    """The rows of a Koers CSV (BOM, semicolons); no field starts like a formula unless it is
    quoted or a number Koers wrote. Returns the rows and how many fields were quoted."""
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    quoted = 0
    for row in rows:
        for field in row:
            if field.startswith(FORMULA_START):
                assert NUMBER.match(field), field
            if len(field) > 1 and field[0] == "'" and field[1] in FORMULA_START:
                quoted += 1
    return rows, quoted


def _check_xlsx(data: bytes) -> int:
    """No cell of any sheet is a formula; each formula-like text is a quote-prefixed text
    cell. Returns how many such cells there are."""
    protected = 0
    for ws in load_workbook(io.BytesIO(data)).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if starts_like_formula(cell.value):
                    assert cell.data_type == "s" and cell.quotePrefix, (ws.title, cell.value)
                    protected += 1
    return protected


@pytest.mark.django_db
def test_no_download_holds_a_live_formula(client, admin_user, demo):
    programme = Programme.objects.get(slug="almelo-binnenstad")
    codes = _publish(programme)
    negative = Measurement.objects.filter(indicator__operational_goal__programme=programme)
    negative.filter(pk__in=negative.values("pk")[:3]).update(value=Decimal("-5"))
    assert _poison() > 50
    client.force_login(admin_user)

    def get(name, *args):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        return b"".join(response.streaming_content) if response.streaming else response.content

    # The public open data: Dutch Excel CSV, Dutch headers, text quoted, numbers as numbers.
    rows, quoted = _check_csv(get("public:programme_data", programme.slug, "csv"))
    assert rows[0][:3] == ["programma", "doel", "indicator"] and quoted > 10
    values = [row[rows[0].index("waarde")] for row in rows[1:]]
    assert "-5" in values and all(NUMBER.match(v) for v in values)
    for code in codes:
        _check_csv(get("public:indicator_data", programme.slug, code, "csv"))
    # The measurements in the delivery format, and the templates.
    rows, quoted = _check_csv(get("monitoring:measurements_csv", programme.slug))
    assert quoted > 10 and "-5" in [row[3] for row in rows]
    _check_csv(get("monitoring:import_template", "csv"))
    _check_csv(get("finance:spending_template", programme.slug))
    # The programme workbook (every sheet, the read-only ones too) and the templates.
    assert _check_xlsx(get("documents:xlsx_export", programme.slug)) > 100
    _check_xlsx(get("documents:xlsx_template"))
    _check_xlsx(get("monitoring:import_template", "xlsx"))
