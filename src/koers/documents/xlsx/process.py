"""A new programme from an Excel workbook in the layout of :mod:`.layout` (the template or
an export of another programme).

The workbook is read into the data of the JSON exchange (:mod:`koers.programmes.exchange`) and
checked and written by the exchange itself: every rule of a programme file holds for a workbook,
and each problem's JSON path is traced back to its sheet, row and column. The budget (sources,
availability, budget lines) is not part of the exchange; it is checked here and written through
the finance services after the programme, in the same transaction. Nothing is written unless the
whole workbook is correct.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from koers.finance import services as finance_services
from koers.finance.models import FundingSource
from koers.programmes.exchange import (
    ExchangeError,
    ProgrammeExistsError,
    programme_import,
    validate_programme_dict,
)
from koers.programmes.exchange.schema import FORMAT, FORMAT_VERSION, SECTIONS
from koers.programmes.models import Effort, Programme
from koers.workbook_limits import too_large_message, unpacked_size

from . import read as _read
from .layout import (
    AVAILABLE_SHEET,
    BUDGET_SHEET,
    EFFORTS_SHEET,
    PROGRAMME_SHEET,
    ROLES_SHEET,
    SHEETS,
    SOURCES_SHEET,
)
from .problems import BudgetRow, SheetProblem, XlsxCheck, XlsxImportRefused
from .read import Reader, person_refs
from .validate import BudgetChecker, from_exchange

MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # a big programme's workbook unpacks to about 1 MB


def _open(data: bytes, check: XlsxCheck):
    try:
        if unpacked_size(data) > MAX_UNPACKED_BYTES:
            check.problems.append(
                SheetProblem(
                    None,
                    None,
                    too_large_message(max_bytes=MAX_UNPACKED_BYTES, max_rows=_read.MAX_ROWS),
                )
            )
            return None
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any damage to an uploaded zip/XML is the same answer
        check.problems.append(
            SheetProblem(
                None,
                None,
                _(
                    "The file is not an Excel workbook (.xlsx). Save it in Excel as "
                    "‘Excel-werkmap (.xlsx)’ and try again."
                ),
            )
        )
        return None


def _sort_key(problem: SheetProblem) -> tuple:
    order = {s.title: i for i, s in enumerate(SHEETS)}
    return (order.get(problem.sheet or "", -1), problem.row or 0, problem.letter or "")


def check_workbook(data: bytes, *, file_name: str = "") -> XlsxCheck:
    """Read and check a whole workbook without writing anything; every problem at its sheet, row
    and column. ``check.data`` and ``check.budget`` hold what is to be written when it is valid
    (the short name is checked against the programmes that exist now)."""
    check = XlsxCheck(file_name=file_name)
    workbook = _open(data, check)
    if workbook is None:
        return check
    try:
        reader = Reader(workbook)
        exchange: dict[str, Any] = {"format": FORMAT, "format_version": FORMAT_VERSION}
        exchange[PROGRAMME_SHEET.section] = reader.programme()
        for sheet in SHEETS:
            if (
                sheet.key_value
                or sheet is ROLES_SHEET
                or sheet.section not in {s.key for s in SECTIONS}
            ):
                continue
            exchange[sheet.section] = reader.table(sheet)
        reader.activities(exchange[EFFORTS_SHEET.section])
        exchange[ROLES_SHEET.section] = reader.roles()
        person_refs(exchange[EFFORTS_SHEET.section], "owner")
        person_refs(exchange[ROLES_SHEET.section], "person")
        efforts = {
            e["name"] for e in exchange[EFFORTS_SHEET.section] if isinstance(e.get("name"), str)
        }
        budget = BudgetChecker(reader, efforts).check()
    finally:
        workbook.close()
    if reader.structure:
        # Without a sheet or column, what refers to its elements cannot be judged: the structure
        # first.
        problems = reader.structure
    else:
        problems = reader.problems + from_exchange(reader, validate_programme_dict(exchange))
    slug = exchange[PROGRAMME_SHEET.section].get("slug")
    if not problems and Programme.objects.filter(slug=slug).exists():
        problems = from_exchange(reader, ProgrammeExistsError(slug).problems)
    check.problems = sorted(problems, key=_sort_key)
    check.reader = reader
    if not check.problems:
        check.data = exchange
        check.budget = budget
    return check


class _BudgetWriteError(Exception):
    pass


def _write_budget(programme: Programme, check: XlsxCheck, actor) -> None:
    problems: list[SheetProblem] = []

    def attempt(row: BudgetRow, create, **kwargs):
        try:
            return create(actor=actor, **kwargs)
        except ValidationError as exc:
            problems.extend(row.location.problem(m) for m in exc.messages)
            return None

    sources: dict[str, FundingSource] = {}
    for row in check.budget.get(SOURCES_SHEET.section, []):
        source = attempt(row, finance_services.source_create, programme=programme, **row.fields)
        if source is not None:
            sources[source.name.casefold()] = source
    for row in check.budget.get(AVAILABLE_SHEET.section, []):
        fields = dict(row.fields)
        source = sources.get(fields.pop("source").casefold())
        if source is not None:
            attempt(row, finance_services.availability_create, source=source, **fields)
    efforts = {e.name: e for e in Effort.objects.filter(programme=programme)}
    for row in check.budget.get(BUDGET_SHEET.section, []):
        fields = dict(row.fields)
        source = sources.get(fields.pop("source").casefold())
        effort_name = fields.pop("effort")
        effort = efforts.get(effort_name) if effort_name else None
        if source is not None:
            attempt(
                row,
                finance_services.budget_line_create,
                programme=programme,
                source=source,
                effort=effort,
                **fields,
            )
    if problems:
        check.problems = problems
        raise _BudgetWriteError


def import_workbook(data: bytes, *, actor, file_name: str = "") -> tuple[Programme, XlsxCheck]:
    """Check the workbook and, when it is correct, write the programme with its budget in one
    transaction. Raises :class:`XlsxImportRefused` (nothing written) on any problem."""
    check = check_workbook(data, file_name=file_name)
    if not check.is_valid:
        raise XlsxImportRefused(check)
    try:
        with transaction.atomic():
            programme = programme_import(check.data, actor=actor, notes=check.notes)
            _write_budget(programme, check, actor)
    except ExchangeError as exc:
        check.problems = from_exchange(check.reader, exc.problems)
        check.data = None
        raise XlsxImportRefused(check) from exc
    except _BudgetWriteError as exc:
        check.data = None
        raise XlsxImportRefused(check) from exc
    return programme, check
