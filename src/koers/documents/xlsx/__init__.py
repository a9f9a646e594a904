"""The programme as an Excel workbook: the export, the empty template, and a new programme read
from a workbook. The layout and every message are described (in Dutch) in ``docs/excel.md``.
Modules:

- :mod:`.layout` — the sheets and their columns, shared by everything below;
- :mod:`.write` — typed cells, header rows, choice lists;
- :mod:`.template` — the empty template with its explanation sheet ``Uitleg``;
- :mod:`.selectors` and :mod:`.export` — a programme's data, written as a workbook;
- :mod:`.problems` — a problem at its sheet, row and column; the outcome of a check;
- :mod:`.read` — cells and sheets into the data of the JSON exchange;
- :mod:`.validate` — the budget sheets, and the exchange's problems traced back to cells;
- :mod:`.process` — :func:`check_workbook` and :func:`import_workbook`.
"""

from .export import CONTENT_TYPE, READ_ONLY_SHEETS, programme_workbook, programme_xlsx
from .layout import EXPLANATION_TITLE, REFERENCES, SHEETS, Column, Sheet
from .problems import SheetProblem, XlsxCheck, XlsxImportRefused
from .process import check_workbook, import_workbook
from .template import template_workbook

__all__ = [
    "CONTENT_TYPE",
    "EXPLANATION_TITLE",
    "READ_ONLY_SHEETS",
    "REFERENCES",
    "SHEETS",
    "Column",
    "Sheet",
    "SheetProblem",
    "XlsxCheck",
    "XlsxImportRefused",
    "check_workbook",
    "import_workbook",
    "programme_workbook",
    "programme_xlsx",
    "template_workbook",
]
