"""What can be wrong with a programme file or an export: :class:`Problem` and the errors
that carry them, plus the way a value from the file is shown in a message."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .schema import PROGRAMME_SECTION


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a JSON path such as ``operationele_doelen[3].code``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ExchangeError(Exception):
    """A programme could not be exported or imported; ``problems`` says why, each at its path."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ProgrammeExistsError(ExchangeError):
    """The file's programme is already in the database and replacing it was not asked for."""

    def __init__(self, slug: str):
        self.slug = slug
        super().__init__(
            [
                Problem(
                    f"{PROGRAMME_SECTION.key}.slug",
                    _("A programme with the short name %(slug)s already exists.")
                    % {"slug": _show(slug)},
                )
            ]
        )


def _show(value: Any, limit: int = 60) -> str:
    """A value as the user wrote it in the file, shortened."""
    if isinstance(value, Decimal):
        text = str(value)
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: The public name of :func:`_show`, for the complete exchange (:mod:`koers.exchange`).
show_value = _show
