"""Reading a programme file with bounded memory.

The exporter writes the measurements last, one JSON object a line, between the lines
``  "metingen": [`` and ``  ]`` (docs/uitwisseling.md, "Groot bestand"). This reader keeps
everything before that line (the rest of the programme: small) and then yields the measurements
one line at a time, so a file with a million measurements is never in memory as a whole. A file
laid out otherwise (a version-1 file, or one a tool wrote in its own layout) is still read, as a
whole, by the ordinary JSON parser. No streaming JSON library is needed for this.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any

from django.utils.translation import gettext as _

from koers.programmes.exchange import ExchangeError, Problem, parse_programme_json

from .kinds import MEASUREMENTS

_OPEN = f'  "{MEASUREMENTS.section}": ['
_EMPTY = f'  "{MEASUREMENTS.section}": []'


class ProgrammeFile:
    """A file's ``header`` (all but the measurements) and its measurements, read once."""

    def __init__(self, header: dict[str, Any], rows: Iterator[tuple[str, Any]] | None):
        self.header = header
        self._rows = rows

    def measurements(self) -> Iterator[tuple[str, Any]]:
        """(path, measurement) in file order; can be called once."""
        rows, self._rows = self._rows, iter(())
        return rows if rows is not None else iter(())


def _text(stream: IO[bytes]) -> io.TextIOWrapper:
    return io.TextIOWrapper(stream, encoding="utf-8-sig", newline="\n")


def _decode_problem(exc: UnicodeDecodeError) -> ExchangeError:
    return ExchangeError(
        [
            Problem(
                "",
                _(
                    "The file is not UTF-8 encoded text (unexpected byte at position "
                    "%(position)d). Save it as UTF-8 and try again."
                )
                % {"position": exc.start},
            )
        ]
    )


def read_programme_file(stream: IO[bytes]) -> ProgrammeFile:
    """Read the header of a programme file from a binary stream; the measurements follow
    lazily (:meth:`ProgrammeFile.measurements`), so the stream must stay open until they are
    read."""
    text = _text(stream)
    lines: list[str] = []
    try:
        for line in text:
            bare = line.rstrip("\r\n")
            if bare == _EMPTY:
                lines.append(bare + "\n")
                lines.extend(text)
                break
            if bare == _OPEN:
                header = parse_programme_json("".join(lines) + _EMPTY + "\n}")
                return ProgrammeFile(header, _rows(text, len(lines) + 1))
            lines.append(line)
    except UnicodeDecodeError as exc:
        raise _decode_problem(exc) from exc
    data = parse_programme_json("".join(lines))
    rows = None
    if isinstance(data, dict) and isinstance(data.get(MEASUREMENTS.section), list):
        items = data[MEASUREMENTS.section]
        data[MEASUREMENTS.section] = []
        rows = ((f"{MEASUREMENTS.section}[{i}]", row) for i, row in enumerate(items))
    return ProgrammeFile(data, rows)


def _rows(text: io.TextIOWrapper, line_number: int) -> Iterator[tuple[str, Any]]:
    index = 0
    closed = False
    try:
        for line in text:
            line_number += 1
            bare = line.strip()
            if closed:
                if bare not in ("}", ""):
                    raise _layout_problem(line_number)
                continue
            if bare == "]":
                closed = True
                continue
            try:
                row = json.loads(bare.removesuffix(","), parse_float=Decimal)
            except json.JSONDecodeError as exc:
                raise ExchangeError(
                    [
                        Problem(
                            f"{MEASUREMENTS.section}[{index}]",
                            _(
                                "The file is not valid JSON: the error is at line %(line)d, "
                                "column %(column)d (for example a missing comma or quote, or a "
                                "file that is empty)."
                            )
                            % {"line": line_number, "column": exc.colno},
                        )
                    ]
                ) from exc
            yield f"{MEASUREMENTS.section}[{index}]", row
            index += 1
    except UnicodeDecodeError as exc:
        raise _decode_problem(exc) from exc
    if not closed:
        raise _layout_problem(line_number)


def _layout_problem(line_number: int) -> ExchangeError:
    return ExchangeError(
        [
            Problem(
                MEASUREMENTS.section,
                _(
                    "The list of measurements is not closed properly (line %(line)d); the file "
                    "is incomplete or was changed by hand."
                )
                % {"line": line_number},
            )
        ]
    )
