"""Exchange of a programme's DIN as one JSON file (format ``koers-programma``, version 1).

The complete exchange (format version 2: the DIN and everything of the programme's record) is
:mod:`koers.exchange`, an app above all others, which owns the commands ``koers export`` and
``koers import`` and uses this package for the DIN sections; version-1 files are read here.

Three parts, each usable on its own:

* :func:`programme_to_dict` / :func:`programme_to_json` read a programme through one prefetched
  query set (a fixed number of queries, whatever its size) into plain data with natural keys
  (:mod:`.export`);
* :func:`parse_programme_json` and :func:`validate_programme_dict` read a file and check it
  completely without touching the database, collecting every problem with its JSON path
  (:mod:`.parse`, :mod:`.validate`);
* :func:`programme_import` writes a checked file through the services in one transaction: either
  the whole programme is written or nothing is (:mod:`.write`).

Problems are reported as :class:`Problem` values inside an :class:`ExchangeError`
(:mod:`.problems`). The format itself is described in :mod:`koers.programmes.exchange.schema`
and, for users, in ``docs/uitwisseling.md``.

Decimals are written as JSON strings in a canonical form: the exact value without trailing zeros
and without exponent (``Decimal("93000.0000")`` → ``"93000"``, ``7.5000`` → ``"7.5"``). The
database keeps a fixed number of decimal places (SQLite and PostgreSQL alike), so the scale a
value was typed with is not stored and cannot be exported; the canonical form is the same on
every database, which makes export → import → export give the same bytes.
"""

from .export import (
    decimal_to_str,
    dict_to_json,
    export_queryset,
    programme_to_dict,
    programme_to_json,
)
from .parse import parse_programme_json
from .problems import ExchangeError, Problem, ProgrammeExistsError
from .validate import validate_programme_dict
from .write import programme_import

__all__ = [
    "ExchangeError",
    "Problem",
    "ProgrammeExistsError",
    "decimal_to_str",
    "dict_to_json",
    "export_queryset",
    "parse_programme_json",
    "programme_import",
    "programme_to_dict",
    "programme_to_json",
    "validate_programme_dict",
]
