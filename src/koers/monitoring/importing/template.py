"""The delivery template: the header row and two example rows, as CSV and as XLSX.

The column names and the example rows are part of the (Dutch) delivery format itself, so they
are not translated. The example rows carry :data:`EXAMPLE_NOTE`; a row with exactly that note is
refused on import, so a forgotten example row never becomes a measurement.
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from koers.spreadsheet import csv_row, xlsx_protect

from .problems import COLUMNS

EXAMPLE_NOTE = "Voorbeeldrij: verwijder deze rij"
EXAMPLE_ROWS = (
    ("almelo-binnenstad", "1a", "2019", "94.250", "Binnenstadsmonitor 2019", EXAMPLE_NOTE),
    ("almelo-binnenstad", "3a", "2019-Q3", "6,8", "Bezoekersenquête 2019", EXAMPLE_NOTE),
)


def template_csv() -> bytes:
    """Header and two example rows; UTF-8 with byte order mark (so Excel reads it right),
    separated by semicolons (as Dutch Excel writes CSV)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(csv_row(COLUMNS))
    writer.writerows(csv_row(row) for row in EXAMPLE_ROWS)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _explanation() -> list[tuple[str, str]]:
    return [
        (
            "programma",
            _("The programme's short name, as in its web address, e.g. almelo-binnenstad."),
        ),
        (
            "indicator",
            _("The code of the measurable operational goal, e.g. 1a (capitals do not matter)."),
        ),
        (
            "periode",
            _(
                "The period of the value: a year (2019), quarter (2019-Q3), month (2019-07), ISO "
                "week (2019-W27) or day (2019-07-01). Type it as text."
            ),
        ),
        (
            "waarde",
            _(
                "The measured value, a number: 93000, 93.000, 7,5 or 7.5. A dot followed by "
                "exactly three digits (7.000) is a thousands separator: seven thousand. Write "
                "seven as 7 or 7,0. At most 4 decimals. A percent sign after the number is ignored."
            ),
        ),
        (
            "bron",
            _(
                "Optional: where the value comes from, e.g. Binnenstadsmonitor 2019 (at most "
                "300 characters)."
            ),
        ),
        ("opmerking", _("Optional: a note with the value (at most 1000 characters).")),
        (
            "voorlopig",
            _(
                "Optional column: ja if the supplier may still correct the value, else nee or "
                "empty."
            ),
        ),
        (
            "bekend_sinds",
            _(
                "Optional column: the day from which the value is known, e.g. the publication "
                "date of the survey: 2027-03-15 or 15-3-2027, from the first day of the period up "
                "to today. Empty: for a new value the end of the period (or the day of the import "
                "when that is earlier); an existing value keeps its day."
            ),
        ),
        ("", ""),
        (
            "",
            _(
                "The first row holds the column names; every other row is one value of one "
                "indicator over one period. Delete the example rows before importing. An "
                "existing value for the same indicator and period is replaced; its previous "
                "value stays in the history."
            ),
        ),
    ]


def template_xlsx() -> bytes:
    """The template as an Excel workbook: sheet 1 the rows to fill in (the period column set
    to text, so Excel leaves 2019-07 alone), sheet 2 an explanation of each column."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Metingen"
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in EXAMPLE_ROWS:
        slug, code, period, value, source, note = row
        ws.append([slug, code, period, value, source, note])
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, min_col=1, max_col=len(COLUMNS)):
        for cell in row:
            cell.number_format = "@"
    for letter, width in zip("ABCDEF", (22, 12, 12, 14, 30, 40), strict=True):
        ws.column_dimensions[letter].width = width
        ws.column_dimensions[letter].number_format = "@"
    ws.freeze_panes = "A2"
    xlsx_protect(cell for row in ws.iter_rows() for cell in row)
    info = wb.create_sheet("Toelichting")
    info.append([_("Column"), _("What to fill in")])
    for cell in info[1]:
        cell.font = Font(bold=True)
    for name, text in _explanation():
        info.append([name, text])
    info.column_dimensions["A"].width = 14
    info.column_dimensions["B"].width = 100
    for row in info.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    xlsx_protect(cell for row in info.iter_rows() for cell in row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
