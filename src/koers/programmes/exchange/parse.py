"""Reading a programme file: UTF-8 JSON text to data, with exact decimals and a clear problem
for anything that is not JSON. Whether the data is a programme is for :mod:`.validate`."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .problems import ExchangeError, Problem, _show


class _DuplicateKeyError(ValueError):
    pass


def _object_without_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def parse_programme_json(raw: bytes | str) -> Any:
    """The JSON data of a file; numbers with a fraction are read as exact decimals.

    Raises :class:`ExchangeError` with a single problem when the file is not UTF-8 text or not
    JSON. Whether it is a programme file is for :func:`validate_programme_dict` to say.
    """
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ExchangeError(
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
            ) from exc
    try:
        return json.loads(
            raw,
            parse_float=Decimal,
            parse_constant=_reject_constant,
            object_pairs_hook=_object_without_duplicate_keys,
        )
    except json.JSONDecodeError as exc:
        message = _(
            "The file is not valid JSON: the error is at line %(line)d, column %(column)d "
            "(for example a missing comma or quote, or a file that is empty)."
        ) % {"line": exc.lineno, "column": exc.colno}
    except _DuplicateKeyError as exc:
        message = _("The file is not valid: an object contains the key %(key)s twice.") % {
            "key": _show(exc.args[0])
        }
    except ValueError as exc:
        message = _("The file is not valid JSON: %(value)s is not a number.") % {
            "value": exc.args[0]
        }
    raise ExchangeError([Problem("", message)])
