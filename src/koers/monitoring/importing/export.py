"""A programme's measurements as a CSV file in the delivery format, streamed row by row.

Importing the file again changes nothing: values are written without thousands separators and
with a decimal comma (``93000``, ``6,5``), which the import reads back exactly; the optional
columns ``voorlopig`` and ``bekend_sinds`` keep the provisional flag and the day from which the
value is known. A source or note that starts with ``=``, ``+``,
``-`` or ``@`` gets a leading ``'`` so a spreadsheet does not run it as a formula; the import
removes that quote again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

from django.utils import timezone

from koers.numbers import format_decimal_input
from koers.spreadsheet import csv_row

from ..models import Measurement
from ..periods import period_code
from .problems import COLUMNS

ROWS_PER_CHUNK = 500


def measurements_csv(programme, *, today: dt.date | None = None) -> Iterator[str]:
    """Yield the CSV text in pieces: UTF-8 byte order mark and header first, then the rows
    ordered by goal and period. ``bekend_sinds`` stays empty for a value known only from a day
    after ``today`` (one of a period that has not begun): the import refuses a day in the
    future, and an empty cell keeps the day the value has."""
    today = today or timezone.localdate()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow((*COLUMNS, "voorlopig", "bekend_sinds"))
    yield "\ufeff" + out.getvalue()
    rows = (
        Measurement.objects.filter(indicator__operational_goal__programme=programme)
        .order_by(
            "indicator__operational_goal__strategic_goal__order",
            "indicator__operational_goal__order",
            "indicator__operational_goal__code",
            "period_start",
            "period_end",
        )
        .values_list(
            "indicator__operational_goal__code",
            "period_kind",
            "period_start",
            "value",
            "source",
            "note",
            "is_provisional",
            "known_from",
        )
    )
    out.seek(0)
    out.truncate()
    count = 0
    for code, kind, start, value, source, note, provisional, known in rows.iterator(
        chunk_size=2000
    ):
        writer.writerow(
            csv_row(
                (
                    programme.slug,
                    code,
                    period_code(kind, start),
                    value,
                    source,
                    note,
                    "ja" if provisional else "nee",
                    known.isoformat() if known <= today else "",
                ),
                number=format_decimal_input,
            )
        )
        count += 1
        if count % ROWS_PER_CHUNK == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    if out.tell():
        yield out.getvalue()
